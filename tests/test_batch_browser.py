"""The HTML batch report in a real headless browser (Debian's `chromium`): DOM and screenshot."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from conftest import EXAMPLES
from recordlint.cli import main

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM is not None
    profile = tmp_path / "profile"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=120,
    )


def png_rows(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Decode an 8-bit RGB or RGBA PNG (what Chromium writes): width, height, bytes per
    pixel and the unfiltered scanlines."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    size = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * size
    rows: list[bytes] = []
    previous = bytes(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]
        if kind == 0:
            current = bytearray(line)
        elif kind == 2:
            current = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        else:
            current = bytearray(line)
            for i in range(stride):
                left = current[i - size] if i >= size else 0
                up = previous[i]
                if kind == 1:
                    current[i] = (current[i] + left) & 0xFF
                elif kind == 3:
                    current[i] = (current[i] + (left + up) // 2) & 0xFF
                else:
                    corner = previous[i - size] if i >= size else 0
                    p = left + up - corner
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                    best = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                    current[i] = (current[i] + best) & 0xFF
        rows.append(bytes(current))
        previous = current
    return width, height, size, rows


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML report of the shipped caseload export."""
    folder = tmp_path_factory.mktemp("report")
    path = folder / "report.html"
    argv = sys.argv
    sys.argv = ["recordlint", "batch", str(EXAMPLES / "caseload.csv"), "--jobs", "1", "-q",
                "--report", str(path)]  # fmt: skip
    try:
        with pytest.raises(SystemExit) as stop:
            main()
    finally:
        sys.argv = argv
    assert stop.value.code == 0
    return path


def test_report_dom_has_the_key_sections(report: Path, tmp_path: Path):
    result = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", report.as_uri())
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert ":CONSOLE" not in result.stderr.decode()  # no script errors or console messages
    dom = result.stdout.decode("utf-8")
    assert "Case recording quality: caseload summary" in dom
    assert '<section id="summary">' in dom and "notes checked" in dom
    assert '<svg id="category-chart"' in dom and "<rect" in dom
    assert '<svg id="trend-chart"' in dom and "<polyline" in dom
    assert '<section id="teams">' in dom and "Children in Care Team" in dom
    assert '<section id="authors">' in dom and "Rebecca Okoro" in dom
    assert '<section id="stop-start-continue">' in dom
    for heading in (">Stop<", ">Start<", ">Continue<"):
        assert heading in dom
    assert '<section id="lowest">' in dom and "<mark" in dom
    assert '<section id="exemplars">' in dom


def test_report_screenshot_is_a_rendered_page(report: Path, tmp_path: Path):
    shot = tmp_path / "shot.png"
    result = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri())
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    data = shot.read_bytes()
    assert len(data) > 10_000
    width, height, size, rows = png_rows(data)
    assert (width, height) == (1280, 2000)

    def pixel(x: int, y: int) -> tuple[int, ...]:
        return tuple(rows[y][x * size : x * size + 3])

    header = pixel(600, 20)  # the dark header band
    body = pixel(1250, 1900)  # the white page near the bottom right
    assert header != body and sum(header) < 300 and sum(body) > 700
    colours = {pixel(x, y) for y in range(0, height, 40) for x in range(0, width, 40)}
    assert len(colours) > 10  # text, cards, chart bars: not a blank page


# -- the report and a feedback page at desktop and phone widths ---------------------------

HOSTILE = '<img src=x onerror="document.title=1"><script>document.title=2</script>'
PROBE = """<!DOCTYPE html><html><body><iframe id="f" src="PAGE" style="width:WIDTHpx;
height:900px;border:0"></iframe><script>
document.getElementById('f').addEventListener('load', function () {
  var frame = document.getElementById('f'), win = frame.contentWindow, doc = win.document;
  var out = {width: frame.clientWidth, scroll: doc.documentElement.scrollWidth,
             title: doc.title, scripts: doc.querySelectorAll('script').length,
             imgs: doc.querySelectorAll('img').length,
             hostile: doc.body.textContent.indexOf(
               '<scr' + 'ipt>document.title=2</scr' + 'ipt>') >= 0,
             requests: win.performance.getEntriesByType('resource').map(function (e) {
               return e.name; })};
  var table = doc.getElementById('support-authors');
  if (table) {
    var column = 3;
    var read = function () {
      return Array.prototype.map.call(table.tBodies[0].rows, function (r) {
        return parseFloat(r.cells[column].textContent.replace(/,/g, '')); });
    };
    var button = table.rows[0].cells[column].querySelector('button');
    out.button = !!button;
    button.click(); out.ascending = read();
    button.click(); out.descending = read();
  }
  document.body.setAttribute('data-probe', JSON.stringify(out));
});
</script></body></html>"""


def _export(folder: Path) -> Path:
    """Two teams, three workers; hostile markup in a name and a note; a long unbroken word."""
    import csv

    path = folder / "supervisors.csv"
    rows = [["Note ID", "Note Date", "Author", "Team", "Note Type", "Case Note"]]
    texts = [
        "It was decided that family time will stop. Mum refused to engage.",
        'We agreed the visit will move to Friday because Kai has football. Kai said "I scored".',
        "Visited Kai at home. Kai was seen. " + "x" * 180 + " " + HOSTILE,
    ]
    for number in range(60):
        author = ["Dee Shah", "Eli Ward", HOSTILE][number % 3]
        rows.append([f"N{number}", f"{number % 27 + 1:02d}/{number % 11 + 1:02d}/2025", author,
                     ["Team East", "Team West"][number % 2], "Home Visit",
                     texts[number % 3]])  # fmt: skip
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    report, feedback = folder / "report.html", folder / "feedback"
    argv = sys.argv
    sys.argv = ["recordlint", "batch", str(_export(folder)), "--jobs", "1", "-q", "--min-notes",
                "5", "--report", str(report), "--feedback", str(feedback)]  # fmt: skip
    try:
        with pytest.raises(SystemExit) as stop:
            main()
    finally:
        sys.argv = argv
    assert stop.value.code == 0
    hostile = next(feedback.glob("img-src-x-*.html"))  # the worker named with markup
    return {"report": report, "feedback": hostile}


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("page", ["report", "feedback"])
def test_pages_fit_sort_stay_offline_and_escape(pages, tmp_path, page, width):
    import json
    import re

    target = pages[page]
    probe = target.parent / f"probe-{page}-{width}.html"
    probe.write_text(
        PROBE.replace("PAGE", target.name).replace("WIDTH", str(width)), encoding="utf-8"
    )
    result = chromium(
        tmp_path, "--allow-file-access-from-files", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--virtual-time-budget=5000", f"--window-size={width + 40},1000", "--dump-dom",
        probe.as_uri(),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    found = re.search(r'data-probe="([^"]*)"', result.stdout.decode("utf-8"))
    assert found, result.stdout.decode("utf-8")[-2000:]
    data = json.loads(html_unescape(found.group(1)))
    assert data["width"] == width
    assert data["scroll"] <= width, data  # no horizontal scroll
    assert data["requests"] == []  # nothing loaded from anywhere
    assert data["imgs"] == 0 and data["hostile"]  # markup from the export shown as text
    assert data["title"] != "1" and data["title"] != "2"
    if page == "report":
        assert data["scripts"] == 1 and data["button"]
        # decisions without a reason: 0% and 100%, and a worker with no decisions (last)
        assert data["ascending"] == [0, 100, None]
        assert data["descending"] == [100, 0, None]
    else:
        assert data["scripts"] == 0


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)
