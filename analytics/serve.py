"""Start the dashboard on a free port in a child process (for end-to-end tests and screenshots)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_dashboard(
    db: Path, *, timeout: float = 60, script: Path = ROOT / "dashboard.py"
) -> Iterator[str]:
    """Yield the base URL of a dashboard serving ``db``; stop it afterwards. ``script``: another
    Streamlit script to serve the same way (a test's own page)."""
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    env = {**os.environ, "ANALYTICS_DB": str(db)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ui.launch",
            "run",
            str(script),
            "--server.headless=true",
            f"--server.port={port}",
            "--server.address=127.0.0.1",
            "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(log.read().decode(errors="replace") or "streamlit exited")
            if time.monotonic() > deadline:
                raise TimeoutError("streamlit did not start")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
