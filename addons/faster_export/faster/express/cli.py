"""``express`` subcommand: print the ExPRESS segments of a FASTER file's I/S01.

The codec's CLI (``python -m faster``) calls :func:`register` when this module
is importable.  ``python -m faster.express FILE`` runs the same command alone.
Exit status: 0 done, 1 no record (an empty file), 2 file unreadable or not
FASTER.
"""

# A command line prints: pylint-odoo's rule is for Odoo server code.
# pylint: disable=print-used

import argparse
import sys

from .converter import convert
from .x12 import to_x12

CONVERTED_TYPES = ("I01", "S01")


def register(subparsers):
    """Add the ``express FILE`` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "express",
        help="print the SPEEDE/ExPRESS (X12) segments of the I01/S01 records",
        description=__doc__.splitlines()[0],
    )
    _arguments(parser)
    parser.set_defaults(func=run)
    return parser


def _arguments(parser):
    parser.add_argument("file", metavar="FILE", help="FASTER file (1020-byte records)")


def _record_type(decoded, record):
    value = None
    if isinstance(decoded, dict):
        value = decoded.get("record_type") or decoded.get("1")
    if not value and isinstance(record, bytes | str):
        value = record[:3]
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return str(value or "").strip().upper()


def run(args, stdout=None, stderr=None):
    """Convert every I01/S01 record of ``args.file``; return the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        import faster  # the codec

        read_records, decode = faster.read_records, faster.decode
    except (ImportError, AttributeError) as error:
        print(
            f"faster express: the FASTER codec is not available: {error}", file=stderr
        )
        return 2
    try:
        records = list(read_records(args.file))
    except OSError as error:
        print(f"faster express: {args.file}: {error.strerror or error}", file=stderr)
        return 2
    except (ValueError, UnicodeError) as error:
        print(f"faster express: {args.file}: not a FASTER file: {error}", file=stderr)
        return 2
    if not records:
        print(
            f"faster express: {args.file}: no record: an empty file is not a "
            "FASTER transcript",
            file=stderr,
        )
        return 1
    status = 0
    count = 0
    for number, record in enumerate(records, 1):
        try:
            decoded = decode(record, by_item=True)
        except (ValueError, KeyError, UnicodeError) as error:
            print(f"faster express: {args.file}: record {number}: {error}", file=stderr)
            status = 2
            continue
        if _record_type(decoded, record) not in CONVERTED_TYPES:
            continue
        try:
            text = to_x12(convert(decoded))
        except ValueError as error:
            print(f"faster express: {args.file}: record {number}: {error}", file=stderr)
            status = 2
            continue
        count += 1
        stdout.write(text)
    if not count and status == 0:
        print(f"faster express: {args.file}: no I01/S01 record", file=stderr)
    return status


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m faster.express")
    _arguments(parser)
    return run(parser.parse_args(argv))
