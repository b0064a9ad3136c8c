"""Shared helpers for the faster.express tests (no Odoo needed)."""

import pathlib
import sys

ADDON = pathlib.Path(__file__).resolve().parents[2] / "addons" / "faster_export"
if str(ADDON) not in sys.path:
    sys.path.insert(0, str(ADDON))


def segs(items, seg_id=None):
    from faster.express import convert

    result = convert(items)
    return [s for s in result if seg_id is None or s.id == seg_id]


def one(items, seg_id):
    found = segs(items, seg_id)
    assert len(found) == 1, found
    return found[0]


def notes(items):
    return [s[2] for s in segs(items, "NTE")]
