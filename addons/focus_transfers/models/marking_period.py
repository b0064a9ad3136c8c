"""The district's marking periods per school year (annual to 4x4 block)."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PERIOD_TYPES = [
    ("annual", "Annual"),
    ("semester", "Semester"),
    ("quarter", "Quarter (9 weeks)"),
    ("trimester", "Trimester"),
    ("block", "4x4 Block"),
]
STRUCTURES = [
    ("annual", "Annual"),
    ("semesters", "Semesters"),
    ("quarters", "Quarters (9 weeks)"),
    ("trimesters", "Trimesters"),
    ("block_4x4", "4x4 Block"),
]


class FlMarkingPeriod(models.Model):
    """One grading period of a school year.

    ``block`` and ``period`` place it in the FASTER course-in-progress grid
    (I04 items 24-58: up to 6 grading blocks x periods 1-3, exam, cumulative).
    """

    _name = "fl.marking.period"
    _description = "Marking Period"
    _order = "school_year_id, sequence, id"

    school_year_id = fields.Many2one(
        "fl.school.year", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True)
    code = fields.Char(required=True, help="Short code, e.g. Q1, S1, T2, B3, E1.")
    sequence = fields.Integer(default=10)
    period_type = fields.Selection(PERIOD_TYPES, required=True)
    date_start = fields.Date()
    date_end = fields.Date()
    is_exam = fields.Boolean(string="Exam")
    is_cumulative = fields.Boolean(string="Cumulative")
    block = fields.Integer(
        string="Grading Block", default=1, help="1-6: the term the grade belongs to."
    )
    period = fields.Selection(
        [
            ("1", "1st Period"),
            ("2", "2nd Period"),
            ("3", "3rd Period"),
            ("exam", "Exam"),
            ("cumulative", "Cumulative"),
        ],
        string="Place in Block",
        default="1",
        required=True,
    )
    term_code_id = fields.Many2one("fl.term.code", string="FASTER Term")

    _sql_constraints = (
        (
            "code_uniq",
            "unique(school_year_id, code)",
            "A marking period code is unique within a school year.",
        ),
    )

    @api.constrains("date_start", "date_end", "block")
    def _check_dates(self):
        for period in self:
            if (
                period.date_start
                and period.date_end
                and period.date_start > period.date_end
            ):
                raise ValidationError(
                    self.env._(
                        "Marking period %(name)s (%(year)s) ends before it starts.",
                        name=period.name,
                        year=period.school_year_id.display_name,
                    )
                )
            if not 1 <= period.block <= 6:
                raise ValidationError(
                    self.env._(
                        "Marking period %(name)s: the grading block must be 1-6.",
                        name=period.name,
                    )
                )


class FlSchoolYear(models.Model):
    _inherit = "fl.school.year"

    marking_structure = fields.Selection(
        STRUCTURES,
        default="semesters",
        help="How the district grades this year. 4x4 block grades travel as "
        "quarters in FASTER.",
    )
    marking_period_ids = fields.One2many(
        "fl.marking.period", "school_year_id", string="Marking Periods"
    )

    # (code, name, period type, term code, block, period, exam, cumulative, part)
    # ``part`` is the (index, count) slice of the year the period covers.
    def _marking_template(self):
        self.ensure_one()
        structure = self.marking_structure or "semesters"
        rows = []
        if structure == "annual":
            for q in range(1, 5):
                rows.append(
                    (
                        f"P{q}",
                        f"Grading Period {q}",
                        "annual",
                        "3",
                        1 + (q - 1) // 2,
                        str((q - 1) % 2 + 1),
                        False,
                        False,
                        (q - 1, 4),
                    )
                )
            rows.append(
                ("EX", "Final Exam", "annual", "3", 2, "exam", True, False, (3, 4))
            )
            rows.append(
                ("FY", "Final", "annual", "3", 2, "cumulative", False, True, (3, 4))
            )
        elif structure == "semesters":
            for s in (1, 2):
                for q in (1, 2):
                    idx = (s - 1) * 2 + q - 1
                    rows.append(
                        (
                            f"Q{idx + 1}",
                            f"Semester {s}, 9 Weeks {q}",
                            "semester",
                            str(s),
                            s,
                            str(q),
                            False,
                            False,
                            (idx, 4),
                        )
                    )
                rows.append(
                    (
                        f"E{s}",
                        f"Semester {s} Exam",
                        "semester",
                        str(s),
                        s,
                        "exam",
                        True,
                        False,
                        (s * 2 - 1, 4),
                    )
                )
                rows.append(
                    (
                        f"S{s}",
                        f"Semester {s}",
                        "semester",
                        str(s),
                        s,
                        "cumulative",
                        False,
                        True,
                        (s * 2 - 1, 4),
                    )
                )
        elif structure == "quarters":
            for q in range(1, 5):
                rows.append(
                    (
                        f"Q{q}",
                        f"Quarter {q}",
                        "quarter",
                        str(5 + q),
                        q,
                        "1",
                        False,
                        False,
                        (q - 1, 4),
                    )
                )
                rows.append(
                    (
                        f"QE{q}",
                        f"Quarter {q} Exam",
                        "quarter",
                        str(5 + q),
                        q,
                        "exam",
                        True,
                        False,
                        (q - 1, 4),
                    )
                )
        elif structure == "trimesters":
            for t, term in enumerate("BCD", start=1):
                rows.append(
                    (
                        f"T{t}",
                        f"Trimester {t}",
                        "trimester",
                        term,
                        t,
                        "1",
                        False,
                        False,
                        (t - 1, 3),
                    )
                )
                rows.append(
                    (
                        f"TE{t}",
                        f"Trimester {t} Exam",
                        "trimester",
                        term,
                        t,
                        "exam",
                        True,
                        False,
                        (t - 1, 3),
                    )
                )
                rows.append(
                    (
                        f"TC{t}",
                        f"Trimester {t} Final",
                        "trimester",
                        term,
                        t,
                        "cumulative",
                        False,
                        True,
                        (t - 1, 3),
                    )
                )
        else:  # 4x4 block: 4 terms of 9 weeks, a course completes each semester
            for b in range(1, 5):
                rows.append(
                    (
                        f"B{b}",
                        f"Block Term {b}",
                        "block",
                        str(5 + b),
                        b,
                        "1",
                        False,
                        False,
                        (b - 1, 4),
                    )
                )
                rows.append(
                    (
                        f"BE{b}",
                        f"Block Term {b} Exam",
                        "block",
                        str(5 + b),
                        b,
                        "exam",
                        True,
                        False,
                        (b - 1, 4),
                    )
                )
                rows.append(
                    (
                        f"BC{b}",
                        f"Block Term {b} Final",
                        "block",
                        str(5 + b),
                        b,
                        "cumulative",
                        False,
                        True,
                        (b - 1, 4),
                    )
                )
        return rows

    def action_generate_marking_periods(self):
        """(Re)build the marking periods of the year from its structure.

        Dates split the year evenly; registrars adjust them afterwards.
        """
        Term = self.env["fl.term.code"]
        for year in self:
            if not (year.date_start and year.date_end):
                raise UserError(
                    self.env._(
                        "School year %(year)s needs a start and an end date before "
                        "its marking periods can be generated.",
                        year=year.display_name,
                    )
                )
            if year.marking_period_ids:
                year.marking_period_ids.unlink()
            span = (year.date_end - year.date_start).days + 1
            vals_list = []
            for seq, row in enumerate(year._marking_template(), start=1):
                code, name, ptype, term, block, period, exam, cumul, (i, n) = row
                start = year.date_start + timedelta(days=span * i // n)
                end = year.date_start + timedelta(days=span * (i + 1) // n - 1)
                term_rec = Term.search([("code", "=", term)], limit=1)
                vals_list.append(
                    {
                        "school_year_id": year.id,
                        "code": code,
                        "name": name,
                        "sequence": seq,
                        "period_type": ptype,
                        "term_code_id": term_rec.id,
                        "block": block,
                        "period": period,
                        "is_exam": exam,
                        "is_cumulative": cumul,
                        "date_start": start,
                        "date_end": end,
                    }
                )
            self.env["fl.marking.period"].create(vals_list)
        return True
