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

    def test_views_and_menu(self):
        """Every table has its list, form and search views and a menu entry."""
        root = self.env.ref("fl_state_codes.fl_state_codes_menu_root")
        admin_menus = self.env["ir.ui.menu"].with_user(self.admin)._visible_menu_ids()
        user_menus = (
            self.env["ir.ui.menu"].with_user(self.registrar)._visible_menu_ids()
        )
        self.assertIn(root.id, admin_menus)
        self.assertNotIn(root.id, user_menus)
        actions = self.env["ir.actions.act_window"].search(
            [("res_model", "=like", "fl.%"), ("id", "in", self._module_record_ids())]
        )
        self.assertEqual(len(actions), 29)
        for action in actions:
            with self.subTest(model=action.res_model):
                views = (
                    self.env[action.res_model]
                    .with_user(self.admin)
                    .get_views([(False, "list"), (False, "form"), (False, "search")])
                )
                self.assertIn('editable="bottom"', views["views"]["list"]["arch"])
                menu = self.env["ir.ui.menu"].search(
                    [("action", "=", f"ir.actions.act_window,{action.id}")]
                )
                self.assertEqual(len(menu), 1)
                self.assertIn(menu.id, admin_menus)

    def _module_record_ids(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "fl_state_codes"), ("model", "=", "ir.actions.act_window")]
        )
        return data.mapped("res_id")
