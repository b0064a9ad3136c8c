"""Import data from the sending district: preview, choose, import, refresh.

The package is kept on the wizard as JSON; the preview rows become transient
lines the user ticks. ``action_import`` rebuilds the preview server-side from
the stored package and only takes the ticks from the lines, so rights,
errors and duplicates are decided by the server, never by the client.
"""

import json
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models import import_preview as preview_mod
from ..models import import_rules as rules
from ..models import package_schema as schema
from ..models.transfer_client import PeerError

SECTION_LABELS = [
    ("demographics", "Demographics"),
    ("grades", "Grades"),
    ("test_history", "Test History"),
    ("ese", "ESE Exceptionalities"),
    ("immunizations", "Immunizations"),
    ("schedule", "Current Schedule"),
    ("discipline", "Discipline"),
]
SECTION_GROUPS = {
    "schedule": "focus_transfers.group_section_schedule",
    "demographics": "focus_transfers.group_section_demographics",
    "ese": "focus_transfers.group_section_ese",
    "grades": "focus_transfers.group_section_grades",
    "immunizations": "focus_transfers.group_section_immunizations",
    "test_history": "focus_transfers.group_section_tests",
}
STATUSES = [
    (rules.OK, "New"),
    (rules.WARNING, "Warning"),
    (rules.ERROR, "Error"),
    (rules.EXISTS, "Already imported"),
]
REFRESH_DAYS_PARAM = "focus_transfers.import_refresh_days"


class FlTransferImportWizard(models.TransientModel):
    _name = "fl.transfer.import.wizard"
    _description = "Import Data from Another District"

    student_id = fields.Many2one("fl.student", required=True, ondelete="cascade")
    district_id = fields.Many2one(
        "fl.district", string="From District", required=True, ondelete="cascade"
    )
    package_json = fields.Text(help="The package as last pulled.")
    previous_package_json = fields.Text(help="The package of the pull before.")
    pulled_at = fields.Datetime(readonly=True)
    refresh_until = fields.Date(compute="_compute_refresh_until")
    can_refresh = fields.Boolean(compute="_compute_refresh_until")
    section_ids = fields.One2many("fl.transfer.import.section", "wizard_id")
    demographic_line_ids = fields.One2many(
        "fl.transfer.import.demographic.line", "wizard_id"
    )
    grade_line_ids = fields.One2many("fl.transfer.import.grade.line", "wizard_id")
    test_line_ids = fields.One2many("fl.transfer.import.test.line", "wizard_id")
    record_line_ids = fields.One2many("fl.transfer.import.record.line", "wizard_id")
    shown_sections = fields.Char(compute="_compute_shown_sections")

    @api.depends("section_ids")
    def _compute_shown_sections(self):
        for wizard in self:
            wizard.shown_sections = ",".join(wizard.section_ids.mapped("code"))

    @api.depends("student_id", "district_id")
    def _compute_refresh_until(self):
        days = int(
            self.env["ir.config_parameter"].sudo().get_param(REFRESH_DAYS_PARAM, 60)
        )
        today = fields.Date.context_today(self)
        for wizard in self:
            start = wizard._transfer_start_date()
            wizard.refresh_until = start and start + timedelta(days=days)
            wizard.can_refresh = bool(start) and today <= wizard.refresh_until

    def _transfer_start_date(self):
        """The withdrawal as we know it: our enrollment from that district."""
        enrollments = self.student_id.enrollment_ids.filtered(
            lambda e: e.prior_district_id == self.district_id
        ).sorted("enrollment_date", reverse=True)
        return enrollments[:1].enrollment_date

    # --- rights ------------------------------------------------------------

    def _allowed_sections(self):
        """Sections the user may see and import (discipline: see only).

        A section's group that does not exist yet  falls back to
        the internal-user right.
        """
        user = self.env.user
        allowed = {"discipline"}
        for section, xmlid in SECTION_GROUPS.items():
            if self.env.ref(xmlid, raise_if_not_found=False):
                if user.has_group(xmlid):
                    allowed.add(section)
            elif user.has_group("base.group_user"):
                allowed.add(section)
        return allowed

    def _can_import_external(self):
        """Profile right *Import from External District* ."""
        xmlid = "focus_transfers.group_import_external"
        if self.env.ref(xmlid, raise_if_not_found=False):
            return self.env.user.has_group(xmlid)
        return self.env.user.has_group("base.group_user")

    # --- open / refresh ----------------------------------------------------

    @api.model
    def _open_for(self, student, district, package=None):
        """Create the wizard (fetching the package unless given) and open it."""
        if not self._can_import_external():
            raise AccessError(
                self.env._("You may not import data from an external district.")
            )
        # a refused package leaves nothing behind, not even an empty wizard
        with self.env.cr.savepoint():
            wizard = self.create({"student_id": student.id, "district_id": district.id})
            wizard._load_package(package or wizard._fetch_package())
        return wizard._action_open()

    def _fetch_package(self):
        self.ensure_one()
        return self.student_id._transfer_fetch_package(
            self.district_id, sorted(self._allowed_sections())
        )

    def _action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Import from %(district)s", district=self.district_id.display_name
            ),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_refresh(self):
        """Re-pull the package (within the refresh window); mark what changed."""
        self.ensure_one()
        if not self.can_refresh:
            raise UserError(
                self.env._(
                    "Refresh is only available until %(date)s.",
                    date=self.refresh_until or "-",
                )
            )
        self._load_package(self._fetch_package())
        return self._action_open()

    def _load_package(self, package):
        package = self._checked_package(package)
        previous = self.package_json
        self.write(
            {
                "previous_package_json": previous,
                "package_json": json.dumps(package),
                "pulled_at": fields.Datetime.now(),
            }
        )
        self._build_lines()

    def _checked_package(self, package):
        """The package reduced to its declared schema, for our student only.

        Checked before anything is previewed, and again from the stored JSON
        at import: a violation refuses the whole package, nothing is offered.
        """
        self.ensure_one()
        student = self.student_id
        clean, errors = schema.check_package(
            package,
            fields.Date.context_today(self),
            student._transfer_demographic_kinds(),
        )
        if errors:
            raise PeerError(
                self.env._(
                    "The other district's answer was refused: its record package "
                    "breaks the package format. Nothing was imported.\n%(errors)s",
                    errors=schema.summary(errors),
                ),
                "refused",
            )
        problem = schema.identity_problem(student._transfer_identity(), clean)
        if problem:
            raise PeerError(
                self.env._(
                    "The other district's answer was refused: the record package "
                    "is not for %(student)s (%(problem)s). Nothing was imported.",
                    student=student.display_name,
                    problem=problem,
                ),
                "refused",
            )
        return clean

    def _preview(self, package_json=None, trial=False):
        """The package and its preview rows; with ``trial``, the rows that
        would be imported are first written and rolled back, so a row our
        forms would refuse shows as an error before Import (grades: by the
        preview's rules, see ``import_preview.NOT_TRIED``)."""
        package = self._checked_package(
            json.loads(package_json or self.package_json or "{}")
        )
        student = self.student_id
        ctx = student._transfer_import_context(package)
        ctx["allowed"] = self._allowed_sections()
        preview = preview_mod.build_preview(package, ctx)
        if trial:
            tried = set(preview) - preview_mod.NOT_TRIED
            importable = preview_mod.plan_import(preview, tried, ctx["allowed"])
            for row, message in student._transfer_import_trial(importable):
                row["status"] = rules.ERROR
                row["selected"] = False
                row["message"] = "\n".join(filter(None, (row["message"], message)))
        return package, preview

    def _build_lines(self):
        self.ensure_one()
        __, preview = self._preview(trial=True)
        if self.previous_package_json:
            __, before = self._preview(self.previous_package_json)
            preview_mod.mark_changes(before, preview)
        old_ticks = {
            (line.section, line.key): line.selected for line in self._all_lines()
        }
        old_sections = {s.code: s.selected for s in self.section_ids}
        self.section_ids.unlink()
        for lines in (
            self.demographic_line_ids,
            self.grade_line_ids,
            self.test_line_ids,
            self.record_line_ids,
        ):
            lines.unlink()
        sections, lines = [], {}
        labels = dict(SECTION_LABELS)
        for code, __ in SECTION_LABELS:
            rows = preview.get(code)
            if rows is None:
                continue
            statuses = [row["status"] for row in rows]
            sections.append(
                {
                    "wizard_id": self.id,
                    "code": code,
                    "name": labels[code],
                    "importable": code not in preview_mod.NOT_IMPORTABLE,
                    "selected": old_sections.get(
                        code, code not in preview_mod.NOT_IMPORTABLE
                    ),
                    "row_count": len(rows),
                    "warning_count": statuses.count(rules.WARNING),
                    "error_count": statuses.count(rules.ERROR),
                }
            )
            for row in rows:
                key = json.dumps(row["key"])
                vals = {
                    "wizard_id": self.id,
                    "section": code,
                    "key": key,
                    "status": row["status"],
                    "message": row["message"],
                    "changed": row.get("changed", False),
                    "selected": row["selected"] and old_ticks.get((code, key), True),
                    "can_select": row["selected"],
                }
                model, extra = self._line_values(code, row["data"])
                lines.setdefault(model, []).append({**vals, **extra})
        self.env["fl.transfer.import.section"].create(sections)
        for model, vals_list in lines.items():
            self.env[model].create(vals_list)

    def _line_values(self, section, data):
        if section == "demographics":
            field = self.student_id._fields[data["field"]]
            return "fl.transfer.import.demographic.line", {
                "field_name": data["field"],
                "field_label": field.string,
                "current_value": data["current"],
                "incoming_value": data["incoming"],
            }
        if section == "grades":
            course = data["course"]
            return "fl.transfer.import.grade.line", {
                "school_year": course.get("school_year"),
                "course_number": course.get("course_number"),
                "course_title": course.get("course_title"),
                "source_period": data.get("period"),
                "target_period": data.get("target_period"),
                "grade": data.get("grade"),
            }
        if section == "test_history":
            return "fl.transfer.import.test.line", {
                "test_name": data.get("test_name"),
                "test_date": data.get("test_date"),
                "subject": data.get("subject"),
                "score_type": data.get("score_type"),
                "score": data.get("score"),
            }
        summary = " · ".join(str(v) for v in data.values() if v not in ("", None))
        return "fl.transfer.import.record.line", {"summary": summary[:500]}

    def _all_lines(self):
        """All preview lines (four models), as one iterable of records."""
        for lines in (
            self.demographic_line_ids,
            self.grade_line_ids,
            self.test_line_ids,
            self.record_line_ids,
        ):
            yield from lines

    # --- import ------------------------------------------------------------

    def action_import(self):
        """Import the ticked rows of the ticked sections the user may import."""
        self.ensure_one()
        if not self._can_import_external():
            raise AccessError(
                self.env._("You may not import data from an external district.")
            )
        allowed = self._allowed_sections()
        self.student_id.check_access("write")
        package, preview = self._preview(trial=True)
        ticks = {(line.section, line.key): line.selected for line in self._all_lines()}
        for section, rows in preview.items():
            for row in rows:
                row["selected"] = row["selected"] and ticks.get(
                    (section, json.dumps(row["key"])), False
                )
        selected = set(self.section_ids.filtered("selected").mapped("code"))
        # A ticked section the user has no right to (a forged line included)
        # is refused, not silently skipped.
        forbidden = selected - allowed
        if forbidden:
            raise AccessError(
                self.env._(
                    "You may not import: %(sections)s.",
                    sections=", ".join(sorted(forbidden)),
                )
            )
        plan = preview_mod.plan_import(preview, selected, allowed)
        counts = self.student_id._transfer_import_write(plan) if plan else {}
        # the log is the system's: nobody writes it by hand
        import_log = self.env["fl.transfer.import.log"].sudo()
        log = import_log.create(
            {
                "user_id": self.env.uid,
                "student_id": self.student_id.id,
                "district_id": self.district_id.id,
                "sections": ", ".join(sorted(plan)),
                "imported_fields": ", ".join(
                    row["data"]["field"] for row in plan.get("demographics", [])
                ),
                "counts": ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())),
                "package_sent_at": package.get("sent_at") or "",
            }
        )
        log._send_receipt_after_commit()
        self.env["fl.transfer.request"]._records_imported(
            self.student_id, self.district_id
        )
        if hasattr(self.student_id, "_message_log"):
            # A log note: registrars need no email address to import.
            self.student_id._message_log(
                body=self.env._(
                    "Imported from %(district)s: %(what)s",
                    district=self.district_id.display_name,
                    what=log.counts or self.env._("nothing new"),
                )
            )
        return {"type": "ir.actions.act_window_close"}


class FlTransferImportSection(models.TransientModel):
    _name = "fl.transfer.import.section"
    _description = "Transfer Import Section"
    _order = "id"

    wizard_id = fields.Many2one(
        "fl.transfer.import.wizard", required=True, ondelete="cascade"
    )
    code = fields.Selection(SECTION_LABELS, required=True)
    name = fields.Char(required=True)
    importable = fields.Boolean()
    selected = fields.Boolean(string="Import")
    row_count = fields.Integer(string="Rows")
    warning_count = fields.Integer(string="Warnings")
    error_count = fields.Integer(string="Errors")


class FlTransferImportLineMixin(models.AbstractModel):
    _name = "fl.transfer.import.line.mixin"
    _description = "Transfer Import Line"

    wizard_id = fields.Many2one(
        "fl.transfer.import.wizard", required=True, ondelete="cascade"
    )
    section = fields.Selection(SECTION_LABELS, required=True)
    key = fields.Char(required=True, help="Natural key (JSON).")
    selected = fields.Boolean(string="Import", default=True)
    can_select = fields.Boolean(help="False for errors, held rows and discipline.")
    status = fields.Selection(STATUSES, required=True, default=rules.OK)
    message = fields.Char(help="Why the row is flagged (shown on hover).")
    changed = fields.Boolean(help="New or changed since the previous pull.")


class FlTransferImportDemographicLine(models.TransientModel):
    _name = "fl.transfer.import.demographic.line"
    _inherit = "fl.transfer.import.line.mixin"
    _description = "Transfer Import Demographic Field"

    field_name = fields.Char(required=True)
    field_label = fields.Char(string="Field")
    current_value = fields.Char(string="Ours")
    incoming_value = fields.Char(string="Incoming")


class FlTransferImportGradeLine(models.TransientModel):
    _name = "fl.transfer.import.grade.line"
    _inherit = "fl.transfer.import.line.mixin"
    _description = "Transfer Import Grade Cell"

    school_year = fields.Char()
    course_number = fields.Char(string="Course")
    course_title = fields.Char(string="Title")
    source_period = fields.Char(string="Their Period")
    target_period = fields.Char(string="Our Period")
    grade = fields.Char()


class FlTransferImportTestLine(models.TransientModel):
    _name = "fl.transfer.import.test.line"
    _inherit = "fl.transfer.import.line.mixin"
    _description = "Transfer Import Test Score"

    test_name = fields.Char(string="Test")
    test_date = fields.Char(string="Date")
    subject = fields.Char()
    score_type = fields.Char()
    score = fields.Char()


class FlTransferImportRecordLine(models.TransientModel):
    _name = "fl.transfer.import.record.line"
    _inherit = "fl.transfer.import.line.mixin"
    _description = "Transfer Import Record"

    summary = fields.Char(string="Record")
