from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAccess(TransactionCase):
    """Every internal user reads the codes; only the administrators edit them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registrar = new_test_user(
            cls.env, "fl_codes_registrar", groups="base.group_user"
        )
        cls.admin = new_test_user(
            cls.env, "fl_codes_admin", groups="fl_state_codes.group_state_code_admin"
        )

    def test_internal_user_reads_but_cannot_edit(self):
        District = self.env["fl.district"].with_user(self.registrar)
        self.assertEqual(District._lookup("12").name, "Columbia")
        for model in ("fl.school", "fl.withdrawal.code", "fl.message.type"):
            self.assertTrue(self.env[model].with_user(self.registrar).search_count([]))
        with self.assertRaises(AccessError):
            District._lookup("12").write({"name": "Changed"})
        with self.assertRaises(AccessError):
            District.create({"code": "98", "name": "New"})

    def test_state_code_administrator_edits(self):
        District = self.env["fl.district"].with_user(self.admin)
        self.assertTrue(self.admin.has_group("base.group_user"))
        district = District._lookup("80")
        district.write({"name": "Named district 80"})
        self.assertEqual(district.name, "Named district 80")
        district.action_archive()
        self.assertFalse(district.active)
