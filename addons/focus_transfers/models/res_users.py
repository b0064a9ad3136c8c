from odoo import Command, api, fields, models

IMPORT_CATEGORY = "focus_transfers.module_category_focus_transfers_import"


class ResUsers(models.Model):
    _inherit = "res.users"

    fl_import_right_ids = fields.Many2many(
        "res.groups",
        string="Import from External District",
        compute="_compute_fl_import_right_ids",
        inverse="_inverse_fl_import_right_ids",
        domain=lambda self: [("category_id", "=", self.env.ref(IMPORT_CATEGORY).id)],
        help="Seed 000's Import from External District permission and its section "
        "rights, as check boxes an administrator sees without developer mode "
        "(Odoo shows check-box groups only in developer mode).",
    )

    def _fl_import_rights(self):
        return self.env["res.groups"].search(
            [("category_id", "=", self.env.ref(IMPORT_CATEGORY).id)]
        )

    @api.depends("groups_id")
    def _compute_fl_import_right_ids(self):
        rights = self._fl_import_rights()
        for user in self:
            user.fl_import_right_ids = user.groups_id & rights

    def _inverse_fl_import_right_ids(self):
        rights = self._fl_import_rights()
        for user in self:
            wanted = user.fl_import_right_ids & rights
            current = user.groups_id & rights
            commands = [Command.unlink(g.id) for g in current - wanted]
            commands += [Command.link(g.id) for g in wanted - current]
            if commands:
                user.groups_id = commands
