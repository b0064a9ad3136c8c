from odoo import fields, models


class FlStudentGuardian(models.Model):
    """A parent or guardian: a contact, with its FASTER relationship code
    (I/S01 items 25-30: P parent, G guardian, O other, …)."""

    _name = "fl.student.guardian"
    _description = "Student Guardian"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    student_id = fields.Many2one("fl.student", required=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Contact", required=True)
    relationship_id = fields.Many2one("fl.guardian.relationship", required=True)
    phone = fields.Char(related="partner_id.phone")
    email = fields.Char(related="partner_id.email")
