"""Read and write FASTER files, streaming, in constant memory.

Reading accepts records with or without line ends (LF or CR LF): a file
whose byte 1021 is a line end is read line by line, any other in 1020-byte
slices. Writing puts CR LF after each record by default: FASTER files travel
as text through the FDOE secure FTP server, where a record a line is what
the mainframe side and other districts' tools (and our own reader) expect;
``line_end=b""`` writes bare fixed-length records. A file is written to a
temporary name and renamed, so a reader never sees half a file.
"""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import FasterError
from .layout import RECORD_LENGTH

LINE_END = b"\r\n"


@contextmanager
def _opened(source):
    if hasattr(source, "read"):
        yield source
        return
    try:
        handle = open(source, "rb")  # noqa: SIM115
    except OSError as error:
        raise FasterError(f"cannot read {source}: {error.strerror}") from error
    with handle:
        yield handle


def read_records(source):
    """Yield each record's bytes (without its line end) from a path or file."""
    with _opened(source) as handle:
        head = handle.read(RECORD_LENGTH + 2)
        if not head:
            return
        line_ended = len(head) > RECORD_LENGTH and head[
            RECORD_LENGTH : RECORD_LENGTH + 1
        ] in (b"\r", b"\n")
        if line_ended:
            pending = head
            while True:
                chunk = handle.read(1 << 20)
                pending += chunk
                lines = pending.split(b"\n")
                pending = lines.pop()
                for line in lines:
                    line = line.rstrip(b"\r")
                    if line:
                        yield line
                if not chunk:
                    break
            pending = pending.rstrip(b"\r")
            if pending:
                yield pending
            return
        buffer = head
        while True:
            # Slice whole records out of the buffer by offset (cutting the
            # buffer after each record would copy it once a record).
            whole = len(buffer) - len(buffer) % RECORD_LENGTH
            for start in range(0, whole, RECORD_LENGTH):
                yield buffer[start : start + RECORD_LENGTH]
            buffer = buffer[whole:]
            chunk = handle.read(RECORD_LENGTH * 1024)
            if not chunk:
                break
            buffer += chunk
        if buffer.strip(b"\r\n"):
            yield buffer


def is_header(record):
    return record[1:3] == b"00" and record[:1] in b"ISPT"


def read_transcripts(source):
    """Yield lists of records, one list a transcript (each begins at a header).

    Records before the first header form a transcript of their own, which
    validation then reports as not starting with a header.
    """
    transcript = []
    for record in read_records(source):
        if is_header(record) and transcript:
            yield transcript
            transcript = []
        transcript.append(record)
    if transcript:
        yield transcript


def write_records(path, records, line_end=LINE_END):
    """Write records atomically (temporary file + rename); return the count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    count = 0
    try:
        with os.fdopen(fd, "wb") as handle:
            for record in records:
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
