from odoo import Command, api, fields, models
from odoo.exceptions import AccessDenied

from .transfer_peer import PEER_SCOPE

IMPORT_CATEGORY = "focus_transfers.module_category_focus_transfers_import"
PEER_GROUP = "focus_transfers.group_peer_api"


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

    def _check_credentials(self, credential, user_agent_env):
        """A peer district's technical user signs in nowhere (web login,
        ``/web/session/authenticate``, JSON-RPC, XML-RPC), whatever password
        or API key it shows: it only calls the peer API, with its key."""
        if self.env.user.has_group(PEER_GROUP):
            raise AccessDenied()
        return super()._check_credentials(credential, user_agent_env)


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    def _check_credentials(self, *, scope, key):
        """A key of a peer district's technical user opens the peer API's
        scope only: not RPC, not the ``auth='bearer'`` routes, even when it was
        made without a scope."""
        uid = super()._check_credentials(scope=scope, key=key)
        peer_user = uid and self.env["res.users"].sudo().browse(uid).has_group(
            PEER_GROUP
        )
        return None if peer_user and scope != PEER_SCOPE else uid
