"""The code lists FASTER items are checked against — the same files Odoo loads.

The single source of truth is the fl_state_codes addon's data files,
``addons/fl_state_codes/data/<model>.csv`` (Odoo CSV: ``id,code,name,...``).
This module reads their ``code`` column without importing Odoo. The folder
is ``$FASTER_CODES_DIR`` if set, otherwise the sibling addon of this package.
A list whose file cannot be found is not checked, and :func:`missing` names
it (a test requires it to be empty in this repository).
"""

import csv
import os
from pathlib import Path

from .errors import FasterError

ENV = "FASTER_CODES_DIR"
_cache = {}
_missing = set()
generation = 0  # bumped by clear_cache(): what derives from the lists is stale


_SIBLING = Path(__file__).resolve().parents[2] / "fl_state_codes" / "data"


def codes_dir():
    env = os.environ.get(ENV)
    return Path(env) if env else _SIBLING


def codes(model):
    """The set of valid codes (archived ones included) of ``model``, or None."""
    key = (os.environ.get(ENV), model)
    if key not in _cache:
        path = codes_dir() / f"{model}.csv"
        if not path.exists():
            _missing.add(model)
            _cache[key] = None
        else:
            _cache[key] = _read(path)
    return _cache[key]


def _read(path):
    """The codes of one list, or FasterError naming the file: a broken list
    (no code column, not UTF-8, unreadable) must not pass for an empty one."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            return frozenset(
                (row["code"] or "").strip() for row in csv.DictReader(handle)
            )
    except KeyError:
        raise FasterError(f"code list {path}: no code column") from None
    except (OSError, ValueError, csv.Error) as error:
        raise FasterError(f"code list {path}: {error}") from None


def missing():
    """Code sets named by a layout whose file was not found."""
    return sorted(_missing)


def clear_cache():
    global generation
    generation += 1
    _cache.clear()
    _missing.clear()
