"""Student Info's load costs the same number of queries for any history length
(the benchmark in bench/ measures the time; this only counts queries)."""

from lxml import etree

from .academic_common import AcademicCase


def form_spec(node, models_fields, model):
    """The web client's web_read spec for the top-level fields of ``node``."""
    spec = {}
    for child in node.iter("field"):
        ancestor = child.getparent()
        while ancestor is not None and ancestor is not node and ancestor.tag != "field":
            ancestor = ancestor.getparent()
        if ancestor is not None and ancestor is not node:
            continue
        info = models_fields[model].get(child.get("name"), {})
        if info.get("type") == "many2one":
            spec[child.get("name")] = {"fields": {"display_name": {}}}
        elif info.get("type") in ("one2many", "many2many"):
            sub = child.find("list")
            spec[child.get("name")] = {
                "fields": form_spec(sub, models_fields, info["relation"])
                if sub is not None
                else {"display_name": {}},
                "limit": 40,
            }
        else:
            spec[child.get("name")] = {}
    return spec


class TestAcademicFormLoad(AcademicCase):
    def test_query_count_independent_of_history(self):
        for term in "123456789BCD":
            self._code("fl.term.code", term)
        for level in ["KG"] + [f"{i:02d}" for i in range(1, 13)]:
            self._code("fl.grade.level", level)
        for model, code in (
            ("fl.course.flag", "P"),
            ("fl.course.flag", "H"),
            ("fl.test.name", "FSA"),
            ("fl.test.name", "SA4"),
            ("fl.test.name", "ACT"),
            ("fl.test.score.type", "SS"),
            ("fl.test.score.type", "AL"),
            ("fl.vaccine", "A"),
            ("fl.exceptionality", "K"),
        ):
            self._code(model, code)
        views = self.env["fl.student"].get_views([(False, "form")])
        models_fields = {m: info["fields"] for m, info in views["models"].items()}
        arch = etree.fromstring(views["views"]["form"]["arch"])
        spec = form_spec(arch, models_fields, "fl.student")
        for page_field in ("course_history_ids", "test_history_ids", "schedule_ids"):
            self.assertIn(page_field, spec, "Student Info shows the academic tabs")
        counts = []
        builder = self.env["fl.academic.demo"]
        # same years (same code values to display), 4x the courses and tests
        for per_year, tests in ((8, 12), (32, 48)):
            student = self._student("Form", f"Load{per_year}")
            builder.build_history(
                student,
                years=5,
                courses_per_year=per_year,
                tests=tests,
                ese=True,
                incident=True,
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            student.web_read(spec)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], f"queries by history length: {counts}")
