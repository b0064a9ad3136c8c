from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression


class FlCodeMixin(models.AbstractModel):
    """Common shape of every Florida DOE code table.

    A code is retired by archiving (``active=False``), never by deleting, so
    records that already use it keep a valid reference and still display it,
    while the default ``active_test`` hides it from new choices.
    """

    _name = "fl.code.mixin"
    _description = "Florida DOE code (mixin)"
    _order = "code"
    _rec_names_search = ("code", "name")

    code = fields.Char(
        required=True,
        index=True,
        help="The code exactly as the state transmits it (FASTER, Student DB).",
    )
    name = fields.Char(required=True, help="Meaning of the code.")
    active = fields.Boolean(
        default=True,
        help="Archive a code to retire it: it stays valid on existing records "
        "but is no longer offered for new ones.",
    )
    description = fields.Text(
        help="Full definition from the source, and notes where sources disagree "
        "or are silent."
    )
    valid_from_year = fields.Integer(
        string="Valid From (school year)",
        help="First school year the code is valid for, by its starting calendar "
        "year (2024 = 2024-2025). Empty when unknown or always valid.",
    )
    valid_to_year = fields.Integer(
        string="Valid To (school year)",
        help="Last school year the code is valid for, by its starting calendar "
        "year (2024 = 2024-2025). Empty when still valid or unknown.",
    )
    express_code = fields.Char(
        string="SPEEDE/ExPRESS Code",
        help="Crosswalk to the SPEEDE/ExPRESS code when FASTER records are "
        "converted (FL DOE conversion specification for I/S01).",
    )

    _sql_constraints = (
        ("code_unique", "unique(code)", "A code must be unique in its table."),
        (
            "valid_years_order",
            (
                "CHECK(COALESCE(valid_to_year, 0) = 0 "
                "OR COALESCE(valid_from_year, 0) = 0 "
                "OR valid_to_year >= valid_from_year)"
            ),
            "The last valid school year cannot precede the first one.",
        ),
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_state_data(self):
        """Codes shipped by the state are retired by archiving, never deleted."""
        shipped = self.with_context(active_test=False)._get_external_ids()
        for record in self:
            if any(x.startswith("fl_state_codes.") for x in shipped.get(record.id, [])):
                raise UserError(
                    self.env._(
                        "%(table)s code '%(code)s' is state data: archive it to "
                        "retire it instead of deleting it.",
                        table=self._description,
                        code=record.code,
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for record in self:
            if record.code and record.name:
                record.display_name = f"{record.code} - {record.name}"
            else:
                record.display_name = record.code or record.name or ""

    @api.model
    def _search_display_name(self, operator, value):
        """Also match the displayed form "code - name" (exports, imports, paste).

        "12 - Columbia" finds district 12, so a file exported from Odoo can be
        imported back and a pasted display name resolves to its code.
        """
        domain = super()._search_display_name(operator, value)
        positive = operator in ("=", "ilike", "=ilike", "like", "=like")
        if positive and isinstance(value, str) and " - " in value:
            code = value.partition(" - ")[0].strip()
            domain = expression.OR([domain, [("code", "=", code)]])
        return domain

    @api.model
    def _lookup(self, code, raise_if_missing=True):
        """Return the record of ``code`` (archived codes included).

        Archived codes are found on purpose: historic transcripts and existing
        records still carry retired codes. Raises a UserError naming the table
        for an unknown code, unless ``raise_if_missing`` is False (then an
        empty recordset is returned).
        """
        value = (code or "").strip() if isinstance(code, str) else code
        record = self.browse()
        if value:
            record = self.with_context(active_test=False).search(
                [("code", "=", value)], limit=1
            )
        if not record and raise_if_missing:
            raise UserError(
                self.env._(
                    "Unknown %(table)s code '%(code)s'.",
                    table=self._description,
                    code=code if code not in (None, False) else "",
                )
            )
        return self.browse(record.ids)

    @api.model
    def _lookup_express(self, code):
        """Return the SPEEDE/ExPRESS crosswalk of ``code`` ('' when none)."""
        return self._lookup(code).express_code or ""

    def _is_valid_in_year(self, year):
        """True when this code is valid in the school year starting in ``year``."""
        self.ensure_one()
        if self.valid_from_year and year < self.valid_from_year:
            return False
        return not (self.valid_to_year and year > self.valid_to_year)
