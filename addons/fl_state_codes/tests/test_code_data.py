from odoo.tests import TransactionCase, tagged

from .common import load_code_lists

# Expected rows per table, counted from the sources (see readme/CONTEXT.md).
EXPECTED_COUNTS = {
    # 67 counties + 68-76, 78, 79 + 80-83 (names unknown) + 88, 89, 90, 95, 99
    "fl.district": 67 + 11 + 4 + 5,
    # 15 special numbers for each of the 67 county districts + 990000, 990006
    "fl.school": 67 * 15 + 2,
    # E01-E09 (9) + E10-E13 (2026-27) + R01-R04 + adult EA1, RA1
    "fl.entry.code": 19,
    # 65 codes of seed 004 item 37 + 8 Aspen + 9 new (2024-27 + ZZZ) + W54-W59
    "fl.withdrawal.code": 65 + 8 + 9 + 6,
    # PK, KG, 01-12, 23, 30, 31 + legacy 13-17, 20-22, 24
    "fl.grade.level": 17 + 9,
    "fl.grade.promotion.status": 6,  # seed 001 item 10
    "fl.sex": 2,
    "fl.ethnicity": 2,
    "fl.race": 5,
    "fl.racial.ethnic.category": 6 + 3,  # seed 004 item 12 + O, E, Z
    "fl.birth.verification": 10,  # seed 004 item 23: 1-9, T
    "fl.guardian.relationship": 8,  # P, G, O, A, S, N, F, M
    "fl.language": 0,  # Appendix N not among the sources
    "fl.migrant.status.term": 10,
    "fl.term.code": 32,  # 1-9, B-O, R-Y, Z
    "fl.course.flag": 36,
    "fl.subject.area": 28,
    "fl.diploma.type": 17 + 6 + 12,  # seed 004 item 46 + 2026-27 list
    "fl.certificate.type": 6 + 1,  # seed 004 item 48 + W8B
    "fl.diploma.designation": 5,
    "fl.graduation.option": 13,
    "fl.exceptionality": 19,  # seed 003 item 22
    "fl.ese.placement.status": 7,  # seed 003 item 19
    "fl.fefp.program": 12,  # seed 003 item 9
    "fl.immunization.status": 9,  # 0-8
    "fl.vaccine": 15 + 3,  # A-M, 8, 9 + Aspen N, P, Q (archived)
    "fl.test.name": 43,
    "fl.test.score.type": 18 + 16 + 1,
    "fl.message.type": 56 + 31,  # R/S/Q/M/X codes + B00-B30
}

# Seed 004 item 37: every withdrawal code and its SSE03 crosswalk ('' = NTE).
SEED_004_WITHDRAWAL = {
    "DNE": "D09", "W01": "D10", "W02": "D11", "W3A": "D13", "W3B": "D13",
    "W04": "D20", "W05": "D14", "W06": "D15", "W6A": "D15", "W6B": "D15",
    "WFA": "D15", "WFB": "D15", "WFW": "D15", "WFT": "D15", "W07": "D16",
    "W08": "D17", "W8A": "D17", "W09": "D18", "W10": "D19", "WGA": "D19",
    "WGD": "D19", "W11": "D21", "W12": "EB1", "W21": "B29", "W24": "D20",
    "W27": "D16", "W43": "D15", "W44": "D17", "W45": "D19", "W50": "EB1",
    "WPO": "", "W13": "", "W14": "", "W15": "", "W16": "", "W17": "",
    "W18": "", "W19": "", "W20": "", "W22": "", "W23": "", "W25": "",
    "W26": "", "W28": "", "W29": "", "W30": "", "W31": "", "W32": "",
    "W33": "", "W34": "", "W35": "", "W36": "", "W37": "", "W38": "",
    "W39": "", "W40": "", "W41": "", "W42": "", "W46": "", "W47": "",
    "W48": "", "W49": "", "W51": "", "W52": "", "W53": "",
}  # fmt: skip

# Other seed 004 crosswalks (items 10-12, 16, 23, 25, 46, 48).
SEED_004_OTHER = [
    ("fl.grade.level", "PK", "PK"), ("fl.grade.level", "KG", "0K"),
    ("fl.grade.level", "01", "01"), ("fl.grade.level", "12", "12"),
    ("fl.grade.level", "23", "12"), ("fl.grade.level", "30", "AD"),
    ("fl.grade.level", "31", "AD"),
    ("fl.birth.verification", "1", "1"), ("fl.birth.verification", "2", "3"),
    ("fl.birth.verification", "3", "6"), ("fl.birth.verification", "6", "2"),
    ("fl.birth.verification", "8", "7"), ("fl.birth.verification", "9", "8"),
    ("fl.birth.verification", "T", "5"), ("fl.birth.verification", "4", ""),
    ("fl.race", "I", "I"), ("fl.race", "A", "A"), ("fl.race", "B", "B"),
    ("fl.race", "P", "J"), ("fl.race", "W", "C"), ("fl.ethnicity", "Y", "H"),
    ("fl.racial.ethnic.category", "W", "C"), ("fl.racial.ethnic.category", "M", "E"),
    ("fl.sex", "F", "F"), ("fl.sex", "M", "M"),
    ("fl.guardian.relationship", "P", "03"), ("fl.guardian.relationship", "G", "26"),
    ("fl.guardian.relationship", "A", "31"), ("fl.guardian.relationship", "N", "36"),
    ("fl.diploma.type", "W06", "B18"), ("fl.diploma.type", "W07", "B21"),
    ("fl.diploma.type", "WGD", "B24"), ("fl.certificate.type", "W08", "B22"),
    ("fl.certificate.type", "W09", "B23"),
]  # fmt: skip


@tagged("post_install", "-at_install")
class TestCodeData(TransactionCase):
    """The shipped data matches the sources and the CSV files the codec reads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lists = load_code_lists()

    def _all(self, model):
        return self.env[model].with_context(active_test=False).search([])

    def _state_data(self, model):
        """Records shipped in data/ (demo schools excluded)."""
        records = self._all(model)
        xids = records._get_external_ids()
        return records.filtered(
            lambda r: any(not x.endswith("_demo") for x in xids.get(r.id, []))
        )

    def test_count_per_table(self):
        self.assertEqual(set(EXPECTED_COUNTS), set(self.lists.tables()))
        for model, expected in EXPECTED_COUNTS.items():
            with self.subTest(model=model):
                self.assertEqual(len(self._state_data(model)), expected)
                self.assertEqual(len(self.lists.load(model)), expected)

    def test_database_matches_csv(self):
        """One source of truth: Odoo holds exactly the codes the codec reads."""
        for model in self.lists.tables():
            with self.subTest(model=model):
                rows = self.lists.load(model)
                records = self._state_data(model)
                self.assertEqual(set(records.mapped("code")), set(rows))
                for record in records:
                    row = rows[record.code]
                    self.assertEqual(record.name, row["name"])
                    self.assertEqual(record.express_code or "", row["express_code"])
                    self.assertEqual(record.active, row["active"] == "True")

    def test_codes_unique_per_table(self):
        for model in self.lists.tables():
            with self.subTest(model=model):
                codes = self._all(model).mapped("code")
                self.assertEqual(len(codes), len(set(codes)))

    def test_csv_headers_are_consistent(self):
        for model in self.lists.tables():
            with (self.lists.DATA_DIR / f"{model}.csv").open() as handle:
                header = handle.readline().strip().split(",")
            with self.subTest(model=model):
                self.assertEqual(tuple(header[:8]), self.lists.COMMON_COLUMNS)

    def test_acceptance_districts(self):
        District = self.env["fl.district"]
        expected = {
            "12": "Columbia",
            "37": "Leon",
            "61": "Suwannee",
            "71": "Florida Virtual School",
        }
        for code, name in expected.items():
            self.assertEqual(District._lookup(code).name, name)
        codes = set(self._all("fl.district").mapped("code"))
        # District Name Table 01-79: 77 is not assigned (edits allow 01-76, 78-79)
        table = {f"{n:02d}" for n in range(1, 80)} - {"77"}
        self.assertLessEqual(table, codes)
        self.assertEqual(self.env.ref("fl_state_codes.fl_district_12").code, "12")
        institutions = District.search([("district_type", "=", "institution")])
        self.assertEqual(
            set(institutions.mapped("code")), {"88", "89", "90", "95", "99"}
        )
        specials = District.search([("district_type", "=", "special")])
        self.assertTrue({"68", "71", "76", "78", "79"} <= set(specials.mapped("code")))
        self.assertEqual(
            District.search_count([("district_type", "=", "district")]), 67
        )

    def test_acceptance_withdrawal_codes(self):
        Withdrawal = self.env["fl.withdrawal.code"]
        for code, express in SEED_004_WITHDRAWAL.items():
            with self.subTest(code=code):
                self.assertEqual(Withdrawal._lookup(code).express_code or "", express)
        w3a = self.env.ref("fl_state_codes.fl_withdrawal_code_W3A")
        self.assertEqual((w3a.code, w3a.express_code), ("W3A", "D13"))

    def test_acceptance_grade_levels(self):
        self.assertEqual(
            self.env.ref("fl_state_codes.fl_grade_level_KG").express_code, "0K"
        )
        self.assertEqual(self.env["fl.grade.level"]._lookup("30").express_code, "AD")
        self.assertEqual(
            self.env["fl.grade.level"].search([], limit=3).mapped("code"),
            ["PK", "KG", "01"],
        )

    def test_seed_004_crosswalks(self):
        crosswalked = [(c, x) for c, x in SEED_004_WITHDRAWAL.items() if x]
        self.assertGreaterEqual(len(crosswalked) + len(SEED_004_OTHER), 20)
        for model, code, express in SEED_004_OTHER:
            with self.subTest(model=model, code=code):
                self.assertEqual(
                    self.env[model]._lookup(code).express_code or "", express
                )
                self.assertEqual(self.lists.express_code(model, code), express)

    def test_special_school_numbers(self):
        School = self.env["fl.school"]
        for number in ("3518", "3900", "7001", "7004", "7006", "7023", "9992", "9998"):
            with self.subTest(number=number):
                school = School._lookup(f"12{number}")
                self.assertTrue(school.is_special)
                self.assertEqual(school.district_id.code, "12")
                self.assertEqual(school.number, number)
        self.assertEqual(School._lookup("990000").district_id.code, "99")
        # McKay (3518) is obsolete: shipped archived, still resolvable
        self.assertFalse(School._lookup("123518").active)
        self.assertFalse(School.search([("code", "=", "123518")]))

    def test_codec_reader_year_filter(self):
        lists = self.lists
        self.assertTrue(lists.is_valid("fl.withdrawal.code", "W3A", year=2025))
        self.assertFalse(lists.is_valid("fl.withdrawal.code", "W99"))
        self.assertTrue(lists.is_valid("fl.graduation.option", "5", year=2010))
        self.assertFalse(lists.is_valid("fl.graduation.option", "5", year=2020))
        self.assertFalse(
            lists.is_valid("fl.graduation.option", "5", include_archived=False)
        )
        with self.assertRaisesRegex(KeyError, "Unknown fl.sex code 'X'"):
            lists.lookup("fl.sex", "X")
