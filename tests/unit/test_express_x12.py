"""X12 text output of faster.express."""

import pytest
from _express_helpers import ADDON  # noqa: F401 - puts the addon on sys.path
from faster.express import Segment, convert, to_x12


def test_segment_str_and_trailing_empties():
    seg = Segment("SST", "B18", "D8", "20240601", "", "", "", "", "12")
    assert str(seg) == "SST^B18^D8^20240601^^^^^12"
    assert Segment("DMG", "", "", "", "", "7", "", "") == Segment(
        "DMG", "", "", "", "", "7"
    )
    assert seg[1] == "B18" and seg[9] == ""


def test_default_delimiters_are_the_ones_faster_forbids():
    text = to_x12([Segment("REF", "MV", "1"), Segment("IN2", "05", "DOE")])
    assert text == "REF^MV^1~\nIN2^05^DOE~\n"


def test_custom_delimiters_and_single_line():
    text = to_x12(
        [Segment("REF", "MV", "1"), Segment("N1", "", "X")],
        element_sep="*",
        component_sep=">",
        newline=False,
    )
    assert text == "REF*MV*1~N1**X~"


def test_composite_element():
    assert to_x12([Segment("XX", ("A", "B"), "C")]) == "XX^A`B^C~\n"


@pytest.mark.parametrize("bad", ["A~B", "A^B", "A`B"])
def test_delimiter_in_data_is_refused(bad):
    with pytest.raises(ValueError, match="delimiter|contains"):
        to_x12([Segment("N1", "", bad)])


def test_delimiters_must_differ():
    with pytest.raises(ValueError):
        to_x12([], element_sep="~")


def test_full_record_round_trip_parses_back():
    items = {"1": "I01", "9": "DOE".ljust(17) + "   " + "JANE", "11": "F",
             "55": "20100102", "37": "W3A", "38": "01152025", "16": "09"}  # fmt: skip
    text = to_x12(convert(items), newline=False)
    parsed = [s.split("^") for s in text.split("~") if s]
    assert ["SSE", "", "20250115", "D13"] in parsed
    assert parsed[0] == ["DMG", "D8", "20100102", "F", "", "7"]
