"""Every crosswalk value of seed 004, expected values typed from the seed text."""

import pytest
from _express_helpers import notes, one, segs

BASE = {"1": "I01"}


def rec(**items):
    return {**BASE, **{k.lstrip("_"): v for k, v in items.items()}}


# -- DMG ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "code"),
    [("10", "H"), ("10a", "I"), ("10b", "A"), ("10c", "B"), ("10d", "J"), ("10e", "C")],
)
def test_race_flags_dmg05(item, code):
    assert one({item: "Y"}, "DMG")[5] == code


@pytest.mark.parametrize("item", ["10", "10a", "10b", "10c", "10d", "10e"])
def test_race_flag_n_falls_back_to_item_12(item):
    assert one({item: "N"}, "DMG")[5] == "7"  # item 12 blank: 7 Not provided
    assert one({item: "N", "12": "B"}, "DMG")[5] == "B"


@pytest.mark.parametrize(("sex", "code"), [("M", "M"), ("F", "F"), ("", "")])
def test_sex_dmg03(sex, code):
    assert one({"11": sex, "55": "20100102"}, "DMG")[3] == code


@pytest.mark.parametrize(
    ("category", "code"),
    [("W", "C"), ("B", "B"), ("H", "H"), ("A", "A"), ("I", "I"), ("M", "E"), ("", "7")],
)
def test_race_category_item_12(category, code):
    assert one({"12": category}, "DMG")[5] == code


@pytest.mark.parametrize(
    ("code", "dmg08"),
    [
        ("1", "1"),
        ("2", "3"),
        ("3", "6"),
        ("6", "2"),
        ("8", "7"),
        ("T", "5"),
        ("9", "8"),
    ],
)
def test_birth_verification_dmg08(code, dmg08):
    assert one({"23": code, "12": "W"}, "DMG")[8] == dmg08


@pytest.mark.parametrize("code", ["4", "5", "7"])
def test_birth_verification_ignored(code):
    assert one({"23": code, "12": "W"}, "DMG")[8] == ""


# -- SST08 grade level -------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "sst08"),
    [("PK", "PK"), ("KG", "0K"), ("23", "12"), ("30", "AD"), ("31", "AD")]
    + [(f"{n:02d}", f"{n:02d}") for n in range(1, 13)],
)
def test_grade_level(grade, sst08):
    assert one({"16": grade}, "SST")[8] == sst08


@pytest.mark.parametrize("grade", ["EL", "HG", "UN", "13", ""])
def test_grade_level_no_crosswalk(grade):
    assert one({"16": grade}, "SST")[8] == ""


# -- 18a Diploma designation -------------------------------------------------

_FS = "F.S.1003.428 and F.S.1003.4282"


@pytest.mark.parametrize(
    ("code", "atv03"),
    [
        (
            "S",
            (
                f"Student has met the requirements of {_FS}, as applicable, in order "
                "to earn the Scholar designation"
            ),
        ),
        (
            "M",
            (
                f"Student has met the requirements of {_FS}, as applicable, in order "
                "to earn Merit designation"
            ),
        ),
        (
            "B",
            (
                "Both Scholar and Merit - Student has met the requirements of "
                f"{_FS}, as applicable, in order to earn both designations."
            ),
        ),
    ],
)
def test_diploma_designation(code, atv03):
    result = {"18a": code}
    atv = one(result, "ATV")
    assert (atv[1], atv[2], atv[3]) == ("SB", "ZZZ", atv03)
    assert one(result, "SST")[1] == "B18"


def test_diploma_designation_z_ignored():
    assert segs({"18a": "Z"}, "ATV") == []
    assert one({"18a": "Z"}, "SST")[1] == "B17"


# -- 18b Graduation option ---------------------------------------------------


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("1", "Student has chosen the 24 Credit Standard High School Option."),
        ("2", "Student has chosen the 18 Credit College Prep Option."),
        ("3", "Student has chosen the 18 Credit Career Prep Option."),
        (
            "4",
            (
                "Applies to students who plan to exit with a Special Diploma as "
                "determined by the IEP Team."
            ),
        ),
        (
            "5",
            (
                "18 Credit College Prep Option declared on or after 7/1/04 and not "
                "valid after 2014-2015 school year."
            ),
        ),
        (
            "6",
            (
                "18 Credit Career Prep Option declared on or after 7/1/04 and not "
                "valid after 2014-2015 school year."
            ),
        ),
        (
            "7",
            (
                "Student with disabilities opting to remain in school after "
                "receiving a special diploma, certificate of completion or special "
                "cert of completion, with no intention of working toward a standard "
                "diploma."
            ),
        ),
        ("8", "GED Exit Option Model"),
        (
            "9",
            (
                "Student has chosen the ACCEL (Academically Challenging Curriculum "
                "to Enhance Learning) graduation option."
            ),
        ),
        ("Z", "Not applicable. Student is not in Grades 9-12."),
    ],
)
def test_graduation_option(code, text):
    assert notes({"18b": code}) == [f"GOP:{code}-{text}"]


def test_graduation_option_n_becomes_4():
    assert notes({"18b": "N"})[0].startswith("GOP:4-Applies to students")


def test_graduation_option_unknown_writes_nothing():
    assert notes({"18b": "Q"}) == []


# -- 19d / 19e / 19h national scholars ---------------------------------------


@pytest.mark.parametrize(
    ("item", "code", "atv03"),
    [
        ("19d", "F", "NATIONAL MERIT FINALIST"),
        ("19d", "S", "NATIONAL MERIT SCHOLAR"),
        ("19e", "F", "NATIONAL ACHIEVEMENT FINALIST"),
        ("19e", "S", "NATIONAL ACHIEVEMENT SCHOLAR"),
        ("19h", "S", "NATIONAL HISPANIC SCHOLAR"),
    ],
)
def test_national_scholars(item, code, atv03):
    atv = one({item: code}, "ATV")
    assert (atv[1], atv[2], atv[3]) == ("SB", "M04", atv03)


@pytest.mark.parametrize("item", ["19d", "19e", "19h"])
@pytest.mark.parametrize("code", ["Z", ""])
def test_national_scholars_ignored(item, code):
    assert segs({item: code}, "ATV") == []


# -- 25-30 guardians ---------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "in106", "in103"),
    [
        ("P", "03", "S1"),
        ("G", "26", "E1"),
        ("O", "34", ""),
        ("A", "31", "E1"),
        ("S", "34", "E1"),
        ("N", "36", "S2"),
    ],
)
@pytest.mark.parametrize(("code_item", "name_item"), [("25", "26"), ("27", "28")])
def test_guardian_codes(code_item, name_item, code, in106, in103):
    in1, in2 = segs({code_item: code, name_item: "DOE JANE"}, "IN1") + segs(
        {code_item: code, name_item: "DOE JANE"}, "IN2"
    )
    assert (in1.id, in1[1], in1[2], in1[3], in1[6]) == ("IN1", "1", "02", in103, in106)
    assert (in2.id, in2[1], in2[2]) == ("IN2", "16", "DOE JANE")


@pytest.mark.parametrize("code", ["M", "F"])
def test_guardian_3_migrant_codes(code):
    in1 = one({"29": code, "30": "DOE PAT"}, "IN1")
    assert (in1[3], in1[6]) == ("S1", "03")


def test_guardian_3_same_as_item_25():
    in1 = one({"29": "G", "30": "DOE PAT"}, "IN1")
    assert (in1[3], in1[6]) == ("E1", "26")


# -- 31d / 31e health screenings ---------------------------------------------


@pytest.mark.parametrize(
    ("item", "code", "hs01", "hs04"),
    [
        ("31d", "HY", "V72.1", "NOR"),
        ("31d", "HT", "V72.1", "ABN"),
        ("31d", "HN", "V72.1", "ABN"),
        ("31e", "VY", "V72.0", "NOR"),
        ("31e", "VT", "V72.0", "ABN"),
        ("31e", "VN", "V72.0", "ABN"),
    ],
)
def test_screenings(item, code, hs01, hs04):
    hs = one({item: code}, "HS")
    assert (hs[1], hs[4]) == (hs01, hs04)


@pytest.mark.parametrize("item", ["31d", "31e"])
def test_screening_zz_ignored(item):
    assert segs({item: "ZZ"}, "HS") == []


# -- 36C / 36d / 36e notes ---------------------------------------------------


@pytest.mark.parametrize(
    ("code", "text"),
    [
        (
            "R",
            "Fee Required for student classified as a resident for tuition purposes.",
        ),
        (
            "U",
            (
                "Fee Required for student classified as a non-resident for tuition "
                "purposes."
            ),
        ),
        ("W", "Fee Waived for student classified as a resident for tuition purposes."),
        (
            "X",
            "Fee Waived for student classified as a non-resident for tuition purposes.",
        ),
        (
            "D",
            "Fee Deferred: for student classified as a resident for tuition purposes.",
        ),
    ],
)
def test_adult_fee_status(code, text):
    assert notes({"36c": code}) == [f"ADLT{code}-{text}"]


@pytest.mark.parametrize(
    ("code", "start"),
    [
        ("D", "Non-Florida resident paying differential out-of-state fee"),
        ("F", "Florida resident for tuition purposes (in accordance with s. 1009.21"),
        ("N", "Non-Florida resident for tuition purposes (in accordance with"),
        ("Z", "Residency determination not required (Examples: Continuing"),
    ],
)
def test_residency(code, start):
    assert notes({"36d": code})[0].startswith(f"RESI{code}-{start}")


@pytest.mark.parametrize(
    ("code", "start"),
    [
        (
            "D",
            (
                "This requirement does not apply to this student because the "
                "student has an individual educational plan"
            ),
        ),
        (
            "T",
            (
                "This requirement does not apply to this student because the "
                "student is enrolled in a Florida high school"
            ),
        ),
        ("Z", "This student has no exemption or is not in a cohort"),
    ],
)
def test_online_exempt(code, start):
    assert notes({"36e": code})[0].startswith(f"XEMP{code}-{start}")


# -- 37 withdrawal -----------------------------------------------------------

WITHDRAWAL_SEED = [
    ("DNE", "D09"),
    ("W01", "D10"),
    ("W02", "D11"),
    ("W3A", "D13"),
    ("W3B", "D13"),
    ("W04", "D20"),
    ("W05", "D14"),
    ("W06", "D15"),
    ("W6A", "D15"),
    ("W6B", "D15"),
    ("WFA", "D15"),
    ("WFB", "D15"),
    ("WFW", "D15"),
    ("WFT", "D15"),
    ("W07", "D16"),
    ("W08", "D17"),
    ("W8A", "D17"),
    ("W09", "D18"),
    ("W10", "D19"),
    ("WGA", "D19"),
    ("WGD", "D19"),
    ("W11", "D21"),
    ("W12", "EB1"),
    ("W21", "B29"),
    ("W24", "D20"),
    ("W27", "D16"),
    ("W43", "D15"),
    ("W44", "D17"),
    ("W45", "D19"),
    ("W50", "EB1"),
]


@pytest.mark.parametrize(("code", "sse03"), WITHDRAWAL_SEED)
def test_withdrawal_sse(code, sse03):
    sse = one({"37": code, "38": "06302025"}, "SSE")
    assert (sse[1], sse[2], sse[3]) == ("", "20250630", sse03)
    assert not any(n.startswith("WDW:") for n in notes({"37": code}))


WITHDRAWAL_NOTE_CODES = [
    "WPO",
    "W13",
    "W14",
    "W15",
    "W16",
    "W17",
    "W18",
    "W19",
    "W20",
    "W22",
    "W23",
    "W25",
    "W26",
    "W28",
    "W29",
    "W30",
    "W31",
    "W32",
    "W33",
    "W34",
    "W35",
    "W36",
    "W37",
    "W38",
    "W39",
    "W40",
    "W41",
    "W42",
    "W46",
    "W47",
    "W48",
    "W49",
    "W51",
    "W52",
    "W53",
]


@pytest.mark.parametrize("code", WITHDRAWAL_NOTE_CODES)
def test_withdrawal_note(code):
    result = {"37": code, "38": "06302025"}
    assert segs(result, "SSE") == []
    (note,) = notes(result)
    assert note.startswith(f"WDW:{code}-")
    assert len(note) > len("WDW:XXX-") + 10


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("W14", "Any adult student withdrawn from school to enter the military."),
        ("W33", "Achieved personal objective."),
        ("W16", "Any student who withdraws from school to get married"),
        (
            "W42",
            "Any adult student who was expelled from school.",
        ),
    ],
)
def test_withdrawal_note_text(code, text):
    assert notes({"37": code}) == [f"WDW:{code}-{text}"]


# -- 39b-39e assessments -----------------------------------------------------

_CAP = "E=Exempted thru the Credit Acceleration Program,FS1003.4295"


@pytest.mark.parametrize(
    ("item", "code", "rap02", "rap03", "rap04"),
    [
        (
            "39b",
            "Y",
            "Y=Successfully met the A1 assessment requirement by: Enrling",
            "A1 & pass Assessment/PERT comp, a Waiver or transfer Exemptn",
            "R",
        ),
        ("39b", "E", _CAP, "", "R"),
        ("39c", "E", _CAP, "", "P"),
        (
            "39d",
            "Y",
            "Y=Successfully met the BI assessment requirement by:",
            "Enroll in BI & pass Assessment, a Waiver or transfer Exemptn",
            "P",
        ),
        ("39d", "E", _CAP, "", "P"),
        (
            "39e",
            "Y",
            "Y=Successfully met the AH assessment requirement by:",
            "Enroll in AH & pass Assessment, a Waiver or transfer Exemptn",
            "P",
        ),
        ("39e", "E", _CAP, "", "P"),
    ],
)
def test_assessments(item, code, rap02, rap03, rap04):
    rap = one({item: code}, "RAP")
    assert [rap[i] for i in range(1, 8)] == ["9FL", rap02, rap03, rap04, "Y", "", ""]


@pytest.mark.parametrize("item", ["39b", "39c", "39d", "39e"])
def test_assessment_z_ignored(item):
    assert segs({item: "Z"}, "RAP") == []


def test_geometry_y_has_no_crosswalk():
    assert segs({"39c": "Y"}, "RAP") == []


# -- 46 / 48 diploma and certificate types -----------------------------------

DIPLOMA_SEED = [
    ("W06", "B18"),
    ("W6A", "B18"),
    ("W6B", "B18"),
    ("W10", "B24"),
    ("WFA", "B18"),
    ("WFB", "B18"),
    ("WFW", "B18"),
    ("WFT", "B18"),
    ("W07", "B21"),
    ("W27", "B21"),
    ("W43", "B18"),
    ("W45", "B24"),
    ("W52", "B24"),
    ("WGA", "B24"),
    ("WGD", "B24"),
    ("WXL", "B18"),
]


@pytest.mark.parametrize(("code", "sst01"), DIPLOMA_SEED)
def test_diploma_type(code, sst01):
    sst = one({"46": code, "45": "06012024"}, "SST")
    assert (sst[1], sst[2], sst[3]) == (sst01, "D8", "20240601")


@pytest.mark.parametrize(
    ("code", "sst01"),
    [("W08", "B22"), ("W8A", "B22"), ("W09", "B23"), ("W44", "B22"), ("W53", "B22")],
)
def test_certificate_type(code, sst01):
    sst = one({"48": code, "47": "05312024"}, "SST")
    assert (sst[1], sst[2], sst[3]) == (sst01, "D8", "20240531")


@pytest.mark.parametrize("item", ["46", "48"])
def test_zzz_is_blank(item):
    assert one({item: "ZZZ"}, "SST")[1] == ""


def test_all_blank_is_b17():
    sst = one({"45": "", "46": "", "47": None, "48": ""}, "SST")
    assert (sst[1], sst[2], sst[3]) == ("B17", "", "")


# -- 58 / 59 / 61 programs ---------------------------------------------------


@pytest.mark.parametrize(
    ("item", "sp04", "sp05"),
    [
        ("58", "", "Even Start Family Literacy Program"),
        ("59", "2", "Florida First Start Program"),
    ],
)
@pytest.mark.parametrize(("code", "ops03"), [("Y", "Y"), ("N", "U")])
def test_early_programs(item, sp04, sp05, code, ops03):
    sp, ops = segs({item: code}, "SP") + segs({item: code}, "OPS")
    assert [sp.id, sp[1], sp[3], sp[4], sp[5]] == ["SP", "28", "22", sp04, sp05]
    assert (ops.id, ops[3]) == ("OPS", ops03)


@pytest.mark.parametrize("item", ["58", "59"])
def test_early_programs_z_no_loop(item):
    assert segs({item: "Z"}, "SP") == segs({item: "Z"}, "OPS") == []


PRE_K_SEED = [
    ("C", "15", "1", ""),
    ("H", "5", "1", "head Start serving 3 and 4 yr olds meeting income eligibility"),
    (
        "L",
        "32",
        "5",
        (
            "Includes programs formerly known as Subsidized Child Care "
            "and Prekindergarten Early Intervention."
        ),
    ),
    ("M", "4", "", "Migrant Pre-Kindergarten"),
    ("P", "32", "4", "Child Care for which family pays total costs"),
    ("D", "5", "5", "Pre-Kindergarten Program for Children with Disabilities"),
    ("I", "22", "2", "Pre-Kindergarten Early Intervention Services"),
    ("F", "32", "4", "Parents pay tuition."),
    ("S", "32", "5", "Child Care for which government subsidy pays partial costs"),
    (
        "T",
        "32",
        "3",
        (
            "Teenage Parent enrolled in or completed a Teenage Parent "
            "program and enrolled full-time in a public school in the district."
        ),
    ),
    (
        "V",
        "5",
        "5",
        (
            "A prekindergarten education program delivered by a public "
            "school for children who have attained the age of four years old on or "
            "before September 1 of the school year in which the child is eligible to "
            "attend."
        ),
    ),
    ("O", "5", "", ("Preschool program pursuant to Section 228.061, Florida Statutes")),
]


@pytest.mark.parametrize(("code", "sp03", "sp04", "sp05"), PRE_K_SEED)
def test_pre_k_program(code, sp03, sp04, sp05):
    sp, ops = segs({"61": code}, "SP") + segs({"61": code}, "OPS")
    assert [sp[1], sp[3], sp[4], sp[5]] == ["21", sp03, sp04, sp05]
    assert ops[3] == "Y"


@pytest.mark.parametrize("code", ["N", "Z"])
def test_pre_k_skipped(code):
    assert segs({"61": code}, "SP") == []


# -- 62-65, 69 diploma awards ------------------------------------------------


@pytest.mark.parametrize(
    ("item", "code", "sst01", "atv03"),
    [
        (
            "62",
            "1",
            "B18",
            "STUDENT HAS EARNED THE SUPERINTENDANT'S DIPLOMA OF DISTINCTION",
        ),
        (
            "62",
            "2",
            "B22",
            (
                "STUDENT HAS EARNED CAREER EDUCATION CERTIFICATE OF DISTINCTION "
                "(per section 1003.431, F.S.)"
            ),
        ),
        (
            "63",
            "Y",
            "B18",
            (
                "THE DIPLOMA EARNED BY THE STUDENT IS AN INTERNATIONAL BACCALAUREATE "
                "DIPLOMA"
            ),
        ),
        (
            "64",
            "Y",
            "B18",
            (
                "THE DIPLOMA EARNED BY THE STUDENT IS A COLLEGE READY DIPLOMA DEFINED "
                "BY FLORIDA STATUTE"
            ),
        ),
        (
            "65",
            "Y",
            "B18",
            "THE STUDENT COMPLETED THE ADVANCED INTERNATIONAL CERTIFICATE PROGRAM",
        ),
        (
            "69",
            "Y",
            "B22",
            (
                "THE DIPLOMA EARNED BY THE STUDENT IS AN ADVANCED INTERNATIONAL "
                "CERTIFICATE OF EDUCATION"
            ),
        ),
    ],
)
def test_diploma_awards(item, code, sst01, atv03):
    result = {item: code}
    atv = one(result, "ATV")
    assert (atv[1], atv[2], atv[3]) == ("SB", "ZZZ", atv03)
    assert one(result, "SST")[1] == sst01


@pytest.mark.parametrize("item", ["62", "63", "64", "65", "69"])
@pytest.mark.parametrize("code", ["Z", "N", ""])
def test_diploma_awards_ignored(item, code):
    assert segs({item: code}, "ATV") == []
