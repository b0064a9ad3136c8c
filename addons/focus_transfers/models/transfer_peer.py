"""The districts we exchange student records with (the peer API contract)."""

import datetime
import ipaddress
import math
from urllib.parse import urlsplit

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

API_PREFIX = "/fl_transfers/api/v1"
# The scope of the API keys a peer's technical user holds: they open the peer
# API (``auth='fl_peer'``) and nothing else, neither RPC nor ``auth='bearer'``.
PEER_SCOPE = "fl_transfers_peer"
FAILED_LOOKUPS_PARAM = "focus_transfers.peer_failed_lookups_per_hour"
FAILED_LOOKUPS_DEFAULT = 30
LOOKUP_WINDOW = datetime.timedelta(hours=1)


def is_loopback(host):
    """127.0.0.0/8, ::1 and localhost: the only hosts plain HTTP may reach."""
    host = (host or "").strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_problem(url):
    """Why ``url`` may not carry students' records, or None."""
    try:
        parts = urlsplit(url or "")
        host = parts.hostname
    except ValueError:
        return "it is not a valid URL"
    if parts.scheme not in ("http", "https") or not host:
        return "it is not an http(s) URL"
    if parts.username or parts.password:
        return "it may not carry a user name or password"
    if parts.scheme != "https" and not is_loopback(host):
        return "it must use HTTPS (plain HTTP is allowed on loopback only)"
    return None


class FlTransferPeer(models.Model):
    """A peer district: where we call it (base URL + the API key it gave us)
    and which of our technical users stands for it when it calls us."""

    _name = "fl.transfer.peer"
    _description = "Focus Transfers Peer District"
    _inherit = ["mail.thread"]
    _order = "district_id"
    _rec_name = "district_id"

    district_id = fields.Many2one(
        "fl.district", required=True, ondelete="restrict", tracking=True
    )
    base_url = fields.Char(
        string="Base URL",
        required=True,
        tracking=True,
        help="Where the peer's Odoo answers, e.g. https://sis.district.example "
        "(the API lives under " + API_PREFIX + ").",
    )
    # Write-only: the key lives in a column of its own that no field reads
    # (as res.users keeps passwords); _get_api_key() gives it to the client.
    api_key = fields.Char(
        string="API Key",
        compute="_compute_api_key",
        inverse="_inverse_api_key",
        search="_search_api_key",
        groups="base.group_system",
        copy=False,
        help="The Odoo API key the peer district gave us: we call it with this key. "
        "Write-only: a new key replaces the stored one, which is never shown.",
    )
    api_key_changed = fields.Datetime(
        string="API Key Set On",
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="When the stored API key was last set; empty: no key.",
    )
    enabled = fields.Boolean(default=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Technical User",
        ondelete="restrict",
        tracking=True,
        help="The user the peer district calls us as (group 'Focus Transfers: "
        "Peer District (API)'); an Odoo API key of this user is given to them.",
    )
    last_check = fields.Datetime(readonly=True, copy=False)
    last_check_result = fields.Char(readonly=True, copy=False)

    _sql_constraints = [
        ("district_unique", "unique(district_id)", "This district is already a peer."),
        (
            "user_unique",
            "unique(user_id)",
            "This technical user already stands for another peer district.",
        ),
    ]

    def init(self):
        res = super().init()
        if not column_exists(self.env.cr, self._table, "api_key"):
            create_column(self.env.cr, self._table, "api_key", "varchar")
        # a key stored before its date was kept: dated by the row's last change
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET api_key_changed = write_date"
                " WHERE api_key IS NOT NULL AND api_key_changed IS NULL",
                SQL.identifier(self._table),
            )
        )
        return res

    def _compute_api_key(self):
        self.api_key = False

    def _inverse_api_key(self):
        """A new key replaces the stored one; an empty input keeps it."""
        for peer in self.filtered("api_key"):
            peer._store_api_key(peer.api_key)
        self.invalidate_recordset(["api_key"])  # not read back, even now

    def _search_api_key(self, operator, value):
        """No domain on the key: its answers would tell it piece by piece."""
        raise UserError(self.env._("Peer districts cannot be searched by API key."))

    @api.constrains("base_url")
    def _check_base_url(self):
        """Students' records and our key travel to this URL: HTTPS, or plain
        HTTP on loopback only (tests and the demo)."""
        for peer in self:
            problem = url_problem(peer.base_url)
            if problem:
                raise ValidationError(
                    self.env._(
                        "Peer %(district)s: the base URL %(url)r cannot be used: "
                        "%(problem)s.",
                        district=peer.district_id.display_name,
                        url=peer.base_url,
                        problem=problem,
                    )
                )

    @api.constrains("user_id")
    def _check_user_id(self):
        """A peer's technical user is no internal user: the API acts with its
        rights, which must stop at what the peer group allows."""
        for peer in self.filtered("user_id"):
            user = peer.user_id
            if not user.has_group("focus_transfers.group_peer_api") or (
                user.has_group("base.group_user")
            ):
                raise ValidationError(
                    self.env._(
                        "Peer %(district)s: the technical user %(user)s must hold "
                        "the group 'Focus Transfers: Peer District (API)' and must "
                        "not be an internal user.",
                        district=peer.district_id.display_name,
                        user=user.display_name,
                    )
                )

    def write(self, vals):
        """The stored key goes wherever the base URL points: only a Settings
        administrator may move a peer that holds one."""
        moved = "base_url" in vals and self.filtered(
            lambda peer: peer.base_url != vals["base_url"] and peer._get_api_key()
        )
        if moved and not self.env.is_system():
            raise AccessError(
                self.env._(
                    "Only a Settings administrator may change the base URL of a "
                    "peer district that holds an API key: the key is sent there."
                )
            )
        return super().write(vals)

    def action_clear_api_key(self):
        """Forget the stored key: calls to this peer are refused until a
        Settings administrator sets one again."""
        if not self.env.is_system():
            raise AccessError(
                self.env._("Only a Settings administrator may clear an API key.")
            )
        for peer in self:
            peer._store_api_key(False)

    @api.model
    def _for_district(self, district):
        """The enabled peer for ``district`` (empty when none or disabled).
        Internal lookup: users who submit or import need not read peers."""
        if not district:
            return self.browse()
        return self.sudo().search(
            [("district_id", "=", district.id), ("enabled", "=", True)], limit=1
        )

    @api.model
    def _for_user(self, user):
        """The peer whose technical user is ``user`` (enabled or not)."""
        return self.sudo().search([("user_id", "=", user.id)], limit=1)

    def _get_api_key(self):
        """The stored key, for the client's calls to this peer (server side
        only: no field returns it)."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "SELECT api_key FROM %s WHERE id = %s",
                SQL.identifier(self._table),
                self.id,
            )
        )
        row = self.env.cr.fetchone()
        return row[0] if row else None

    def _store_api_key(self, key):
        """Set (or, with False, remove) the stored key, and say so."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET api_key = %s WHERE id = %s",
                SQL.identifier(self._table),
                key or None,
                self.id,
            )
        )
        self.sudo().api_key_changed = key and fields.Datetime.now()
        self._message_log(
            body=self.env._("API key replaced.")
            if key
            else self.env._("API key cleared.")
        )

    def _new_technical_user_key(self):
        """Create this peer's technical user when it has none, and a new Odoo
        API key of that user: the key to give to that district (shown once,
        stored hashed). For Settings administrators and set-up scripts."""
        self.ensure_one()
        if not self.env.is_system():
            raise AccessError(
                self.env._("Only a Settings administrator may create API keys.")
            )
        district = self.district_id
        if not self.user_id:
            self.user_id = (
                self.env["res.users"]
                .sudo()
                .create(
                    {
                        "name": f"{district.display_name} (Focus Transfers API)",
                        "login": f"fl_transfers_peer_{district.code}",
                        "groups_id": [
                            Command.set(
                                [self.env.ref("focus_transfers.group_peer_api").id]
                            )
                        ],
                    }
                )
            )
        return (
            self.env["res.users.apikeys"]
            .with_user(self.user_id)
            .sudo()
            ._generate(PEER_SCOPE, f"Focus Transfers peer {district.code}", None)
        )

    def _failed_lookup_wait(self):
        """Seconds this peer must wait when it has used up its failed look-ups
        of the last hour (system parameter
        ``focus_transfers.peer_failed_lookups_per_hour``), else 0: a peer
        cannot try names one after the other to learn who is enrolled here."""
        self.ensure_one()
        param = self.env["ir.config_parameter"].sudo().get_param(FAILED_LOOKUPS_PARAM)
        try:
            limit = max(int(param or FAILED_LOOKUPS_DEFAULT), 1)
        except ValueError:
            limit = FAILED_LOOKUPS_DEFAULT
        since = self.env.cr.now() - LOOKUP_WINDOW
        recent = (
            self.env["fl.transfer.peer.failed.lookup"]
            .sudo()
            .search(
                [("peer_id", "=", self.id), ("create_date", ">", since)],
                order="create_date desc, id desc",
                limit=limit,
            )
        )
        if len(recent) < limit:
            return 0
        return max(math.ceil((recent[-1].create_date - since).total_seconds()), 1)

    def _note_failed_lookup(self):
        self.ensure_one()
        self.env["fl.transfer.peer.failed.lookup"].sudo().create({"peer_id": self.id})

    def action_new_api_key(self):
        """*New API key*: a key of this peer's technical user (created when
        missing) for the Settings administrator to give to that district,
        shown once. The technical user cannot sign in to make one itself."""
        key = self._new_technical_user_key()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.users.apikeys.show",
            "name": self.env._("API Key Ready"),
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_key": key},
        }

    def action_test_connection(self):
        """Ask the peer's /capabilities and say what it answered."""
        self.ensure_one()
        client = self.env["fl.transfer.client"]
        try:
            reply = client._call(self, "GET", "/capabilities", check_enabled=False)
        except UserError as error:
            ok, text = False, error.args[0]
        else:
            ok = bool(reply.get("enabled"))
            text = self.env._(
                "Connected: district %(district)s, API version %(version)s, Focus "
                "Transfers %(state)s, sections: %(sections)s.",
                district=reply.get("district") or "?",
                version=reply.get("api_version"),
                state=self.env._("enabled") if ok else self.env._("NOT enabled"),
                sections=", ".join(reply.get("sections") or []) or "-",
            )
        self.sudo().write(
            {"last_check": fields.Datetime.now(), "last_check_result": text}
        )
        self._message_log(body=Markup("%s") % text)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Test connection"),
                "message": text,
                "type": "success" if ok else "danger",
                "sticky": not ok,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
