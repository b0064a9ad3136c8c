from odoo.tests import TransactionCase, tagged

from ..models.student_demographics import (
    IMPORTABLE_DEMOGRAPHIC_FIELDS,
    NOT_IMPORTED_REASONS,
    importable_demographic_field_names,
)


@tagged("post_install", "-at_install")
class TestImportableDemographics(TransactionCase):
    """The Focus Student Transfers guide's list of importable demographics,
    label by label."""

    def test_every_label_has_a_field_or_a_reason(self):
        # 110 labels in the seed's list, none forgotten or invented.
        self.assertEqual(len(IMPORTABLE_DEMOGRAPHIC_FIELDS), 110)
        unmapped = {k for k, v in IMPORTABLE_DEMOGRAPHIC_FIELDS.items() if not v}
        self.assertEqual(unmapped, set(NOT_IMPORTED_REASONS))
        for label, reason in NOT_IMPORTED_REASONS.items():
            with self.subTest(label=label):
                self.assertGreater(len(reason), 20)

    def test_targets_are_stored_student_fields(self):
        fields = self.env["fl.student"]._fields
        for label, name in IMPORTABLE_DEMOGRAPHIC_FIELDS.items():
            if not name:
                continue
            with self.subTest(label=label):
                self.assertIn(name, fields)
                self.assertTrue(fields[name].store, f"{name} is not stored")
                self.assertFalse(fields[name].compute, f"{name} is computed")

    def test_fields_are_on_the_student_form(self):
        arch = self.env["fl.student"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        for name in importable_demographic_field_names():
            with self.subTest(field=name):
                self.assertIn(f'name="{name}"', arch)

    def test_race_flags_and_hispanic_give_the_category(self):
        student = self.env["fl.student"].create(
            {"first_name": "Quill", "last_name": "Marrowdale", "race_asian": True}
        )
        self.assertEqual(student.racial_category_id.code, "A")
        student.race_indian = True
        self.assertEqual(student.racial_category_id.code, "M")
        student.write({"race_indian": False, "race_asian": False})
        self.assertFalse(student.racial_category_id)
        student.hispanic = True
        self.assertEqual(student.racial_category_id.code, "H")

    def test_the_package_carries_every_field_of_the_list(self):
        """The record package holds each field of the guide's list, not a
        shorter default: nothing is dropped on the way to the other district."""
        student = self.env["fl.student"].create(
            {"first_name": "Quill", "last_name": "Marrowdale", "race_asian": True}
        )
        held = {
            name
            for name in importable_demographic_field_names()
            if student[name] not in (False, None, "")
        }
        self.assertIn("race_asian", held)
        package = student._transfer_package(["demographics"])
        self.assertEqual(set(package["sections"]["demographics"]), held)
