from .smoke import AddonSmokeCase


class TestInstall(AddonSmokeCase):
    addon = "fl_state_codes"
