"""Encode to exactly 1020 bytes, decode to typed values, round trip."""

import datetime
from decimal import Decimal
from pathlib import Path

import faster
import pytest
from faster_samples import header, i01, i04, prefix

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_numbers_right_justified_zero_filled_text_left_justified():
    record = faster.encode("I03", prefix(school_year=(2024, 2025), days_absent=7))
    assert len(record) == 1020
    assert record[35:38] == b"007"
    assert record[27:35] == b"20242025"
    assert record[:3] == b"I03"
    record = i04(2024)
    assert record[76:96] == b"ALGEBRA 1".ljust(20)


def test_implied_decimals_decode_as_decimal():
    record = faster.encode(
        "I01", prefix(gpa_state="32560", gpa_district=Decimal("3.9"))
    )
    values = faster.decode(record)
    assert values["gpa_state"] == Decimal("3.2560")
    assert values["gpa_district"] == Decimal("3.9000")
    assert record[896:901] == b"39000"
    values = faster.decode(i04(2024, credit_earned="050"))
    assert values["credit_earned"] == Decimal("0.50")
    assert values["credit_attempted"] == Decimal("1.00")


def test_dates_by_format():
    values = faster.decode(
        i01(
            withdrawal_date=datetime.date(2025, 10, 1),
            communications_passed_date=datetime.date(2024, 5, 1),
        )
    )
    assert values["birth_date"] == datetime.date(2010, 3, 4)  # CCYYMMDD
    assert values["withdrawal_date"] == datetime.date(2025, 10, 1)  # MMDDCCYY
    assert values["communications_passed_date"] == datetime.date(2024, 5, 1)
    record = i01(withdrawal_date=datetime.date(2025, 10, 1))
    assert record[760:768] == b"10012025"
    assert record[952:960] == b"20100304"
    assert faster.decode(i04(2023))["school_year"] == (2023, 2024)


def test_blanks_decode_as_none():
    values = faster.decode(i01())
    assert values["withdrawal_code"] is None
    assert values["class_rank"] is None


def test_encode_by_item_number():
    assert faster.encode(
        "I03", {"2": "1200000001", "4": 12, "5": "0041", "7": (2024, 2025)}
    ) == faster.encode("I03", prefix(school_year=(2024, 2025)))


def test_decode_by_item():
    values = faster.decode(i01(), by_item=True)
    assert values["record_type"] == "I01"
    assert values["9"] == ("RIVERA", "", "ANA", "M")
    assert values["11"] == "F"


def test_round_trip_is_byte_identical():
    for record in (header(), i01(), i04(2024, course_flags="P")):
        assert (
            faster.encode(faster.record_type_of(record), faster.decode(record))
            == record
        )


def test_refusals_are_the_codecs_own_error():
    with pytest.raises(faster.FasterError, match="no field 'nope'"):
        faster.encode("I03", {"nope": 1})
    with pytest.raises(faster.FasterError, match="does not fit"):
        faster.encode("I03", {"days_absent": 1000})
    with pytest.raises(faster.FasterError, match="longer than"):
        faster.encode("I04", {"course_title": "X" * 21})
    with pytest.raises(faster.FasterError, match=r"I04 item 14 .*'Á' \(U\+00C1\)"):
        faster.encode("I04", {"course_title": "ÁLGEBRA"})
    with pytest.raises(faster.FasterError, match="unknown FASTER record type"):
        faster.encode("Z99", {})
    with pytest.raises(faster.FasterError, match="1020 bytes"):
        faster.decode(b"I01")


def _seed_002_examples():
    """Seed 002's worked I04 examples: item number -> (course A, course B)."""
    path = next(SEEDS.glob("002_*.txt"), None)
    if path is None:
        pytest.skip("seed 002 is not beside this checkout")
    examples, current = [], None
    for line in path.read_text().splitlines():
        if line.startswith("EXAMPLE"):
            current = {}
            examples.append(current)
            continue
        parts = line.split()
        if current is None or len(parts) < 3 or not parts[0].isdigit():
            continue
        item = int(parts[0])
        if 11 <= item <= 28 and item != 17:
            current[item] = parts[-2:]
    return examples


def test_seed_002_examples_decode_to_the_seed_values():
    """Bytes 67 on are unchanged since the seed's layout: place each example's
    items 11-28 by our layout and decode them back."""
    layout = faster.LAYOUTS["I04"]
    examples = _seed_002_examples()
    assert len(examples) >= 3
    checked = 0
    for example in examples:
        for course in (0, 1):
            record = bytearray(
                faster.encode(
                    "I04", prefix(credit_district="01", school_year=(1987, 1988))
                )
            )
            for item, values in example.items():
                fld = layout.field(str(item))
                raw = values[course].replace(".", " ")
                if len(raw) != fld.length:
                    raw = raw.ljust(fld.length)
                record[fld.start - 1 : fld.end] = raw.encode()
            decoded = faster.decode(bytes(record), by_item=True)
            for item, values in example.items():
                expected = values[course].replace(".", " ").strip()
                got = decoded[str(item)]
                if isinstance(got, tuple):
                    got = "".join(got)
                if isinstance(got, Decimal):
                    got = f"{int(got.scaleb(2)):03d}"
                assert ("" if got is None else str(got).strip()) == expected, item
                checked += 1
    assert checked > 50
