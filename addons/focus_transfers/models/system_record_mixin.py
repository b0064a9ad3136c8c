"""Rows that only the product's own code paths write."""

from odoo import api, models
from odoo.exceptions import AccessError


class FlSystemRecordMixin(models.AbstractModel):
    """Created, changed and deleted by the system alone (code running as
    superuser after checking the acting user's rights), whatever the access
    rules grant: over RPC a row is read, never written by hand. For logs that
    must be trusted, such as the record of disclosures (34 CFR 99.32)."""

    _name = "fl.system.record.mixin"
    _description = "Record Kept by the System"

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system()
        return super().create(vals_list)

    def write(self, vals):
        self._check_system()
        return super().write(vals)

    def unlink(self):
        self._check_system()
        return super().unlink()

    def _check_system(self):
        if not self.env.su:
            raise AccessError(self._system_record_refusal())

    def _system_record_refusal(self):
        return self.env._(
            "%s is kept by the system: a row cannot be created, changed or "
            "deleted by hand.",
            self._description,
        )
