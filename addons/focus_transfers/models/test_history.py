"""Test history (FASTER I08): one line per test, subject content and score."""

import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FlTestHistory(models.Model):
    _name = "fl.test.history"
    _description = "Test Score"
    _order = "student_id, test_date desc, test_name_id, subject_content, id"

    student_id = fields.Many2one(
        "fl.student", required=True, ondelete="cascade", index=True
    )
    test_name_id = fields.Many2one("fl.test.name", string="Test", required=True)
    test_date = fields.Date(required=True)
    grade_level_id = fields.Many2one("fl.grade.level", string="Test Grade Level")
    test_form = fields.Char(help="1 character.")
    test_level = fields.Char(help="2 characters.")
    subject_content = fields.Char(
        required=True, help="2-character subject content code (e.g. RO, E1, 95)."
    )
    subject_content_name = fields.Char(string="Subject")
    score_type_id = fields.Many2one("fl.test.score.type")
    score = fields.Char(help="As sent: 4 characters, right-justified.")
    score_type_2_id = fields.Many2one("fl.test.score.type")
    score_2 = fields.Char()
    achievement_level = fields.Char(help="e.g. Level 3 for FAST and B.E.S.T. EOCs.")
    result = fields.Selection(
        [("pass", "Pass"), ("fail", "Fail")],
        compute="_compute_result",
        store=True,
        readonly=False,
        help="From a PF score (0001 pass, 0002 fail) or entered by hand.",
    )

    @api.depends("test_name_id", "subject_content", "test_date")
    def _compute_display_name(self):
        for test in self:
            test.display_name = (
                f"{test.test_name_id.code or ''} {test.subject_content or ''} "
                f"{test.test_date or ''}"
            )

    @api.depends("score_type_id", "score", "score_type_2_id", "score_2")
    def _compute_result(self):
        for test in self:
            for stype, score in (
                (test.score_type_id, test.score),
                (test.score_type_2_id, test.score_2),
            ):
                if stype.code == "PF" and score:
                    test.result = {1: "pass", 2: "fail"}.get(int(score), test.result)

    @api.constrains("test_date", "subject_content", "score", "score_2", "test_form")
    def _check_test(self):
        today = fields.Date.context_today(self)
        for test in self:
            where = self.env._(
                "Test %(test)s of %(student)s",
                test=test.display_name,
                student=test.student_id.display_name,
            )
            errors = []
            if test.test_date and test.test_date > today:
                errors.append(self.env._("the test date is in the future"))
            if not re.fullmatch(r"[0-9A-Z]{2}", test.subject_content or ""):
                errors.append(self.env._("the subject content is 2 characters"))
            for stype, score in (
                (test.score_type_id, test.score),
                (test.score_type_2_id, test.score_2),
            ):
                if not score:
                    continue
                if len(score) > 4:
                    errors.append(self.env._("a score has at most 4 characters"))
                elif stype.code != "OS" and not score.strip().isdigit():
                    errors.append(
                        self.env._(
                            "score %(score)r must be numeric (only type OS allows "
                            "letters)",
                            score=score,
                        )
                    )
                elif stype.code == "PF" and int(score) not in (1, 2):
                    errors.append(self.env._("a PF score is 0001 (pass) or 0002"))
            if len(test.test_form or "") > 1 or len(test.test_level or "") > 2:
                errors.append(self.env._("test form is 1 and level 2 characters"))
            if errors:
                raise ValidationError(
                    self.env._(
                        "%(where)s: %(errors)s.", where=where, errors="; ".join(errors)
                    )
                )
