from odoo.addons.fl_state_codes.tests.smoke import AddonSmokeCase


class TestInstall(AddonSmokeCase):
    addon = "focus_transfers"
