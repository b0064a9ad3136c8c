"""Read and write FASTER files, streaming, in constant memory.

Reading accepts records with or without line ends (LF, CR LF or CR): a
file whose byte 1021 is a line end is read line by line, any other in
1020-byte slices; either way a block of records at a time. Writing puts
CR LF after each record by default: FASTER files travel as text through the
FDOE secure FTP server, where a record a line is what the mainframe side and
other districts' tools (and our own reader) expect; ``line_end=b""`` writes
bare fixed-length records. A file is written to a temporary name and
renamed, so a reader never sees half a file.
"""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import FasterError, FasterIOError, TranscriptTooLongError, shown
from .layout import RECORD_LENGTH

LINE_END = b"\r\n"
LINE_ENDS = (b"\r\n", b"\n", b"\r", b"")  # what the reader recognises


def _path(path, doing):
    """``path`` (str, bytes or os.PathLike) as a Path; anything else (an int
    would be a file descriptor to open(): stdin, say) is refused."""
    if isinstance(path, str | bytes | os.PathLike):
        try:
            text = os.fsdecode(path)
        except TypeError:  # a PathLike whose __fspath__ is not a path
            text = None
        if text is not None and text and "\0" not in text:
            return Path(text)
    raise FasterIOError(f"cannot {doing} {shown(path)}: not a file path")


@contextmanager
def _opened(source):
    if hasattr(source, "read"):
        yield source
        return
    path = _path(source, "read")
    try:
        handle = open(path, "rb")  # noqa: SIM115
    except OSError as error:
        raise FasterIOError(f"cannot read {source}: {error.strerror}") from error
    with handle:
        yield handle


BLOCK_RECORDS = 1024  # records read at a time


def _line_end_of(head):
    """b"" for bare fixed-length records, else the file's line end: LF,
    CR LF, or CR alone (as old Mac tools write)."""
    after = head[RECORD_LENGTH : RECORD_LENGTH + 2]
    if after[:1] == b"\n" or after == b"\r\n":
        return after[:1] if after[:1] == b"\n" else after
    return b"\r" if after[:1] == b"\r" else b""


def _lines(data, line_end):
    """Records of line-ended bytes, each without its line end (and, with
    LF, without any CR before it), blank lines skipped."""
    if line_end == b"\r":
        return [line for line in data.split(b"\r") if line]
    return [line for line in (x.rstrip(b"\r") for x in data.split(b"\n")) if line]


def _regular(data, line_end):
    """``data`` without its line ends when it is whole records of exactly
    1020 bytes each followed by ``line_end`` (a well-formed file), else None."""
    stride = RECORD_LENGTH + len(line_end)
    separator = line_end[-1:]
    count, rest = divmod(len(data), stride)
    if rest or data.count(separator) != count:
        return None
    if data[stride - 1 :: stride] != separator * count:
        return None
    if line_end == b"\r\n":
        if data[RECORD_LENGTH::stride] != b"\r" * count or b"\r\r\n" in data:
            return None
    elif line_end == b"\n" and b"\r\n" in data:
        return None  # a CR at the end of a record is a line end to _lines()
    return data.replace(line_end, b"")


def read_blocks(source):
    """Yield the file's records in blocks: ``bytes`` of whole 1020-byte
    records back to back (the usual case), or a ``list`` of records where
    lines are not all 1020 bytes long. read_records() and read_decoded()
    share it, so both split a file the same way. A file that cannot be read
    raises FasterIOError, whenever the system says so."""
    try:
        yield from _read_blocks(source)
    except FasterError:
        raise
    except OSError as error:
        raise FasterIOError(
            f"cannot read {_name(source)}: {error.strerror or error}"
        ) from error


def _name(source):
    """A file's name for a message: its path, a file object's name."""
    name = getattr(source, "name", source)
    return name if isinstance(name, str) else shown(name, 200)


def _read_blocks(source):
    with _opened(source) as handle:
        head = handle.read(RECORD_LENGTH + 2)
        if head.__class__ is not bytes:
            if not isinstance(head, bytes | bytearray):
                raise FasterIOError(
                    f"cannot read {_name(source)}: it gives "
                    f"{type(head).__name__}, not bytes (open it in binary mode)"
                )
            head = bytes(head)
        if not head:
            return
        line_end = _line_end_of(head)
        if line_end:
            yield from _line_blocks(handle, head, line_end)
            return
        size = RECORD_LENGTH * BLOCK_RECORDS
        buffer = head + handle.read(size - len(head))  # whole blocks from here
        while buffer:
            whole = len(buffer) - len(buffer) % RECORD_LENGTH
            if whole == len(buffer):  # a file's read: no copy
                yield buffer
                buffer = b""
            elif whole:
                yield buffer[:whole]
                buffer = buffer[whole:]
            chunk = handle.read(size)
            if not chunk:
                break
            buffer = buffer + chunk if buffer else chunk
        if buffer.strip(b"\r\n"):
            yield [buffer]


def _line_blocks(handle, head, line_end):
    """read_blocks() of a line-ended file: whole lines at a time, a block of
    records where they are regular, the lines themselves where not. A line
    longer than a block is an error, not a record held whole in memory."""
    size = (RECORD_LENGTH + len(line_end)) * BLOCK_RECORDS
    pending = head
    count = 0  # records yielded so far
    while True:
        chunk = handle.read(size)
        pending += chunk
        cut = pending.rfind(line_end[-1:]) + 1 if chunk else len(pending)
        if not cut and len(pending) > size:  # memory stays bounded
            raise FasterError(
                f"record {count + 1} has no line end in {len(pending):,} bytes, "
                f"where a FASTER record is {RECORD_LENGTH:,}: the file's line "
                "ends stop there (a corrupt or foreign file)"
            )
        body, pending = pending[:cut], pending[cut:]
        if body:
            records = _regular(body, line_end)
            block = records if records is not None else _lines(body, line_end)
            count += len(block) if records is None else len(block) // RECORD_LENGTH
            yield block
        if not chunk:
            break


def read_records(source):
    """Yield each record's bytes (without its line end) from a path or file."""
    for block in read_blocks(source):
        if block.__class__ is list:
            yield from block
        else:
            for start in range(0, len(block), RECORD_LENGTH):
                yield block[start : start + RECORD_LENGTH]


def is_header(record):
    return record[1:3] == b"00" and record[:1] in b"ISPT"


# The most records a transcript may hold before the reader gives up on it.
# The FASTER layouts count a transcript's records ("Record types and their
# order in an interdistrict transcript", the FASTER formats reference): one
# each of I00, I01, I02, I05, I06, I10 and I11, at most 5 I07 and 9 I08 (21),
# and per school year one I03 with at most 40 I04 (41): 20 school years
# (pre-kindergarten to grade 12 and adult years, or a migrant student's
# several schools a year) make 841. I09 ("several") and G99 ("any number")
# are not counted: the bound leaves them over 4,000 records. 5,000 records
# are about 5 MB held, whatever the size of the file.
MAX_TRANSCRIPT_RECORDS = 5_000


def read_transcripts(source, limit=MAX_TRANSCRIPT_RECORDS):
    """Yield lists of records, one list a transcript (each begins at a header).

    Records before the first header form a transcript of their own, which
    validation then reports as not starting with a header. A transcript is
    held until the next header: one that passes ``limit`` records (a file
    whose records never start a new transcript) raises
    TranscriptTooLongError, naming where, instead of growing in memory.
    """
    transcript = []
    first = 1  # the number of the transcript's first record
    for record in read_records(source):
        if is_header(record) and transcript:
            yield transcript
            first += len(transcript)
            transcript = []
        if len(transcript) == limit:
            raise TranscriptTooLongError(
                _too_long(transcript[0], first, limit), first + limit
            )
        transcript.append(record)
    if transcript:
        yield transcript


def _too_long(record, first, limit):
    last = first + limit
    if is_header(record):
        where = f"the transcript whose header is record {first:,} passes"
    else:  # only a file's first records come before any header
        where = "no header (I00) in"
    return (
        f"record {last:,}: {where} {limit:,} records with no new header (I00): "
        f"a transcript holds at most {limit:,}, more than the FASTER layouts "
        "allow one student; a file missing its headers? Not read further"
    )


def write_records(path, records, line_end=LINE_END):
    """Write records atomically (temporary file + rename); return the count.

    Refused, with nothing written: a record that is not 1020 bytes, a line
    end the reader would not know; a file the system will not write raises
    FasterIOError.
    """
    path = _path(path, "write")
    if line_end not in LINE_ENDS:
        raise FasterError(
            f"line end {shown(line_end)}: one of {', '.join(map(repr, LINE_ENDS))}"
        )
    try:
        records = iter(records)
    except TypeError:
        raise FasterError(
            f"records to write are bytes in a sequence, not {type(records).__name__}"
        ) from None
    try:
        return _write(path, records, line_end)
    except FasterError:
        raise
    except OSError as error:
        raise FasterIOError(
            f"cannot write {path}: {error.strerror or error}"
        ) from error


def _write(path, records, line_end):
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    count = 0
    try:
        with os.fdopen(fd, "wb") as handle:
            for record in records:
                if record.__class__ is not bytes and not isinstance(
                    record, bytes | bytearray
                ):
                    raise FasterError(
                        f"record {count + 1} is {type(record).__name__}, not "
                        f"bytes: nothing written to {path}"
                    )
                if len(record) != RECORD_LENGTH:
                    raise FasterError(
                        f"record {count + 1} is {len(record)} bytes, not "
                        f"{RECORD_LENGTH}: nothing written to {path}"
                    )
                handle.write(record)
                handle.write(line_end)
                count += 1
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
