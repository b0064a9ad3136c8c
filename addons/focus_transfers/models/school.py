from odoo import api, fields, models


class FlSchool(models.Model):
    """A state school number, and — for this district's schools — its address,
    grade span and transfer preferences."""

    _inherit = "fl.school"

    partner_id = fields.Many2one("res.partner", string="Address", ondelete="restrict")
    lowest_grade_level_id = fields.Many2one("fl.grade.level", string="Lowest Grade")
    highest_grade_level_id = fields.Many2one("fl.grade.level", string="Highest Grade")
    phone = fields.Char()
    drop_schedule_on_transfer = fields.Boolean(
        string="Drop schedule records when approving transfer requests",
        default=lambda self: self._default_drop_schedule_on_transfer(),
        help="Approving a transfer request sets a drop date, the day before the "
        "student's enrollment at the new district, on the schedule records.",
    )
    is_local = fields.Boolean(
        string="In This District",
        compute="_compute_is_local",
        search="_search_is_local",
    )

    @api.model
    def _default_drop_schedule_on_transfer(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("focus_transfers.default_drop_schedule_on_transfer")
        )
        return bool(value) and value not in ("False", "0")

    @api.depends("district_id")
    @api.depends_context("company")
    def _compute_is_local(self):
        district = self.env.company.fl_district_id
        for school in self:
            school.is_local = bool(district) and school.district_id == district

    def _search_is_local(self, operator, value):
        district = self.env.company.fl_district_id
        positive = (operator == "=") == bool(value)
        return [("district_id", "=" if positive else "!=", district.id)]
