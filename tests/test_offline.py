"""recordlint sends nothing anywhere: no network socket is opened by `check` or `batch`.

Every Python process started for the test (the command and its worker processes) imports a
``sitecustomize`` that refuses Internet sockets and logs any attempt to a file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

SITECUSTOMIZE = """
import os, socket
_log = os.environ["RECORDLINT_TEST_SOCKET_LOG"]
_Socket = socket.socket

class GuardedSocket(_Socket):
    def __init__(self, family=-1, *args, **kwargs):
        if family in (socket.AF_INET, socket.AF_INET6) or family == -1:
            with open(_log, "a") as stream:
                stream.write(f"socket({family}) in pid {os.getpid()}\\n")
            raise OSError("network sockets are blocked in this test")
        super().__init__(family, *args, **kwargs)

def refuse(*args, **kwargs):
    with open(_log, "a") as stream:
        stream.write(f"connection attempt {args[:1]} in pid {os.getpid()}\\n")
    raise OSError("network is blocked in this test")

socket.socket = GuardedSocket
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""


def _run_offline(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "sockets.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
        "RECORDLINT_TEST_SOCKET_LOG": str(log),
    }
    result = subprocess.run(
        [sys.executable, "-m", "recordlint", *args], capture_output=True, env=env, timeout=600
    )
    return result, log.read_text() if log.exists() else ""


def test_the_guard_itself_catches_a_connection(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "sockets.log"
    env = {**os.environ, "PYTHONPATH": str(site), "RECORDLINT_TEST_SOCKET_LOG": str(log)}
    code = (
        "import urllib.request\n"
        "try:\n    urllib.request.urlopen('http://127.0.0.1:9')\nexcept Exception:\n    pass\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert log.read_text()  # the guard sees an attempt, so silence below means none was made


def test_check_opens_no_network_socket(tmp_path):
    result, log = _run_offline(tmp_path, "check", str(EXAMPLES / "poor-visit-note.txt"))
    assert result.returncode == 1, result.stderr
    assert log == ""


def test_batch_with_workers_opens_no_network_socket(tmp_path):
    result, log = _run_offline(
        tmp_path,
        "batch", str(EXAMPLES / "caseload.csv"), "--jobs", "2", "--quiet",
        "--output", str(tmp_path / "findings.csv"), "--report", str(tmp_path / "report.html"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "report.html").exists()
    assert log == ""
