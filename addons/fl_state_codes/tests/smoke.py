"""A smoke check every addon runs: it is installed, its models, views, actions
and menus load for an internal user. Imported by the three addons' tests."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class AddonSmokeCase(TransactionCase):
    """Subclass with ``addon = "<name>"``."""

    addon = None
    # Odoo collects only the test methods a class defines itself, unless told.
    allow_inherited_tests_method = True

    def _xmlids(self, model):
        return self.env["ir.model.data"].search(
            [("module", "=", self.addon), ("model", "=", model)]
        )

    def test_addon_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", self.addon)])
        self.assertEqual(module.state, "installed")

    def test_models_have_access_rules(self):
        models = self.env["ir.model"].browse(self._xmlids("ir.model").mapped("res_id"))
        for model in models:
            if self.env[model.model]._abstract:
                continue
            with self.subTest(model=model.model):
                self.assertTrue(model.access_ids, f"{model.model} has no access rules")

    def test_window_actions_open(self):
        """Every window action's views compile (get_views) for its model."""
        actions = self.env["ir.actions.act_window"].browse(
            self._xmlids("ir.actions.act_window").mapped("res_id")
        )
        for action in actions:
            with self.subTest(action=action.xml_id):
                views = [(v.id, v.view_mode) for v in action.view_ids] or [
                    (False, mode) for mode in action.view_mode.split(",")
                ]
                result = self.env[action.res_model].get_views(
                    views + [(False, "search")]
                )
                self.assertTrue(result["views"])

    def test_menus_load(self):
        """The menu tree loads for the administrator and shows every menu of
        the addon that the administrator's groups allow."""
        admin_env = self.env(user=self.env.ref("base.user_admin"))
        menus = admin_env["ir.ui.menu"].load_menus(debug=False)
        self.assertTrue(menus["root"]["children"])
        ours = admin_env["ir.ui.menu"].browse(
            self._xmlids("ir.ui.menu").mapped("res_id")
        )
        visible = ours._filter_visible_menus()
        self.assertLessEqual(set(visible.ids), set(menus))
