from odoo.addons.fl_state_codes.tests.smoke import AddonSmokeCase


class TestInstall(AddonSmokeCase):
    addon = "faster_export"
