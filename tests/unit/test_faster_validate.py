"""FASTER's edits, each located: record, type, item, bytes, value, rule."""

import io

import faster
from faster_samples import header, i01, i03, i04, prefix, transcript


def rules(issues):
    return [issue.rule for issue in issues]


def test_valid_transcript_has_no_issue():
    assert faster.validate_transcript(transcript()) == []


def test_length():
    (issue,) = faster.validate_record(i01()[:1000], 7)
    assert (issue.record_number, issue.rule) == (7, "length")
    assert "1000 bytes" in str(issue)


def test_low_values_refused_except_in_local_filler():
    record = bytearray(i01())
    record[1015] = 0  # local filler: allowed
    assert faster.validate_record(bytes(record)) == []
    record[99] = 0  # item 13, MSIX ID
    (issue,) = faster.validate_record(bytes(record), 3)
    assert (issue.rule, issue.item, issue.start) == ("non-displayable", "13", 100)
    assert str(issue).startswith("record 3 (I01) item 13 bytes 100-100")


def test_reserved_express_delimiters():
    for char in b"~^`":
        record = bytearray(i01())
        record[650] = char  # school name
        (issue,) = faster.validate_record(bytes(record))
        assert (issue.rule, issue.item, issue.value) == ("reserved", "33", chr(char))


def test_required_numeric_date_and_code():
    record = bytearray(i01())
    record[94] = ord(" ")  # item 11, sex, required
    record[952:960] = b"20101399"  # birth date, not a date
    record[739:749] = b"386555010A"  # school phone, numeric
    record[112:114] = b"77"  # grade level, not a code
    issues = faster.validate_record(bytes(record))
    assert {(i.item, i.rule) for i in issues} == {
        ("11", "required"),
        ("55", "date"),
        ("35", "numeric"),
        ("16", "code"),
    }
    (code,) = [i for i in issues if i.rule == "code"]
    assert (code.start, code.end, code.value) == (113, 114, "77")


def test_district_number_is_a_district():
    """Item 4 is numeric and coded: digits that are no district are refused."""
    for record_type, record in (("I01", i01()), ("I04", i04(2024))):
        bad = record[:15] + b"00" + record[17:]
        (issue,) = faster.validate_record(bad, 2)
        assert (issue.item, issue.start, issue.end, issue.rule, issue.value) == (
            "4",
            16,
            17,
            "code",
            "00",
        )
        assert str(issue).startswith(f"record 2 ({record_type}) item 4 bytes 16-17")
        ((values, found),) = faster.read_decoded(io.BytesIO(bad))
        assert values == faster.decode(bad)
        assert found == faster.validate_record(bad, 1) != []
    assert faster.validate_record(i04(2024)[:15] + b"61" + i04(2024)[17:]) == []


def test_unknown_record_type():
    record = b"Q42" + i01()[3:]
    assert rules(faster.validate_record(record)) == ["record-type"]


def test_header_first_and_i01_after_it():
    records = transcript()
    assert "order" in rules(faster.validate_transcript(records[1:]))
    swapped = [records[0], records[2], records[1], *records[3:]]
    issues = faster.validate_transcript(swapped)
    assert any(i.rule == "order" and i.record_number == 2 for i in issues)


def test_i02_after_i01():
    i02 = faster.encode("I02", prefix(immunization_status="0"))
    records = transcript()
    assert faster.validate_transcript([*records[:2], i02, *records[2:]]) == []
    issues = faster.validate_transcript([*records, i02])
    assert any(i.rule == "order" and "I02" in i.message for i in issues)


def test_school_years_ascend_and_courses_follow_their_year():
    records = [header(), i01(), i03(2024), i04(2024), i03(2023), i04(2024)]
    issues = faster.validate_transcript(records)
    assert [(i.record_number, i.rule) for i in issues] == [(5, "order"), (6, "order")]


def test_at_most_40_courses_a_year():
    records = [header(), i01(), i03(2024)] + [i04(2024)] * 41
    issues = faster.validate_transcript(records)
    assert [(i.record_number, i.rule) for i in issues] == [(44, "count")]


def test_at_most_5_comments_and_9_tests():
    comment = faster.encode("I07", prefix(comment=("GRADING SCALE A=90-100",)))
    test = faster.encode("I08", prefix())
    records = [*transcript(), *[comment] * 6, *[test] * 10]
    counts = [i for i in faster.validate_transcript(records) if i.rule == "count"]
    assert len(counts) == 2


def test_records_agree_with_the_header():
    other = faster.encode("I03", {**prefix(school_year=(2023, 2024)), "school": "0099"})
    records = [header(), i01(), other]
    (issue,) = faster.validate_transcript(records)
    assert (issue.record_number, issue.item, issue.rule, issue.value) == (
        3,
        "5",
        "header",
        "0099",
    )
