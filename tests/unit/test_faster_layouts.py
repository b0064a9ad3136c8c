"""Every layout covers bytes 1-1020 exactly once; I03 and I06 match the seeds."""

import re
from pathlib import Path

import faster
import pytest
from faster import codesets
from faster.layout import TEXT, F, Layout, LayoutError, filler

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SEED_LINE = re.compile(r"^(\d+[a-z]?) (\d+)-(\d+) (\d+) (\S+) (.+?)\*?$")


@pytest.mark.parametrize("record_type", sorted(faster.LAYOUTS))
def test_layout_covers_1_to_1020_once(record_type):
    layout = faster.LAYOUTS[record_type]
    covered = [0] * 1021
    for fld in layout.fields:
        for position in range(fld.start, fld.end + 1):
            covered[position] += 1
    assert covered[1:] == [1] * 1020


def test_a_gap_is_refused():
    with pytest.raises(LayoutError, match="starts at 10, expected 4"):
        Layout(("X01",), "x", "test", [F(1, 1, 3, TEXT, "a", "A"), filler(2, 10, 1011)])


def test_a_short_layout_is_refused():
    with pytest.raises(LayoutError, match="not 1-1020"):
        Layout(("X01",), "x", "test", [F(1, 1, 3, TEXT, "a", "A")])


def _seed_items(name):
    path = next(SEEDS.glob(f"{name}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {name} is not beside this checkout")
    items = {}
    for line in path.read_text().splitlines():
        match = SEED_LINE.match(line.strip())
        if match:
            item, start, end, length = match.group(1, 2, 3, 4)
            items[item] = (int(start), int(end), int(length), match.group(6))
    return items


@pytest.mark.parametrize(("seed", "record_type"), [("001", "I03"), ("003", "I06")])
def test_layout_reproduces_seed_item_by_item(seed, record_type):
    items = _seed_items(seed)
    layout = faster.LAYOUTS[record_type]
    ours = {f.item: f for f in layout.fields}
    assert set(ours) == set(items)
    for item, (start, end, length, name) in items.items():
        fld = ours[item]
        assert (fld.start, fld.end, fld.length) == (start, end, length), item
        if "Filler" in name:
            assert fld.is_filler, item


def test_every_named_code_set_is_found():
    for layout in {id(x): x for x in faster.LAYOUTS.values()}.values():
        for fld in layout.fields:
            if fld.codeset:
                assert codesets.codes(fld.codeset), fld.codeset
    assert codesets.missing() == []


def test_field_by_key_and_by_item():
    layout = faster.LAYOUTS["I04"]
    assert layout.field("course_number") is layout.field("13")
    with pytest.raises(KeyError):
        layout.field("nope")
