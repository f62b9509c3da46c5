"""Parsing an uploaded file in a child process, so that no file can hurt the server.

python-calamine is native code: a hostile workbook can make it allocate hundreds of GB (the
process aborts) or panic, and a slow one holds a thread for ever. The checks in
:mod:`analytics.ingest.readers` stop the shapes we know; this module is the wall behind them.

``read_isolated`` runs ``python -m analytics.ingest.isolate`` with the file on stdin. The child
caps its own address space (RLIMIT_AS, 1 GB) and CPU time before it imports the reader, parses
with ``readers.read_workbook_unsafe`` and writes the result to stdout as a pickle made only of
lists, tuples, dicts, text, numbers and dates; the parent loads it with an allow-list of those
date classes, so even a child taken over by a file cannot run code in the server. Whatever
happens to the child (abort, panic, MemoryError, a signal, the 60 s wall-clock limit) the caller
gets ImportRejected with a Vietnamese message and a code (PARSE_TIMEOUT, PARSE_MEMORY,
PARSE_CRASHED); details go to the server log.

Why a subprocess: Popen forks and execs at once (no Python runs in between), which is safe from a
threaded server such as Streamlit's; the limits are set by the child itself because preexec_fn is
not. multiprocessing's "spawn" costs the same start-up and re-imports the server's __main__, and
"forkserver" would be one more long-lived process to manage. A start costs about 0.1 s.

Limits: ANALYTICS_PARSE_MEMORY_MB (1024) and ANALYTICS_PARSE_SECONDS (60) override the
constants, read at each call; ANALYTICS_PARSE_PARALLEL (2) children run at once.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from analytics.ingest.issues import ImportRejected, Issue

if TYPE_CHECKING:
    from analytics.ingest.readers import Workbook

PARSE_MEMORY_MB = 1024
PARSE_SECONDS = 60.0
PARSE_PARALLEL = 2

_ROOT = Path(__file__).resolve().parent.parent.parent
_MAGIC = b"ANALYTICS-PARSE-1\n"
_LENGTH = struct.Struct(">Q")
_MEMORY_HINTS = (
    "MemoryError",
    "memory allocation of",
    "Cannot allocate memory",
    "failed to map segment",
    "out of memory",
    "capacity overflow",
)
_log = logging.getLogger(__name__)
_slots_lock = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}


def limits() -> tuple[int, float]:
    """(memory MB, seconds) for the next parse."""
    memory = int(os.environ.get("ANALYTICS_PARSE_MEMORY_MB") or PARSE_MEMORY_MB)
    seconds = float(os.environ.get("ANALYTICS_PARSE_SECONDS") or PARSE_SECONDS)
    return memory, seconds


def _slot() -> threading.BoundedSemaphore:
    """At most ANALYTICS_PARSE_PARALLEL children at once: each may take a core and 1 GB."""
    parallel = max(1, int(os.environ.get("ANALYTICS_PARSE_PARALLEL") or PARSE_PARALLEL))
    with _slots_lock:
        return _slots.setdefault(parallel, threading.BoundedSemaphore(parallel))


def _seconds_text(seconds: float) -> str:
    return f"{seconds:g}".replace(".", ",")


def _memory_text(megabytes: int) -> str:
    if megabytes % 1024 == 0:
        return f"{megabytes // 1024} GB"
    return f"{megabytes} MB"


def _failure(file_name: str, reason: str, *, code: str) -> ImportRejected:
    # Issue.text() puts the file first: "Tệp 'x.xlsx': Không đọc được: quá 60 giây. …"
    message = (
        f"Không đọc được: {reason}. Dữ liệu không thay đổi; hãy mở tệp bằng Excel, lưu lại "
        "(xoá các dòng, cột, ô thừa) rồi nhập lại."
    )
    return ImportRejected([Issue(file=file_name, message=message, code=code)])


# ============================================================================ the parent
def read_isolated(data: bytes, file_name: str) -> Workbook:
    """``readers.read_workbook_unsafe`` in a child process under the limits."""
    return run_child([sys.executable, "-m", "analytics.ingest.isolate"], data, file_name)


def run_child(command: list[str], data: bytes, file_name: str) -> Workbook:
    """Run ``command`` + [memory MB, seconds] as the child (tests run a child of their own)."""
    memory_mb, seconds = limits()
    command = [*command, str(memory_mb), repr(seconds)]
    name = file_name.encode("utf-8", "surrogatepass")
    payload = _LENGTH.pack(len(name)) + name + data
    with _slot():
        started = time.monotonic()
        try:
            child = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=_ROOT,
                env={**os.environ, "RUST_BACKTRACE": "0"},  # the first line says enough
            )
        except OSError as exc:
            _log.error("Không khởi động được tiến trình đọc tệp %r: %s", file_name, exc)
            raise _failure(
                file_name, "trình đọc không khởi động được", code="PARSE_CRASHED"
            ) from exc
        try:
            out, err = child.communicate(payload, timeout=seconds)
        except subprocess.TimeoutExpired as exc:
            child.kill()
            child.communicate()
            _log.warning("Đọc tệp %r quá %s giây: dừng tiến trình con", file_name, seconds)
            raise _failure(
                file_name, f"quá {_seconds_text(seconds)} giây", code="PARSE_TIMEOUT"
            ) from exc
    elapsed = time.monotonic() - started
    return _outcome(file_name, child.returncode, out, err, memory_mb, seconds, elapsed)


def _outcome(
    file_name: str,
    returncode: int,
    out: bytes,
    err: bytes,
    memory_mb: int,
    seconds: float,
    elapsed: float,
) -> Workbook:
    stderr = err[:65536].decode("utf-8", "replace")
    memory = _failure(file_name, f"cần hơn {_memory_text(memory_mb)} bộ nhớ", code="PARSE_MEMORY")
    result: tuple[Any, ...] | None = None
    if returncode == 0 and out.startswith(_MAGIC):
        body = out[len(_MAGIC) :]
        if len(body) >= _LENGTH.size and _LENGTH.unpack_from(body)[0] == len(body) - _LENGTH.size:
            try:
                result = _loads(body[_LENGTH.size :])
            except Exception:  # a damaged answer is a crash of the child
                _log.exception("Kết quả đọc tệp %r không hợp lệ", file_name)
    if result is not None:
        if result[0] == "ok":
            return _workbook(file_name, result)
        if result[0] == "rejected":
            raise ImportRejected(_issues(result[1]), _issues(result[2]))
        if result[0] == "memory" or any(hint in str(result[1:]) for hint in _MEMORY_HINTS):
            _log.warning("Đọc tệp %r cần hơn %s MB bộ nhớ", file_name, memory_mb)
            raise memory
        _log.error("Trình đọc dừng bất thường với tệp %r: %s", file_name, result[1])
        raise _failure(file_name, "trình đọc dừng bất thường", code="PARSE_CRASHED")
    _log.error(
        "Tiến trình đọc tệp %r kết thúc với mã %s sau %.1f giây: %s",
        file_name, returncode, elapsed, stderr[:2000],
    )  # fmt: skip
    if returncode == -24 or (returncode == -9 and elapsed >= seconds):  # SIGXCPU, or our kill
        raise _failure(file_name, f"quá {_seconds_text(seconds)} giây", code="PARSE_TIMEOUT")
    if any(hint in stderr for hint in _MEMORY_HINTS):
        raise memory
    raise _failure(file_name, "trình đọc dừng bất thường", code="PARSE_CRASHED")


_ALLOWED = {
    ("datetime", "date"): dt.date,
    ("datetime", "datetime"): dt.datetime,
    ("datetime", "time"): dt.time,
    ("datetime", "timedelta"): dt.timedelta,
    ("datetime", "timezone"): dt.timezone,
}


class _Unpickler(pickle.Unpickler):
    """Only the date classes may be named: anything else in the child's answer is refused."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed") from None


_pause_lock = threading.Lock()
_pause = {"count": 0, "was_enabled": False}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading a million cells triggers many full collections that find nothing (they would
    double the time); threads that load at once share one pause."""
    with _pause_lock:
        if _pause["count"] == 0:
            _pause["was_enabled"] = gc.isenabled()
            gc.disable()
        _pause["count"] += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pause["count"] -= 1
            if _pause["count"] == 0 and _pause["was_enabled"]:
                gc.enable()


def _loads(body: bytes) -> tuple[Any, ...]:
    with _collector_paused():
        result = _Unpickler(io.BytesIO(body)).load()
    if not isinstance(result, tuple) or not result or not isinstance(result[0], str):
        raise pickle.UnpicklingError("not a parse result")
    return result


def _issues(items: list[dict[str, Any]]) -> list[Issue]:
    return [Issue(**item) for item in items]


def _workbook(file_name: str, result: tuple[Any, ...]) -> Workbook:
    from analytics.ingest.readers import Sheet, Workbook

    _, fmt, encoding, sheets, warnings = result
    return Workbook(
        file_name,
        fmt,
        [Sheet(name, rows, merged, fonts) for name, rows, merged, fonts in sheets],
        encoding,
        _issues(warnings),
    )


# ============================================================================ the child
def _limit(memory_mb: int, seconds: float) -> None:
    """Cap this process's address space and CPU time (CPU a little above the wall clock the
    parent allows, in case the parent is gone)."""
    try:
        import resource
    except ImportError:  # not on this platform: the parent's timeout still holds
        return
    memory = memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    cpu = int(seconds) + 5
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        cpu = min(cpu, hard)
    resource.setrlimit(
        resource.RLIMIT_CPU, (cpu, cpu + 5 if hard == resource.RLIM_INFINITY else hard)
    )


def _dumps(result: tuple[Any, ...]) -> bytes:
    """Without the memo: no object is shared, and the pickle is made ten times faster."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(result)
    return buffer.getvalue()


def _parse(stdin: BinaryIO) -> tuple[Any, ...]:
    from analytics.ingest.readers import read_workbook_unsafe

    (size,) = _LENGTH.unpack(stdin.read(_LENGTH.size))
    file_name = stdin.read(size).decode("utf-8", "surrogatepass")
    data = stdin.read()
    try:
        book = read_workbook_unsafe(data, file_name)
    except ImportRejected as rejected:
        return (
            "rejected",
            [asdict(i) for i in rejected.errors],
            [asdict(i) for i in rejected.warnings],
        )
    return _answer(book)


def _answer(book: Workbook) -> tuple[Any, ...]:
    """A workbook as plain values (the inverse of ``_workbook``)."""
    sheets = [(s.name, s.rows, s.merged, s.fonts) for s in book.sheets]
    return ("ok", book.format, book.encoding, sheets, [asdict(i) for i in book.warnings])


def main(argv: list[str] | None = None) -> int:
    """The child: limits, then the file from stdin, then the answer on stdout."""
    args = sys.argv[1:] if argv is None else argv
    _limit(int(args[0]), float(args[1]))
    gc.disable()  # a short life: collections would only slow the read (a third of its time)
    # Anything the reader prints goes to stderr; stdout carries only the answer.
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        result = _parse(sys.stdin.buffer)
        body = _dumps(result)
    except MemoryError:
        result, body = ("memory",), b""
    except BaseException as exc:  # a Rust panic is a BaseException
        import traceback

        traceback.print_exc()
        result, body = ("crashed", f"{type(exc).__name__}: {exc}"[:2000]), b""
    if not body:
        body = _dumps(result)
    answer.write(_MAGIC + _LENGTH.pack(len(body)) + body)
    answer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
