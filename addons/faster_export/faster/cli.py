"""``python -m faster``: validate, decode, encode and show FASTER layouts.

Exit codes: 0 done (valid), 1 invalid input (records, a value to encode, an
empty file: no transcript), 2 unreadable input or bad usage. Errors are one
line each, never a traceback.
"""

# A command line prints: pylint-odoo's rule is for Odoo server code.
# pylint: disable=print-used

import argparse
import datetime
import json
import sys
from decimal import Decimal

from .checked import read_decoded
from .codec import decode, encode, layout_for
from .errors import FasterError, FasterIOError, TranscriptTooLongError, printable
from .express import cli as express_cli
from .io import read_records, read_transcripts, write_records
from .layout import RECORD_LENGTH
from .validate import validate_transcript

PROGRESS_THRESHOLD = 10_000


class Progress:
    """A progress line on stderr for long files, only on a terminal."""

    def __init__(self, path):
        import os

        self.active = sys.stderr.isatty()
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0
        self.total = size // RECORD_LENGTH
        self.active = self.active and self.total > PROGRESS_THRESHOLD
        self.done = 0

    def step(self, count=1):
        self.done += count
        if self.active and self.done % 5000 < count:
            share = min(self.done / max(self.total, 1), 1)
            bar = "#" * int(share * 30)
            sys.stderr.write(f"\r[{bar:<30}] {self.done}/{self.total} records")
            sys.stderr.flush()

    def close(self):
        if self.active:
            sys.stderr.write("\n")


def _json_default(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


EMPTY = "no record: an empty file is not a FASTER transcript"


def cmd_validate(args):
    status = 0
    for path in args.files:
        progress = Progress(path)
        number = 1
        errors = 0
        try:
            for transcript in read_transcripts(path):
                for issue in validate_transcript(transcript, number):
                    print(f"{path}: {issue}")
                    errors += 1
                number += len(transcript)
                progress.step(len(transcript))
        except TranscriptTooLongError as error:  # invalid: held no further
            print(f"{path}: {error}")
            errors += 1
            number = error.record_number + 1
        except FasterError as error:
            progress.close()
            print(f"{path}: unreadable: {error}", file=sys.stderr)
            status = 2
            continue
        progress.close()
        if number == 1:
            status = max(status, 1)
            print(f"{path}: {EMPTY}")
        elif errors:
            status = max(status, 1)
            print(f"{path}: {errors} error(s) in {number - 1} record(s)")
        else:
            print(f"{path}: valid, {number - 1} record(s)")
    return status


def _print_values(values, number, as_json):
    if as_json:
        print(json.dumps(values, default=_json_default))
        return
    print(f"-- record {number} ({printable(values['record_type'])})")
    for key, value in values.items():
        if value is not None and key != "record_type":
            if isinstance(value, str):  # read from the file: no escape sequence
                value = printable(value)
            print(f"  {key}: {value}")


def _decoded(args):
    """(number, values or None, error lines) of each record of the file."""
    if args.validate:  # one pass: decode and check each record
        for number, (values, issues) in enumerate(
            read_decoded(args.file, by_item=args.by_item), 1
        ):
            yield number, values, [f"{args.file}: {issue}" for issue in issues]
        return
    for number, record in enumerate(read_records(args.file), 1):
        try:
            yield number, decode(record, by_item=args.by_item), []
        except FasterError as error:
            yield number, None, [f"{args.file}: record {number}: {error}"]


def cmd_decode(args):
    status = 0
    progress = Progress(args.file)
    number = 0
    try:
        for number, values, errors in _decoded(args):
            progress.step()
            for line in errors:
                print(line, file=sys.stderr)
                status = 1
            if values is not None:
                _print_values(values, number, args.json)
    except FasterError as error:
        print(f"{args.file}: unreadable: {error}", file=sys.stderr)
        return 2
    finally:
        progress.close()
    if not number:
        print(f"{args.file}: {EMPTY}", file=sys.stderr)
        return 1
    return status


class Unreadable(Exception):
    """The JSON file cannot be read or parsed: exit 2, not 1."""


def _json_objects(path):
    """The file's JSON objects: one array, or one object a line."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read().strip()
        if text.startswith("["):
            return json.loads(text)
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except (OSError, ValueError, RecursionError) as error:  # JSON too deep
        raise Unreadable(getattr(error, "strerror", None) or error) from None


def _records_from_json(path, items):
    for number, values in enumerate(items, 1):
        try:
            yield _record_from_json(values)
        except FasterError as error:
            raise FasterError(f"{path}: object {number}: {error}") from None


def _record_from_json(values):
    if not isinstance(values, dict) or "record_type" not in values:
        raise FasterError("an object with a record_type is expected")
    values = dict(values)
    record_type = values.pop("record_type")
    layout = layout_for(record_type)
    for name, value in list(values.items()):
        values[name] = _from_json(layout, name, value)
    return encode(record_type, values)


def _from_json(layout, name, value):
    """JSON has no dates nor decimals: turn their text back into values."""
    if not isinstance(value, str) or not (
        name in layout.by_key or name in layout.by_item
    ):
        return value
    fld = layout.field(name)
    try:
        if fld.is_date and len(value) == 10 and value[4] == "-":
            return datetime.date.fromisoformat(value)
        if fld.decimals and "." in value:
            return Decimal(value)
    except (ValueError, ArithmeticError):  # decimal.InvalidOperation
        raise FasterError(
            f"{layout.record_types[0]} item {fld.item} ({fld.name}): "
            f"{value!r} is not a {'date' if fld.is_date else 'number'}"
        ) from None
    return value


def cmd_encode(args):
    try:
        items = _json_objects(args.json_file)
    except Unreadable as error:
        print(f"{args.json_file}: unreadable: {error}", file=sys.stderr)
        return 2
    if not items:
        print(f"{args.json_file}: no object to encode: {EMPTY}", file=sys.stderr)
        return 1
    try:
        count = write_records(args.output, _records_from_json(args.json_file, items))
    except FasterIOError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except FasterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{args.output}: {count} record(s) written")
    return 0


def cmd_layout(args):
    try:
        layout = layout_for(args.record_type.upper())
    except FasterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{'/'.join(layout.record_types)}: {layout.title} (source: {layout.source})")
    print(
        f"{'item':<6} {'start':>5} {'end':>5} {'len':>4} {'type':<7} req "
        f"{'key':<32} name [code set / format]"
    )
    for fld in layout.fields:
        extra = (
            fld.codeset
            or fld.fmt
            or (f"{fld.decimals} decimals" if fld.decimals else "")
        )
        print(
            f"{fld.item:<6} {fld.start:>5} {fld.end:>5} {fld.length:>4} "
            f"{fld.type:<7} {'*' if fld.required else ' ':<3} {fld.key:<32} "
            f"{fld.name}{' [' + extra + ']' if extra else ''}"
        )
    return 0


def build_parser():
    parser = argparse.ArgumentParser(
        prog="python -m faster", description="FL DOE FASTER records, without Odoo."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check files against FASTER's edits")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("decode", help="print each record's fields")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--by-item", action="store_true", help="key by DOE item number")
    p.add_argument("--json", action="store_true", help="one JSON object a record")
    p.add_argument(
        "--validate",
        action="store_true",
        help="check each record too, in the same pass: issues on stderr, exit 1",
    )
    p.set_defaults(func=cmd_decode)
    p = sub.add_parser("encode", help="write records from JSON objects")
    p.add_argument("json_file", metavar="JSON_FILE")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.set_defaults(func=cmd_encode)
    p = sub.add_parser("layout", help="show a record type's layout")
    p.add_argument("record_type", metavar="RECORD_TYPE")
    p.set_defaults(func=cmd_layout)
    express_cli.register(sub)
    return parser


def main(argv=None):
    for stream in (sys.stdout, sys.stderr):  # a file name, a value: any text
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code else 0
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - a bug: one line, no traceback
        print(
            f"python -m faster: internal error, please report it: "
            f"{type(error).__name__}: {error}",
            file=sys.stderr,
        )
        return 2
