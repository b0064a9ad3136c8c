from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCodeMixin(TransactionCase):
    """Display, search, lookup, uniqueness and retirement of codes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.District = cls.env["fl.district"]
        cls.School = cls.env["fl.school"]
        cls.columbia = cls.env.ref("fl_state_codes.fl_district_12")
        cls.school = cls.School.create(
            {"district_id": cls.columbia.id, "number": "9011", "name": "Test School"}
        )

    def test_display_name(self):
        self.assertEqual(self.columbia.display_name, "12 - Columbia")
        self.assertEqual(self.school.code, "129011")
        self.assertEqual(self.school.display_name, "129011 - Test School")

    def test_search_by_code_and_by_name(self):
        by_code = self.District.name_search("37")
        self.assertEqual([name for _id, name in by_code], ["37 - Leon"])
        by_name = self.District.name_search("Colum")
        self.assertEqual([name for _id, name in by_name], ["12 - Columbia"])
        self.assertIn(
            "W3A - Withdrew to a public school in another Florida district",
            [n for _i, n in self.env["fl.withdrawal.code"].name_search("W3A")],
        )
        by_name = self.env["fl.withdrawal.code"].name_search("home education")
        self.assertIn("W24", [n.split(" - ")[0] for _i, n in by_name])
        self.assertEqual(
            self.District.search([("display_name", "ilike", "Suwannee")]).code, "61"
        )
        # the displayed form (exports, pasted values) resolves to its code
        self.assertEqual(
            self.District.name_search("61 - Suwannee")[0][1], "61 - Suwannee"
        )

    def test_code_unique_per_table(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.District.create({"code": "12", "name": "Second Columbia"})
        # the same code is fine in another table
        self.assertTrue(self.env["fl.grade.level"]._lookup("12"))

    def test_school_number_is_checked(self):
        with self.assertRaisesRegex(ValidationError, "4 characters"):
            self.School.create(
                {"district_id": self.columbia.id, "number": "41", "name": "Bad"}
            )
        with self.assertRaisesRegex(ValidationError, "district code followed"):
            self.School.create(
                {
                    "district_id": self.columbia.id,
                    "number": "9012",
                    "code": "379012",
                    "name": "Wrong district",
                }
            )

    def test_lookup_unknown_code_is_a_clear_error(self):
        with self.assertRaisesRegex(UserError, "Unknown Florida Withdrawal code 'W99'"):
            self.env["fl.withdrawal.code"]._lookup("W99")
        with self.assertRaisesRegex(UserError, "Unknown Florida District code ''"):
            self.District._lookup(False)
        self.assertFalse(self.District._lookup("00", raise_if_missing=False))
        self.assertEqual(self.District._lookup(" 12 "), self.columbia)
        self.assertEqual(self.env["fl.withdrawal.code"]._lookup_express("W3A"), "D13")

    def test_archived_code_hidden_from_new_choices_but_kept_on_records(self):
        self.columbia.action_archive()
        # hidden from new choices (search, name_search / many2one dropdowns)
        self.assertFalse(self.District.search([("code", "=", "12")]))
        self.assertNotIn(
            self.columbia.id, [i for i, _n in self.District.name_search("Columbia")]
        )
        # records that use it keep working and still display it
        self.school.invalidate_recordset()
        self.assertEqual(self.school.district_id, self.columbia)
        self.assertEqual(self.school.district_id.display_name, "12 - Columbia")
        self.assertEqual(
            self.school.read(["district_id"])[0]["district_id"][0], self.columbia.id
        )
        self.school.write({"name": "Renamed Test School"})
        self.assertEqual(self.school.code, "129011")
        # lookups of incoming data still resolve the retired code
        self.assertEqual(self.District._lookup("12"), self.columbia)
        self.columbia.action_unarchive()
        self.assertTrue(self.District.search([("code", "=", "12")]))

    def test_state_codes_are_archived_not_deleted(self):
        with self.assertRaisesRegex(UserError, "archive it"):
            self.env.ref("fl_state_codes.fl_withdrawal_code_W3A").unlink()
        local = self.env["fl.withdrawal.code"].create({"code": "X99", "name": "Local"})
        local.unlink()
        self.assertFalse(local.exists())

    def test_valid_years(self):
        option = self.env["fl.graduation.option"]._lookup("5")
        self.assertTrue(option._is_valid_in_year(2010))
        self.assertFalse(option._is_valid_in_year(2015))
        self.assertFalse(option._is_valid_in_year(2003))
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            option.write({"valid_from_year": 2020, "valid_to_year": 2019})

    def test_school_import_computes_the_code(self):
        """Loading the Master School ID list: district + number give the code."""
        result = self.School.load(
            ["district_id", "number", "name"],
            [["12 - Columbia", "0042", "Imported School"]],
        )
        self.assertFalse(result["messages"])
        school = self.School.browse(result["ids"])
        self.assertEqual((school.code, school.district_id), ("120042", self.columbia))
        self.assertEqual(self.School.name_search("0042")[0][0], school.id)
        self.assertTrue(self.School.get_import_templates())
