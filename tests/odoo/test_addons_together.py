"""The three addons installed together, in dependency order."""

from odoo.tests import TransactionCase, tagged

ADDONS = ["fl_state_codes", "focus_transfers", "faster_export"]


# Outside an addon Odoo cannot derive the test tags: give them.
@tagged("post_install", "-at_install")
class TestAddonsTogether(TransactionCase):
    def test_installed_in_dependency_order(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        by_name = {m.name: m for m in modules}
        self.assertIn(
            "fl_state_codes",
            by_name["focus_transfers"].dependencies_id.mapped("name"),
        )
        self.assertIn(
            "focus_transfers",
            by_name["faster_export"].dependencies_id.mapped("name"),
        )

    def test_no_enterprise_dependency(self):
        """Each of our addons, and all it depends on, is Community (no OEEL-1)."""
        todo = list(ADDONS)
        seen = set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            module = self.env["ir.module.module"].search([("name", "=", name)])
            self.assertNotEqual(module.license, "OEEL-1", name)
            todo.extend(module.dependencies_id.mapped("name"))
        self.assertIn("base", seen)
