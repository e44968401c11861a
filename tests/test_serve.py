"""`recordlint serve`: the API, its safety checks, and that note text goes nowhere."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from recordlint.serve.checker import Checker
from recordlint.serve.server import ServeServer, allowed_hosts, is_loopback

NOTE = (
    "Home visit to Tyler (8). It was decided that contact with dad will stop. "
    "The LAC review is next week and the PEP is overdue."
)


@pytest.fixture(scope="module")
def server(linter):
    """A server on a free loopback port, in a thread, with a small body limit."""
    instance = ServeServer("127.0.0.1", 0, Checker(linter=linter), max_body=4096)
    thread = threading.Thread(target=instance.serve_forever, daemon=True)
    thread.start()
    yield instance
    instance.shutdown()
    instance.server_close()


def call(server, method, path, body=None, headers=None):
    """One request; returns (status, headers, decoded JSON or text)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    sent = {"Host": f"127.0.0.1:{server.port}", **(headers or {})}
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    if data is not None:
        sent.setdefault("Content-Type", "application/json")
        sent.setdefault("Content-Length", str(len(data)))
    connection.putrequest(method, path, skip_host=True)
    for name, value in sent.items():
        if value is not None:
            connection.putheader(name, value)
    connection.endheaders(data)
    response = connection.getresponse()
    raw = response.read()
    connection.close()
    try:
        content = json.loads(raw)
    except ValueError:
        content = raw.decode("utf-8", "replace")
    return response.status, dict(response.getheaders()), content


def api(server, name="check", body=None, **kwargs):
    return call(server, "POST", f"/{server.token}/api/{name}", body, **kwargs)


def test_check_returns_findings_score_grade_and_safe_fixes(server):
    status, headers, data = api(server, body={"text": NOTE, "child": "Tyler", "type": "visit"})
    assert status == 200
    rules = {f["rule"] for f in data["findings"]}
    assert {"RL101", "RL111", "RL320", "RL401"} <= rules
    for finding in data["findings"]:
        assert NOTE[finding["start"] : finding["end"]]
        assert finding["message"] and finding["hint"]
    pep = next(f for f in data["fixes"] if f["old"] == "PEP")
    assert NOTE[pep["start"] : pep["end"]] == "PEP" and "personal education plan" in pep["new"]
    assert 0 <= data["score"] < 100 and data["words"] == len(NOTE.split())
    assert "Access-Control-Allow-Origin" not in headers


def test_offsets_count_utf16_units_as_the_page_does(server):
    text = "Lily drew 🦄🦄 for me. The contact went well."
    _, _, data = api(server, body={"text": text})
    contact = next(f for f in data["findings"] if f["rule"] == "RL101")
    utf16 = text.encode("utf-16-le")
    assert utf16[contact["start"] * 2 : contact["end"] * 2].decode("utf-16-le") == "contact"


def test_fix_applies_every_safe_fix(server):
    status, _, data = api(server, "fix", {"text": NOTE, "child": "Tyler"})
    assert status == 200 and data["applied"] >= 2
    assert "personal education plan (PEP)" in data["text"]
    assert "contact" not in data["text"].lower()
    assert "It was decided" in data["text"]  # a judgement call is left to the writer


@pytest.mark.parametrize(
    "host", ["evil.example:80", "rebind.attacker.test", "127.0.0.1.nip.io", "", None]
)
def test_a_foreign_or_missing_host_header_is_refused(server, host):
    for method, path, body in (
        ("GET", f"/{server.token}/", None),
        ("POST", f"/{server.token}/api/check", {"text": NOTE}),
    ):
        status, _, data = call(server, method, path, body, headers={"Host": host})
        assert status == 421, (method, host)
        assert "findings" not in data


def test_the_servers_own_names_are_accepted(server):
    for host in (f"localhost:{server.port}", f"127.0.0.1:{server.port}"):
        status, _, _ = call(server, "GET", f"/{server.token}/", headers={"Host": host})
        assert status == 200


@pytest.mark.parametrize("token", ["", "wrong-token", "TOKEN-PREFIX"])
def test_a_request_without_the_token_is_refused(server, token):
    token = server.token[:-1] if token == "TOKEN-PREFIX" else token
    status, _, data = call(server, "POST", f"/{token}/api/check", {"text": NOTE})
    assert status == 404 and "findings" not in data
    status, _, page = call(server, "GET", f"/{token}/")
    assert status == 404 and "<textarea" not in str(page)
    status, _, _ = call(server, "POST", f"/api/check?token={token}", {"text": NOTE})
    assert status == 404


def test_the_page_is_served_with_a_strict_policy_and_its_own_assets(server):
    status, headers, page = call(server, "GET", f"/{server.token}/")
    assert status == 200 and "<textarea" in page
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["Cache-Control"] == "no-store" and headers["X-Frame-Options"] == "DENY"
    assert "http" not in page.split("</head>")[0]  # no external asset
    for asset in ("page.css", "page.js"):
        status, _, text = call(server, "GET", f"/{server.token}/{asset}")
        assert status == 200 and "http://" not in text and "https://" not in text


def test_a_body_over_the_limit_gets_a_clear_error_before_it_is_read(server):
    status, _, data = api(server, body={"text": "word " * 2000})
    assert status == 413
    assert "too long" in data["error"] and "MB" in data["error"]


def test_bad_requests_are_refused_plainly(server):
    assert api(server, body=b"{not json")[0] == 400
    assert api(server, body={"note": NOTE})[0] == 400
    status, _, _ = api(server, body=b"text=x", headers={"Content-Type": "text/plain"})
    assert status == 415
    status, headers, _ = call(server, "OPTIONS", f"/{server.token}/api/check")
    assert status == 405 and "Access-Control-Allow-Origin" not in headers
    assert api(server, "unknown", {"text": NOTE})[0] == 404


def test_loopback_checks():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert "localhost:8123" in allowed_hosts("127.0.0.1", 8123)
    assert "evil.test:8123" not in allowed_hosts("127.0.0.1", 8123)
    everywhere = allowed_hosts("0.0.0.0", 8123)
    assert "0.0.0.0:8123" in everywhere and "evil.test:8123" not in everywhere
    assert f"{socket.gethostname().lower()}:8123" in everywhere


def test_a_non_loopback_host_warns_and_a_bad_one_is_one_line():
    result = subprocess.run(
        [sys.executable, "-m", "recordlint", "serve", "--host", "no-such-host.invalid"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert "warning: serving on no-such-host.invalid" in lines[0]
    assert lines[1].startswith("recordlint: error: cannot listen on no-such-host.invalid")
    assert len(lines) == 2


def test_note_text_reaches_neither_the_log_nor_the_disk(tmp_path):
    marker = "Zephyrine-Quillon"
    text = f"Visit to {marker}. It was decided that {marker} stays. Contact is weekly."
    opened = tmp_path / "opened.txt"
    browser = f"{sys.executable} -c \"import sys; open(sys.argv[2], 'w').write(sys.argv[1])\""
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "NO_COLOR": "1",
        "BROWSER": f"{browser} %s {opened}",  # --open starts this instead of a browser
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "recordlint", "serve", "--port", "0", "--open"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert "http://127.0.0.1:" in line, process.stderr.read()
        url = line.split("open ", 1)[1].split()[0]
        port = int(url.split(":")[2].split("/")[0])
        token = url.rstrip("/").rsplit("/", 1)[1]

        class Target:
            pass

        target = Target()
        target.port, target.token = port, token
        for _ in range(100):  # --open hands the page's address to the browser
            if opened.exists() and opened.read_text():
                break
            time.sleep(0.1)
        assert opened.read_text() == url
        for name in ("check", "fix"):
            status, _, data = api(target, name, {"text": text, "child": marker})
            assert status == 200, data
        status, _, _ = call(target, "POST", f"/{token}/api/check", {"text": text}, {"Host": "x"})
        assert status == 421
        status, _, _ = call(target, "POST", "/nope/api/check", {"text": text})
        assert status == 404
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert marker not in out and marker not in err
    assert token not in err
    time.sleep(0.1)
    for path in Path(tmp_path).rglob("*"):
        if path.is_file():
            assert marker.encode() not in path.read_bytes(), path


def test_a_port_in_use_is_one_line_and_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "recordlint", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"recordlint: error: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]
