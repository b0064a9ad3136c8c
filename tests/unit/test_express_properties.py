"""Property tests: convert() never fails on odd input; output stays X12-clean."""

import datetime

from _express_helpers import ADDON  # noqa: F401 - puts the addon on sys.path
from faster.express import convert, to_x12
from hypothesis import given, settings
from hypothesis import strategies as st

ITEMS = [
    "9",
    "10",
    "10a",
    "10b",
    "10c",
    "10d",
    "10e",
    "11",
    "12",
    "13",
    "14",
    "16",
    "18a",
    "18b",
    "19a",
    "19b",
    "19c",
    "19d",
    "19e",
    "19f",
    "19g",
    "19h",
    "21",
    "22",
    "23",
    "24",
    "25",
    "26",
    "27",
    "28",
    "29",
    "30",
    "31b",
    "31c",
    "31d",
    "31e",
    "33",
    "34",
    "35",
    "36a",
    "36b",
    "36c",
    "36d",
    "36e",
    "37",
    "38",
    "39",
    "39b",
    "39c",
    "39d",
    "39e",
    "40",
    "42",
    "44",
    "45",
    "46",
    "47",
    "48",
    "49",
    "50",
    "52",
    "53",
    "55",
    "58",
    "59",
    "61",
    "62",
    "63",
    "64",
    "65",
    "66",
    "67",
    "69",
    "72",
]

SAFE_TEXT = st.text(
    alphabet=st.characters(codec="ascii", exclude_characters="~^`"), max_size=90
)
VALUES = st.one_of(
    st.none(),
    SAFE_TEXT,
    st.sampled_from(["Y", "N", "Z", "W3A", "W06", "KG", "P", "S", "00000000"]),
    st.dates(min_value=datetime.date(1900, 1, 1)),
    st.integers(min_value=0, max_value=999999),
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(ITEMS), VALUES))
def test_convert_total_and_renderable(items):
    segments = convert(items)
    assert sum(s.id == "SST" for s in segments) == 1
    assert sum(s.id == "DMG" for s in segments) <= 1
    text = to_x12(segments)
    assert text.count("~") == len(segments)
