"""Read the Florida code lists straight from ``data/<model>.csv``, without Odoo.

These CSV files are the single source of truth: Odoo loads them as module
data (updatable), and tools that must not import Odoo (the FASTER codec)
read them with this stdlib-only module, loaded by file path, e.g.::

    spec = importlib.util.spec_from_file_location("fl_code_lists", path)

Every file starts with ``id,code,name`` and has the columns
``description, express_code, valid_from_year, valid_to_year, active``.
``active`` False means retired: still valid on historic records.
"""

import csv
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
COMMON_COLUMNS = (
    "id",
    "code",
    "name",
    "description",
    "express_code",
    "valid_from_year",
    "valid_to_year",
    "active",
)


def tables():
    """Names of the models that have a code list, e.g. ``fl.withdrawal.code``."""
    return sorted(path.stem for path in DATA_DIR.glob("fl.*.csv"))


@cache
def load(model):
    """Return ``{code: row}`` for ``model``; rows are dicts of the CSV columns."""
    path = DATA_DIR / f"{model}.csv"
    if not path.is_file():
        raise KeyError(f"No code list for {model!r} in {DATA_DIR}")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {row["code"]: row for row in rows}


def _year(value):
    return int(value) if value else None


def is_valid(model, code, year=None, include_archived=True):
    """True when ``code`` is in the list of ``model``.

    ``year`` (start year of a school year, 2025 = 2025-2026) also checks the
    valid-from/to years when known; ``include_archived=False`` rejects
    retired codes (use it for new data, not for historic transcripts).
    """
    row = load(model).get(code)
    if row is None:
        return False
    if not include_archived and row["active"] == "False":
        return False
    if year is not None:
        start, end = _year(row["valid_from_year"]), _year(row["valid_to_year"])
        if (start and year < start) or (end and year > end):
            return False
    return True


def lookup(model, code):
    """Return the row of ``code``; ``KeyError`` with a clear message if unknown."""
    try:
        return load(model)[code]
    except KeyError:
        raise KeyError(f"Unknown {model} code {code!r}") from None


def express_code(model, code):
    """SPEEDE/ExPRESS crosswalk of ``code`` ('' when the source gives none)."""
    return lookup(model, code)["express_code"]
