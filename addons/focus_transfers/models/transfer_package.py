"""The record package: one declarative spec per section, read both ways.

``fl.student._transfer_package(sections)`` exports a student's records as a
JSON-able dict (codes as code strings, never ids); the import wizard writes
records back through ``_transfer_import_write`` from the same spec, so export
and import cannot drift apart. Grades (course history + one cell per marking
period) and demographics have their own shape; see ``import_preview``.
"""

from datetime import date

import psycopg2

from odoo import fields, models
from odoo.exceptions import UserError

from . import import_rules as rules
from . import package_schema as schema
from .student_demographics import importable_demographic_field_names

# section -> model, plain fields (package name -> model field), code fields
# (package name -> (model field, code model)); keys: import_rules.NATURAL_KEYS
SECTION_SPECS = {
    "test_history": {
        "model": "fl.test.history",
        "fields": {
            "test_date": "test_date",
            "subject": "subject_content",
            "subject_name": "subject_content_name",
            "test_form": "test_form",
            "test_level": "test_level",
            "score": "score",
            "score_2": "score_2",
            "achievement_level": "achievement_level",
        },
        "codes": {
            "test_name": ("test_name_id", "fl.test.name"),
            "score_type": ("score_type_id", "fl.test.score.type"),
            "score_type_2": ("score_type_2_id", "fl.test.score.type"),
            "grade_level": ("grade_level_id", "fl.grade.level"),
        },
    },
    "ese": {
        "model": "fl.ese.program",
        "fields": {
            "placement_date": "placement_date",
            "eligibility_date": "eligibility_date",
            "referral_date": "referral_date",
            "dismissal_date": "dismissal_date",
            "evaluation_completion_date": "evaluation_completion_date",
            "consent_date": "consent_date",
        },
        "codes": {
            "exceptionality": ("exceptionality_id", "fl.exceptionality"),
            "placement_status": ("placement_status_id", "fl.ese.placement.status"),
        },
    },
    "immunizations": {
        "model": "fl.immunization",
        "fields": {
            "dose_number": "dose_number",
            "date_kind": "date_kind",
            "dose_date": "dose_date",
            "history_year": "history_year",
        },
        "codes": {"vaccine": ("vaccine_id", "fl.vaccine")},
    },
    "schedule": {
        "model": "fl.schedule",
        "fields": {
            "section": "section",
            "period": "period",
            "start_date": "start_date",
            "drop_date": "drop_date",
        },
        "codes": {
            "school_year": ("school_year_id", "fl.school.year"),
            "course_number": ("course_id", "fl.course"),
            "term": ("term_code_id", "fl.term.code"),
            "school": ("school_id", "fl.school"),
        },
    },
    "discipline": {
        "model": "fl.discipline.incident",
        "fields": {
            "incident_type": "incident_type",
            "incident_date": "incident_date",
            "action_code": "action_code",
            "action_date": "action_date",
            "duration": "duration",
        },
        "codes": {
            "action_district": ("action_district_id", "fl.district"),
            "action_school": ("action_school_id", "fl.school"),
        },
    },
}
HISTORY_FIELDS = {
    "course_title": "course_title",
    "credit_attempted": "credit_attempted",
    "credit_earned": "credit_earned",
    "final_grade": "final_grade",
    "in_progress": "in_progress",
    "absences": "absences",
}
HISTORY_CODES = {
    "school_year": ("school_year_id", "fl.school.year"),
    "school": ("school_id", "fl.school"),
    "term": ("term_code_id", "fl.term.code"),
    "grade_level": ("grade_level_id", "fl.grade.level"),
}
# codes a keyed section's record cannot do without (else: a red row)
REQUIRED_CODES = {
    "ese": ("exceptionality",),
    "immunizations": ("vaccine",),
    "schedule": ("school_year", "course_number"),
}


def _json(value):
    if isinstance(value, models.BaseModel):
        return value.code if value else ""
    if isinstance(value, date):
        return value.isoformat()
    if value is False or value is None:
        return ""
    return value


def _export(record, spec):
    row = {name: _json(record[field]) for name, field in spec["fields"].items()}
    row.update({name: _json(record[f]) for name, (f, __) in spec["codes"].items()})
    return row


class FlStudent(models.Model):
    _inherit = "fl.student"  # pylint: disable=consider-merging-classes-inherited

    def _importable_demographic_fields(self):
        """Student fields a package may carry: the Focus Student Transfers
        guide's list of demographic fields that are part of the import."""
        names = importable_demographic_field_names()
        return [name for name in names if name in self._fields]

    def _transfer_demographic_kinds(self):
        """{field: schema kind} of the demographic fields a package may carry."""
        kinds = {}
        for name in self._importable_demographic_fields():
            field = self._fields[name]
            selection = ()
            if field.type == "selection":
                selection = [key for key, __ in field._description_selection(self.env)]
            kind = schema.demographic_kind(name, field.type, selection)
            if kind:
                kinds[name] = kind
        return kinds

    def _transfer_demographics(self):
        self.ensure_one()
        return {
            name: _json(self[name])
            for name in self._importable_demographic_fields()
            if self[name] not in (False, None, "")
        }

    def _transfer_grades(self):
        self.ensure_one()
        courses = []
        for line in self.course_history_ids:
            course = {name: _json(line[f]) for name, f in HISTORY_FIELDS.items()}
            course.update(
                {name: _json(line[f]) for name, (f, __) in HISTORY_CODES.items()}
            )
            course["course_number"] = line.course_number
            course["structure"] = line.school_year_id.marking_structure or ""
            course["cells"] = [
                {"period": cell.marking_period_id.code, "grade": cell.grade}
                for cell in line.grade_ids
                if cell.marking_period_id
            ]
            courses.append(course)
        return courses

    def _transfer_package(self, sections=None):
        """The JSON-able record package of this student for a peer district."""
        self.ensure_one()
        sections = set(sections or rules.NATURAL_KEYS) | {"demographics"}
        content = {}
        if "demographics" in sections:
            content["demographics"] = self._transfer_demographics()
        if "grades" in sections:
            content["grades"] = self._transfer_grades()
        relations = {
            "test_history": self.test_history_ids,
            "ese": self.ese_program_ids,
            "immunizations": self.immunization_ids,
            "schedule": self.schedule_ids,
            "discipline": self.discipline_incident_ids,
        }
        for section, records in relations.items():
            if section in sections:
                spec = SECTION_SPECS[section]
                content[section] = [_export(rec, spec) for rec in records]
        company = self.env.company
        return {
            "version": 1,
            "district": company.fl_district_id.code or "",
            "sent_at": fields.Datetime.now().isoformat(),
            "student": {
                "first_name": self.first_name or "",
                "last_name": self.last_name or "",
                "birthdate": _json(self.birthdate),
                "florida_student_id": self.florida_student_id or "",
            },
            "sections": {k: v for k, v in content.items() if v},
        }

    # --- reader -------------------------------------------------------------

    def _code_record(self, model, code, cache):
        """Our record for a code string; empty when unknown (the caller flags)."""
        if not code:
            return self.env[model]
        key = (model, code)
        if key not in cache:
            cache[key] = self.env[model].search([("code", "=", code)], limit=1)
        return cache[key]

    def _transfer_import_context(self, package=None):
        """What the preview compares a package with: our codes and our records.

        Only the codes the package mentions are read: a fixed number of
        queries, whatever the size of our catalog.
        """
        self.ensure_one()
        sections = (package or {}).get("sections") or {}
        grades = sections.get("grades") or []
        tests = sections.get("test_history") or []
        years = (
            self.env["fl.school.year"].search(
                [
                    (
                        "code",
                        "in",
                        [c["school_year"] for c in grades if c.get("school_year")],
                    )
                ]
            )
            | self.course_history_ids.school_year_id
        )
        scales = self.env["fl.grading.scale"].search([("active", "=", True)])
        keys = {rules.catalog_key(c.get("course_number")) for c in grades}
        courses = self.env["fl.course"].search(
            [("state_course_number", "in", [k for k in keys if k])]
        )
        held_cells, held_finals = {}, {}
        for line in self.course_history_ids:
            year = line.school_year_id.code
            number = (line.course_number or "").upper()
            if line.final_grade:
                held_finals[(year, number)] = line.final_grade.upper()
            for cell in line.grade_ids:
                held_cells[(year, number, cell.marking_period_id.code)] = (
                    cell.grade.upper()
                )
        held_tests = {}
        spec = SECTION_SPECS["test_history"]
        for test in self.test_history_ids:
            held_tests[rules.natural_key("test_history", _export(test, spec))] = (
                test.score or ""
            )
        held_keys = {}
        relations = {
            "ese": self.ese_program_ids,
            "immunizations": self.immunization_ids,
            "schedule": self.schedule_ids,
        }
        for section, records in relations.items():
            held_keys[section] = {
                rules.natural_key(section, _export(rec, SECTION_SPECS[section]))
                for rec in records
            }
        required_codes = {}
        for section, names in REQUIRED_CODES.items():
            spec = SECTION_SPECS[section]
            for name in names:
                model = spec["codes"][name][1]
                wanted = [r.get(name) for r in sections.get(section) or []]
                required_codes.setdefault(section, {})[name] = set(
                    self.env[model].search([("code", "in", wanted)]).mapped("code")
                )
        demo_fields = self._importable_demographic_fields()
        number = (sections.get("demographics") or {}).get("florida_student_id")
        return {
            "florida_student_id_taken": bool(
                number
                and self.sudo().search_count(
                    [("florida_student_id", "=", number), ("id", "!=", self.id)]
                )
            ),
            "required_codes": required_codes,
            "school_years": {y.code: y.marking_structure or "semesters" for y in years},
            "year_periods": {
                y.code: set(y.marking_period_ids.mapped("code")) for y in years
            },
            "catalog": set(courses.mapped("state_course_number")),
            "scale_grades": {
                c.state_course_number: {
                    g.upper() for g in c.grading_scale_id.line_ids.mapped("grade")
                }
                for c in courses
                if c.grading_scale_id
            },
            "all_grades": {g.upper() for g in scales.line_ids.mapped("grade")},
            "held_cells": held_cells,
            "held_finals": held_finals,
            "test_names": set(
                self.env["fl.test.name"]
                .search([("code", "in", [t.get("test_name") for t in tests])])
                .mapped("code")
            ),
            "score_types": set(
                self.env["fl.test.score.type"]
                .search([("code", "in", [t.get("score_type") for t in tests])])
                .mapped("code")
            ),
            "held_tests": held_tests,
            "today": fields.Date.context_today(self),
            "current_demographics": {name: _json(self[name]) for name in demo_fields},
            "importable_fields": demo_fields,
            "held_keys": held_keys,
        }

    def _transfer_import_write(self, plan):
        """Write the planned rows (``import_preview.plan_import``); counts."""
        self.ensure_one()
        cache = {}
        counts = {}
        demo = plan.get("demographics") or []
        if demo:
            vals = {}
            for row in demo:
                name, value = row["data"]["field"], row["data"]["incoming"]
                if name in schema.IDENTITY_FIELDS and (
                    name != "florida_student_id" or self.florida_student_id
                ):
                    raise UserError(
                        self.env._(
                            "%(field)s identifies the student: a record package "
                            "does not change it.",
                            field=self._fields[name].string,
                        )
                    )
                field = self._fields[name]
                if field.type == "many2one":
                    value = self._code_record(field.comodel_name, value, cache).id
                elif field.type == "boolean":
                    value = value in ("1", "True", "true", "Y")
                vals[name] = value or False
            self.write(vals)
            counts["demographics"] = len(vals)
        if plan.get("grades"):
            counts["grades"] = self._transfer_import_grades(plan["grades"], cache)
        for section in ("test_history", "ese", "immunizations", "schedule"):
            rows = plan.get(section) or []
            spec = SECTION_SPECS[section]
            vals_list = []
            for row in rows:
                data = row["data"]
                vals = {"student_id": self.id}
                for name, field in spec["fields"].items():
                    if data.get(name) not in (None, ""):
                        vals[field] = data[name]
                for name, (field, model) in spec["codes"].items():
                    record = self._code_record(model, data.get(name), cache)
                    if (
                        data.get(name)
                        and not record
                        and name
                        in (
                            "test_name",
                            "exceptionality",
                            "vaccine",
                            "school_year",
                            "course_number",
                        )
                    ):
                        raise UserError(
                            self.env._(
                                "%(section)s: code %(code)r is unknown here "
                                "(%(what)s).",
                                section=section,
                                code=data.get(name),
                                what=model,
                            )
                        )
                    vals[field] = record.id
                vals_list.append(vals)
            if vals_list:
                self.env[spec["model"]].create(vals_list)
                counts[section] = len(vals_list)
        return counts

    def _transfer_import_trial(self, plan):
        """Write the planned rows and roll them back: ``[(row, why it cannot
        be written)]``, so that a row our forms refuse shows in the preview,
        before Import, with the form's own message. The whole plan is tried
        first (one write, as Import does); only when it fails is each row (a
        course with its grades) tried alone, to name the rows at fault."""
        self.ensure_one()
        if self._transfer_import_attempt(plan) is None:
            return []
        failures = []
        for section, rows in plan.items():
            units = {}
            for row in rows:
                if section == "grades":
                    course = row["data"]["course"]
                    unit = (course.get("school_year"), course.get("course_number"))
                else:
                    unit = id(row)
                units.setdefault(unit, []).append(row)
            for unit in units.values():
                message = self._transfer_import_attempt({section: unit})
                if message:
                    failures.extend((row, message) for row in unit)
        return failures

    def _transfer_import_attempt(self, plan):
        """Why ``plan`` cannot be written (None when it can); rolled back."""
        savepoint = self.env.cr.savepoint()
        try:
            self.with_context(tracking_disable=True)._transfer_import_write(plan)
            self.env.flush_all()
        except UserError as error:
            return str(error.args[0])
        except (ValueError, TypeError, psycopg2.Error):
            return self.env._("Our records cannot hold this row.")
        finally:
            savepoint.close(rollback=True)
        return None

    def _transfer_import_grades(self, rows, cache):
        History = self.env["fl.course.history"]
        created = 0
        for row in rows:
            data = row["data"]
            course = data["course"]
            year = self._code_record("fl.school.year", course.get("school_year"), cache)
            number = (course.get("course_number") or "").upper()
            line = self.course_history_ids.filtered(
                lambda h, y=year, n=number: (
                    h.school_year_id == y and (h.course_number or "").upper() == n
                )
            )[:1]
            if not line:
                vals = {"student_id": self.id, "course_number": number}
                for name, field in HISTORY_FIELDS.items():
                    if course.get(name) not in (None, ""):
                        vals[field] = course[name]
                for name, (field, model) in HISTORY_CODES.items():
                    vals[field] = self._code_record(model, course.get(name), cache).id
                if not vals.get("grade_level_id"):
                    vals["grade_level_id"] = (
                        self.current_enrollment_id.grade_level_id.id
                    )
                catalog = self.env["fl.course"].search(
                    [("state_course_number", "=", rules.catalog_key(number))], limit=1
                )
                vals["course_id"] = catalog.id
                if not catalog:
                    vals.pop("course_id")
                line = History.create(vals)
                self.invalidate_recordset(["course_history_ids"])
            target = data["target_period"]
            if target == rules.COURSE_FINAL:
                if not line.final_grade:
                    line.final_grade = data["grade"]
                continue
            period = line.school_year_id.marking_period_ids.filtered(
                lambda p, t=target: p.code == t
            )[:1]
            if not period:
                raise UserError(
                    self.env._(
                        "School year %(year)s has no marking period %(code)s: "
                        "generate its marking periods first.",
                        year=line.school_year_id.display_name,
                        code=target,
                    )
                )
            self.env["fl.course.grade"].create(
                {
                    "history_id": line.id,
                    "block": period.block,
                    "period": period.period,
                    "marking_period_id": period.id,
                    "grade": data["grade"],
                    "note": row.get("message") or False,
                }
            )
            created += 1
        return created
