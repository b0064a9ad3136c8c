"""Coverage: every FASTER item of I02/I03/I04/I06/I08/I09 lands in a named
field or is declared not stored - never silently dropped.

Walks the codec's ``faster.LAYOUTS`` (branch codec, pure Python package in
``addons/faster_export/faster``) against ``models/faster_field_map.FIELD_MAP``.
"""

import importlib
import importlib.util
import sys
from pathlib import Path

from odoo.tests import TransactionCase

from ..models.faster_field_map import FIELD_MAP, NOT_STORED, Slot, targets

RECORD_TYPES = ("I02", "I03", "I04", "I06", "I08", "I09")


def import_faster():
    """The codec, installed as a package or straight from the addon folder."""
    if importlib.util.find_spec("faster") is not None:
        return importlib.import_module("faster")
    addon = Path(__file__).resolve().parents[2] / "faster_export"
    if (addon / "faster").is_dir() and str(addon) not in sys.path:
        sys.path.insert(0, str(addon))
    try:
        return importlib.import_module("faster")
    except ImportError:
        return None


def _attr(field, *names):
    for name in names:
        value = (
            field.get(name) if isinstance(field, dict) else getattr(field, name, None)
        )
        if value not in (None, ""):
            return value
    return None


def codec_fields(layout):
    """(key, item, start, is_filler, name) of each field of a codec layout."""
    fields_ = getattr(layout, "fields", layout)
    if isinstance(fields_, dict):
        fields_ = list(fields_.values())
    for field in fields_:
        item = _attr(field, "item", "item_no", "number")
        name = str(_attr(field, "name", "label", "title") or "")
        ftype = str(_attr(field, "type") or "")
        yield (
            _attr(field, "key"),
            None if item is None else str(item),
            _attr(field, "start", "pos", "position"),
            ftype.upper() == "FILLER" or name.lower().startswith("filler"),
            name,
        )


def map_entry(items, key, item, start):
    """The map entry of a codec field: by key, by item, by item's base number
    ("60b" -> "60"), then by start position ("@441")."""
    for candidate in (key, item):
        if candidate is not None and str(candidate) in items:
            return items[str(candidate)]
    if item:
        base = item.rstrip("abcdefghijklmnopqrstuvwxyz")
        if base in items:
            return items[base]
    if start is not None and f"@{start}" in items:
        return items[f"@{start}"]
    return None


class TestFasterFieldMap(TransactionCase):
    def test_map_targets_exist(self):
        """Every target named in the map is a real field of a real model."""
        for record_type, items in FIELD_MAP.items():
            for item, entry in items.items():
                self.assertIsInstance(
                    entry,
                    str | tuple | Slot | NOT_STORED,
                    f"{record_type} item {item}: unknown map entry {entry!r}",
                )
                for target in targets(entry):
                    model, _dot, fname = target.rpartition(".")
                    self.assertIn(model, self.env, f"{record_type} item {item}")
                    self.assertIn(
                        fname,
                        self.env[model]._fields,
                        f"{record_type} item {item}: {target} is not a field",
                    )

    def test_map_items_are_complete(self):
        """Without the codec: the DOE item numbers we know are all mapped."""
        expected = {
            "I02": [str(i) for i in range(1, 49)],
            "I03": [str(i) for i in range(1, 25) if i != 14]
            + ["14a", "14b", "14c", "14d", "14e"],
            "I04": [str(i) for i in range(1, 68)],
            "I06": [str(i) for i in range(1, 118)],
            "I08": [str(i) for i in range(1, 309)],
            "I09": [str(i) for i in range(1, 13)],
        }
        for record_type, items in expected.items():
            missing = [i for i in items if i not in FIELD_MAP[record_type]]
            self.assertFalse(missing, f"{record_type}: items not mapped {missing}")
        self.assertIsInstance(FIELD_MAP["I04"]["29"], NOT_STORED)
        self.assertEqual(
            FIELD_MAP["I04"]["34"].key, {"block": 2, "period": "cumulative"}
        )
        self.assertEqual(
            FIELD_MAP["I06"]["107"].targets, ("fl.ese.program.placement_date",)
        )
        self.assertEqual(FIELD_MAP["I06"]["107"].index, 10)

    def test_codec_layouts_covered(self):
        """With the codec: each item of each layout is stored or declared."""
        faster = import_faster()
        if faster is None or not hasattr(faster, "LAYOUTS"):
            self.skipTest("the faster codec is not available in this checkout")
        dropped, misplaced, walked = [], [], 0
        for record_type in RECORD_TYPES:
            layout = faster.LAYOUTS.get(record_type)
            self.assertIsNotNone(layout, f"codec has no layout {record_type}")
            items = FIELD_MAP[record_type]
            for key, item, start, is_filler, name in codec_fields(layout):
                walked += 1
                where = f"{record_type} item {item} {key or ''} @{start} {name}"
                entry = map_entry(items, key, item, start)
                if entry is None:
                    dropped.append(where)
                elif not is_filler and entry == NOT_STORED("filler"):
                    # a data item we call filler: the map is out of step
                    misplaced.append(where)
        self.assertGreater(walked, 500, "the codec layouts were walked")
        self.assertFalse(
            dropped, "FASTER items silently dropped:\n" + "\n".join(dropped)
        )
        self.assertFalse(
            misplaced, "data items declared filler:\n" + "\n".join(misplaced)
        )
