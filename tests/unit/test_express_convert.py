"""Behaviour of faster.express.convert beyond single crosswalk values."""

import datetime
from decimal import Decimal

import pytest
from _express_helpers import notes, one, segs
from faster.express import Segment, convert
from faster.express.crosswalks import IGNORED_ITEMS

LEGAL = "SMITH".ljust(17) + "JR ".ljust(3) + "JOHN".ljust(12) + "A".ljust(10)


def body(items):
    """Segments other than the DMG and SST that every record gets."""
    return [s for s in convert(items) if s.id not in ("DMG", "SST")]


# -- names, address ----------------------------------------------------------


def test_legal_name_single_in1_multiple_in2_then_address():
    address = "123 MAIN ST".ljust(25) + "APT 4".ljust(10) + "TALLAHASSEE".ljust(18)
    address += "FL" + "32301"
    result = body({"9": LEGAL, "21": address})
    assert result == [
        Segment("IN1", "1", "04", "S2"),
        Segment("IN2", "05", "SMITH"),
        Segment("IN2", "09", "JR"),
        Segment("IN2", "02", "JOHN"),
        Segment("IN2", "03", "A"),
        Segment("N3", "123 MAIN ST", "APT 4"),
        Segment("N4", "TALLAHASSEE", "FL", "32301"),
    ]


def test_legal_name_as_mapping_with_former_names():
    name = {"last": "DOE", "first": "ANN", "former": ["ROE", "POE"]}
    result = body({"9": name})
    assert result[:3] == [
        Segment("IN1", "1", "04", "S2"),
        Segment("IN2", "05", "DOE"),
        Segment("IN2", "02", "ANN"),
    ]
    assert result[3:7] == [
        Segment("IN1", "1", "05", "S2"),
        Segment("IN2", "15", "ROE"),
        Segment("IN1", "1", "05", "S2"),
        Segment("IN2", "15", "POE"),
    ]


def test_blank_name_parts_are_not_written():
    result = segs({"9": "DOE".ljust(17) + "   " + "JANE"}, "IN2")
    assert result == [Segment("IN2", "05", "DOE"), Segment("IN2", "02", "JANE")]


def test_aka_names_one_loop_each():
    aka = "JOHNNY SMITH".ljust(42) + " " * 42 + "J SMITH".ljust(42)
    result = segs({"22": aka})
    assert [s for s in result if s.id in ("IN1", "IN2")] == [
        Segment("IN1", "1", "03", "S2"),
        Segment("IN2", "12", "JOHNNY SMITH"),
        Segment("IN1", "1", "03", "S2"),
        Segment("IN2", "12", "J SMITH"),
    ]


@pytest.mark.parametrize(
    ("code_item", "name_item"), [("25", "26"), ("27", "28"), ("29", "30")]
)
@pytest.mark.parametrize("code", ["", " ", None])
def test_blank_guardian_code_ignored(code_item, name_item, code):
    assert segs({code_item: code, name_item: "DOE JANE"}, "IN1") == []


@pytest.mark.parametrize(
    ("code_item", "name_item"), [("25", "26"), ("27", "28"), ("29", "30")]
)
def test_blank_guardian_name_ignored(code_item, name_item):
    assert segs({code_item: "P", name_item: ""}, "IN1") == []


def test_unknown_guardian_code_writes_nothing():
    assert segs({"25": "X", "26": "DOE JANE"}, "IN1") == []


# -- race --------------------------------------------------------------------


def test_single_race_writes_no_nte():
    assert notes({"10": "N", "10c": "Y"}) == []
    assert one({"10": "N", "10c": "Y"}, "DMG")[5] == "B"


def test_more_than_one_race_one_nte_per_race():
    result = {"10": "Y", "10a": "N", "10b": "Y", "10e": "Y"}
    assert notes(result) == ["RACEH-Hispanic", "RACEA-Asian or Pacific Islander",
                             "RACEC-Caucasian"]  # fmt: skip
    assert all(s[1] == "" for s in segs(result, "NTE"))
    assert one(result, "DMG")[5] == "H"


def test_race_flags_win_over_item_12():
    assert one({"10d": "Y", "12": "W"}, "DMG")[5] == "J"


def test_dmg_birth_date_typed_or_text():
    expected = ["D8", "20100102", "F", "", "C", "", "", "1"]
    for birth in ("20100102", datetime.date(2010, 1, 2)):
        dmg = one({"55": birth, "11": "F", "12": "W", "23": "1"}, "DMG")
        assert [dmg[i] for i in range(1, 9)] == expected


def test_invalid_birth_date_not_written():
    assert str(one({"55": "20101399", "12": "W"}, "DMG")) == "DMG^^^^^C"


# -- notes -------------------------------------------------------------------


def test_migrant_and_other_notes():
    result = {"14": "S", "36a": "A", "36b": "Y", "67": "Y"}
    assert notes(result) == [
        "MIG:S",
        "MIGCA",
        "MIGPY",
        (
            "EAD:Y-Student is enrolled in a college or university full time instead "
            "of completing high school studies"
        ),
    ]


def test_early_admission_z_writes_nothing():
    assert notes({"67": "Z"}) == []


def test_adult_fee_status_from_2025_layout_item_36f():
    assert notes({"36c": "", "36f": "R"})[0].startswith("ADLTR-Fee Required")


def test_credits_needed_five_ntes():
    values = [f"{n:04d}" for n in range(1, 23)]  # 0001 at 769 ... 0022 at 853
    result = segs({"39": "".join(values)}, "NTE")
    assert [s[2] for s in result] == [
        "CDT: Credits Needed; Local Subject Area Requirements",
        "CDT: EN-0001 MA-0002 EQ-0003 AH-0004 WH-0005 EC-0006 AG-0007",
        "CDT: MS-0010 VO-0008 PF-0009 PE-0011 FL-0012 LA-0013 SS-0014",
        "CDT: MS-0010 EL-0015 ES-0016 CE-0017 A1-0018 GE-0019 BI-0020",
        "CDT: A2-0021",
    ]


def test_credits_needed_science_label_before_2017():
    result = convert({"39": "0100" * 22}, science_label="SC")
    assert "SC-0100" in [s for s in result if s.id == "NTE"][1][2]


def test_credits_needed_blank_writes_nothing():
    assert segs({"39": " " * 88}, "NTE") == segs({"39": ""}, "NTE") == []


# -- requirements and dates --------------------------------------------------


def test_ese_standards_rap():
    rap = one({"19a": "05152024"}, "RAP")
    assert [rap[i] for i in range(1, 8)] == [
        "9FL",
        (
            "Minimum Exceptional Student Education Performance Standards Mastered "
            "for Graduation Purposes"
        ),
        "",
        "P",
        "Y",
        "DB",
        "05152024",
    ]


@pytest.mark.parametrize(
    ("item", "name"),
    [("19f", "Communications, Date Passed for Graduation Purposes"),
     ("19g", "Mathematics, Date Passed for Graduation Purposes")],
)  # fmt: skip
def test_date_passed_rap(item, name):
    rap = one({item: "042019"}, "RAP")
    assert [rap[i] for i in range(1, 8)] == ["9FL", name, "", "R", "Y", "CM", "201904"]
    for special in ("EXEMPT", "999999"):
        rap = one({item: special}, "RAP")
        assert [rap[i] for i in range(1, 8)] == ["9FL", name, "", "R", "Y", "", ""]
    assert segs({item: ""}, "RAP") == segs({item: "ABCDEF"}, "RAP") == []


def test_year_entered_ninth_grade_dtp():
    assert one({"19c": "08152020"}, "DTP") == Segment("DTP", "372", "DB", "08152020")


def test_mep_enrollment_sp_loop():
    result = body({"19b": datetime.date(2023, 9, 1)})
    assert result == [
        Segment("SP", "28", "", "4"),
        Segment("OPS", "", "", "U"),
        Segment("OPX", "Y"),
        Segment("DTP", "332", "DB", "09012023"),
    ]


# -- identifiers, languages, birth place, school -----------------------------


def test_msix_ref():
    assert one({"13": "123456789012"}, "REF") == Segment("REF", "MV", "123456789012")
    assert segs({"13": ""}, "REF") == []


def test_languages_free_text_without_crosswalk():
    assert segs({"50": "SP", "53": "EN"}, "LUI") == [
        Segment("LUI", "", "", "SP", "7"),
        Segment("LUI", "", "", "EN", "4"),
    ]


def test_languages_with_crosswalk():
    result = convert(
        {"50": "SP", "53": "HA"},
        language_codes={"SP": "spa"},
        language_names={"HA": "Haitian Creole"},
    )
    assert [s for s in result if s.id == "LUI"] == [
        Segment("LUI", "LE", "spa", "", "7"),
        Segment("LUI", "", "", "Haitian Creole", "4"),
    ]


def test_birth_place_and_country():
    assert one({"24": "MIAMI FL"}, "IND") == Segment("IND", "", "", "", "MIAMI FL")
    assert segs({"52": "ZZ"}, "IND") == []  # no crosswalk: ignored
    result = convert({"52": "MX", "24": "GUADALAJARA"}, country_codes={"MX": "MX"})
    assert [s for s in result if s.id == "IND"] == [
        Segment("IND", "MX", "", "", "GUADALAJARA")
    ]


def test_school_n1_n3_per():
    address = "100 SCHOOL RD".ljust(33) + "SUITE 1".ljust(32)
    result = segs({"33": "LEON HIGH", "34": address, "35": "8505551234"})
    assert [s for s in result if s.id in ("N1", "N3", "PER")] == [
        Segment("N1", "", "LEON HIGH"),
        Segment("N3", "100 SCHOOL RD", "SUITE 1"),
        Segment("PER", "SK", "", "TE", "8505551234"),
    ]


# -- health ------------------------------------------------------------------


def test_medical_alert_hc_then_per():
    result = segs({"31b": "Y", "31c": "DR WHO 8505550000", "31d": "HY"})
    assert [s for s in result if s.id in ("HS", "HC", "PER")] == [
        Segment("HS", "V72.1", "", "", "NOR"),
        Segment("HC", "000"),
        Segment("PER", "EM", "DR WHO 8505550000"),
    ]


def test_medical_alert_n_ignored_with_contact():
    assert segs({"31b": "N", "31c": "DR WHO"}, "HC") == []
    assert segs({"31b": "N", "31c": "DR WHO"}, "PER") == []


# -- SST precedence, SSE -----------------------------------------------------


def test_exactly_one_sst():
    items = {"45": "06012024", "46": "W06", "47": "05312023", "48": "W08",
             "62": "1", "63": "Y", "64": "Y", "65": "Y", "69": "Y", "18a": "S",
             "16": "12"}  # fmt: skip
    assert len(segs(items, "SST")) == 1


@pytest.mark.parametrize(
    ("items", "sst01"),
    [
        ({"48": "W09", "46": "W06", "62": "2", "63": "Y"}, "B23"),  # 1 certificate
        ({"46": "W07", "62": "2", "63": "Y"}, "B21"),  # 2 diploma type
        ({"62": "2", "63": "Y"}, "B22"),  # 3 differentiated diploma
        ({"64": "Y", "69": "Y"}, "B18"),  # 3 college ready diploma
        ({"69": "Y"}, "B22"),  # 4 AICE diploma
        ({"63": "Y"}, "B18"),  # 4 IB
        ({"46": "ZZZ", "62": "2"}, "B22"),  # ZZZ gives way
        ({}, "B17"),
    ],
)
def test_sst_precedence(items, sst01):
    assert one(items, "SST")[1] == sst01


def test_sst_certificate_date_wins_with_certificate():
    items = {"45": "06012024", "46": "W06", "47": "05312023", "48": "W08"}
    assert str(one(items, "SST")) == "SST^B22^D8^20230531"


def test_sst_diploma_date():
    sst = one({"45": datetime.date(2024, 6, 1), "46": "W06", "16": "12"}, "SST")
    assert str(sst) == "SST^B18^D8^20240601^^^^^12"


def test_awards_still_written_when_outranked():
    result = {"46": "W06", "63": "Y", "62": "1"}
    assert len(segs(result, "ATV")) == 2


def test_withdrawal_without_crosswalk_no_sse_even_with_date():
    assert segs({"37": "W3F", "38": "01152025"}, "SSE") == []
    assert notes({"37": "W3F", "38": "01152025"}) == []


def test_withdrawal_date_needs_code():
    assert segs({"38": "01152025"}, "SSE") == []


def test_withdrawal_typed_date():
    sse = one({"37": "W3A", "38": datetime.date(2025, 1, 15)}, "SSE")
    assert str(sse) == "SSE^^20250115^D13"


# -- SUM ---------------------------------------------------------------------


def test_sum_needs_one_of_its_items():
    assert segs({"41": "12", "43": "35000"}, "SUM") == []


def test_sum_text_values():
    sm = one({"40": "000012", "42": "000350", "44": "35000", "49": "06012024"}, "SUM")
    assert str(sm) == "SUM^G^A^Y^^^^^^3.5^^12^350^D8^20240601"


def test_sum_typed_values():
    sm = one({"44": Decimal("3.8750"), "40": 3}, "SUM")
    assert str(sm) == "SUM^G^A^Y^^^^^^3.875^^3"


# -- community service -------------------------------------------------------


def test_community_service_hours():
    atv = one({"66": "Y", "72": "0075"}, "ATV")
    assert str(atv) == "ATV^SA^F01^^^75^HR^^N"
    assert segs({"66": "N", "72": "0075"}, "ATV") == []
    assert segs({"66": "Z", "72": "0075"}, "ATV") == []


# -- ignored items -----------------------------------------------------------


def test_ignored_items_produce_nothing():
    baseline = convert({"1": "I01"})
    noisy = {item: "Y" for item in IGNORED_ITEMS}
    noisy.update({"1": "I01", "2": "1234567890", "51": "20200101", "15": "TX"})
    assert convert(noisy) == baseline


def test_empty_record_only_defaults():
    assert [str(s) for s in convert({})] == ["DMG^^^^^7", "SST^B17"]


# -- date variants -----------------------------------------------------------


def test_year_entered_ninth_grade_school_year_form():
    assert one({"19c": "20202021"}, "DTP") == Segment("DTP", "372", "CY", "2020")
    assert segs({"19c": "12345678"}, "DTP") == []


def test_date_passed_given_as_date():
    rap = one({"19f": datetime.date(2019, 4, 1)}, "RAP")
    assert (rap[6], rap[7]) == ("CM", "201904")


@pytest.mark.parametrize(
    ("date", "sst"),
    [
        ("06012024", "SST^B18^D8^20240601"),
        ("06002024", "SST^B18^CM^202406"),
        ("00002024", "SST^B18^CY^2024"),
        ("13452024", "SST^B18"),
    ],
)
def test_diploma_date_qualifiers(date, sst):
    assert str(one({"45": date, "46": "W06"}, "SST")) == sst


def test_diploma_date_without_type_keeps_date():
    assert str(one({"45": "06012024"}, "SST")) == "SST^^D8^20240601"


@pytest.mark.parametrize("item", ["14", "36a", "36b"])
def test_migrant_z_not_written(item):
    assert notes({item: "Z"}) == []


def test_item_keys_are_case_insensitive():
    assert notes({"36C": "R"}) == notes({"36c": "R"}) != []
