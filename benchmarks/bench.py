"""Speed and memory benchmark: figures measured in one run, with ratios against baselines.

    python benchmarks/bench.py            # the full run (about 7 minutes on 2 cores)
    python benchmarks/bench.py --quick    # smaller exports, for a quick look
    python benchmarks/bench.py --only serve   # just the `recordlint serve` latency

It needs the export generator ``../shared/bench/make_export.py`` beside the checkout and
says so (exit 0) when it is absent. Every ratio compares two things measured here, now, on the
same text, so a slow or busy machine shifts both sides alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT.parent / "shared" / "bench" / "make_export.py"
CORPUS = ROOT.parent / "shared" / "corpus" / "dev.jsonl"
PARAGRAPH = (
    "I visited Kai at home on Tuesday after school. Kai showed me his new bike and told me he "
    "rides it to the park with his cousin. It was decided that family time with his dad will "
    "move to Saturdays. Mum said she is happy with this because Kai has football on Sundays."
)


def make_export(notes: int, folder: Path, fmt: str = "csv", seed: int = 1) -> Path:
    path = folder / f"export-{notes}.{fmt}"
    subprocess.run(
        [sys.executable, str(GENERATOR), "--notes", str(notes), "--seed", str(seed),
         "--format", fmt, "--out", str(path), "--quiet"],
        check=True,
    )  # fmt: skip
    return path


def read_texts(path: Path, limit: int | None = None) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            texts.append(json.loads(line)["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


class PeakRSS:
    """Peak resident memory of a process and all its children, sampled every 50 ms."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                family = [self.process, *self.process.children(recursive=True)]
                total = sum(p.memory_info().rss for p in family)
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            time.sleep(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run(command: list[str], *, measure_memory: bool = False) -> tuple[float, int]:
    """Wall time of a command (and its peak RSS in bytes when asked)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watcher = PeakRSS(process.pid) if measure_memory else None
    _, errors = process.communicate()
    elapsed = time.perf_counter() - start
    peak = watcher.stop() if watcher else 0
    if process.returncode not in (0, 1):
        raise SystemExit(f"command failed ({process.returncode}): {' '.join(command)}\n{errors}")
    return elapsed, peak


def median_time(command: list[str], repeats: int = 5) -> float:
    return statistics.median(run(command)[0] for _ in range(repeats))


def recordlint(*args: str) -> list[str]:
    return [sys.executable, "-m", "recordlint", *args]


def naive_baseline(texts: list[str], model: str) -> float:
    """Seconds for the full spaCy pipeline (all components) over ``texts``, load excluded."""
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:20]))  # warm up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - start


def engine_only(texts: list[str], cache: int) -> float:
    """Seconds for the recordlint engine in this process over ``texts``, load excluded."""
    from recordlint.engine import Linter
    from recordlint.model import Note

    linter = Linter(parse_cache=cache)
    list(linter.lint_many(Note(text=t) for t in texts[:20]))  # load the model, warm up
    linter._parse_cache.clear()
    start = time.perf_counter()
    for _ in linter.lint_many(Note(text=t) for t in texts):
        pass
    return time.perf_counter() - start


def serve_notes(texts: list[str], count: int = 200) -> list[str]:
    """``count`` notes of 50-400 words from the export, lengths spread over that range."""
    fitting = sorted(
        (t for t in texts if 50 <= len(t.split()) <= 400), key=lambda t: len(t.split())
    )
    if len(fitting) < count:
        raise SystemExit(f"only {len(fitting)} notes of 50-400 words in the export")
    chosen: list[str] = []
    for k in range(count):  # the unused note nearest each of 200 evenly spaced lengths
        target = 50 + 350 * k / (count - 1)
        best = min(range(len(fitting)), key=lambda i: abs(len(fitting[i].split()) - target))
        chosen.append(fitting.pop(best))
    return chosen


def serve_latency(notes: list[str], folder: Path) -> None:
    """Warm per-note latency of `recordlint serve` against one-shot `recordlint check`."""
    import http.client

    process = subprocess.Popen(
        recordlint("serve", "--port", "0"), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True,
    )  # fmt: skip
    try:
        started = time.perf_counter()
        url = process.stdout.readline().split("open ", 1)[1].split()[0]
        ready = time.perf_counter() - started
        port = int(url.split(":")[2].split("/")[0])
        path = "/" + url.rstrip("/").rsplit("/", 1)[1] + "/api/check"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

        def check(text: str) -> float:
            body = json.dumps({"text": text}).encode()
            start = time.perf_counter()
            connection.request("POST", path, body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            data = json.loads(response.read())
            elapsed = time.perf_counter() - start
            assert response.status == 200 and "findings" in data, data
            return elapsed

        first = check(PARAGRAPH)
        times = [check(text) for text in notes]
        around_300 = [t for t, n in zip(times, notes, strict=True) if 250 <= len(n.split()) <= 350]
    finally:
        process.terminate()
        process.wait(timeout=30)
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    note = folder / "note-300.txt"
    note.write_text(min(notes, key=lambda t: abs(len(t.split()) - 300)), encoding="utf-8")
    one_shot = median_time(recordlint("check", str(note)))
    spread = f"{min(len(n.split()) for n in notes)}-{max(len(n.split()) for n in notes)} words"
    print(f"\n`recordlint serve`: warm latency per note ({len(notes)} notes, {spread})")
    line("server start, model loaded (until the address is printed)", f"{ready:.2f} s")
    line("first request after start", f"{first * 1000:.0f} ms")
    line("median per note", f"{median * 1000:.1f} ms")
    line("95th percentile per note", f"{p95 * 1000:.1f} ms", "target < 150 ms", p95 < 0.150)
    if around_300:
        worst = max(around_300)
        line(f"slowest of the {len(around_300)} notes of 250-350 words", f"{worst * 1000:.1f} ms",
             "target < 150 ms", worst < 0.150)  # fmt: skip
    line("one-shot recordlint check, a 300-word note (median of 5)", f"{one_shot:.2f} s")
    line("  ratio one-shot / warm median", f"{one_shot / median:,.0f}x")


def line(label: str, value: str, target: str = "", met: bool | None = None) -> None:
    verdict = "" if met is None else ("  met" if met else "  MISSED")
    print(f"  {label:<58} {value:>18}  {target}{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller exports (no 100k run)")
    parser.add_argument("--only", choices=["serve"], help="run one part of the benchmark")
    options = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    if not GENERATOR.exists():
        print(f"benchmark skipped: the export generator is not at {GENERATOR}")
        return
    from recordlint.nlp import resolve_model

    model = resolve_model(None)
    small, large = (2_000, 20_000) if options.quick else (10_000, 100_000)
    naive_notes = 300 if options.quick else 600
    started = time.perf_counter()
    python = sys.version.split()[0]
    print(f"recordlint benchmark: {os.cpu_count()} CPUs, model {model}, Python {python}")
    if options.only == "serve":
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            texts = read_texts(make_export(2_000, folder, "jsonl", seed=1))
            serve_latency(serve_notes(texts), folder)
        print(f"\nbenchmark took {time.perf_counter() - started:.0f} s")
        return
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        small_csv = make_export(small, folder, "csv", seed=1)
        texts = read_texts(make_export(small, folder, "jsonl", seed=1))  # the same notes
        total_words = words(texts)

        print(f"\nThroughput on the same {small:,}-note export ({total_words:,} words)")
        naive_texts = texts[:naive_notes]
        naive_rate = words(naive_texts) / naive_baseline(naive_texts, model)
        line(f"naive: spaCy, all components, nlp.pipe (first {naive_notes} notes)",
             f"{naive_rate:,.0f} words/s")  # fmt: skip
        uncached = words(naive_texts) / engine_only(naive_texts, cache=0)
        line("recordlint engine, no sentence cache (same notes)", f"{uncached:,.0f} words/s")
        line("  ratio to naive", f"{uncached / naive_rate:.1f}x")
        one, _ = run(recordlint("batch", str(small_csv), "--jobs", "1", "--quiet"))
        two, small_rss = run(
            recordlint("batch", str(small_csv), "--jobs", "2", "--quiet"), measure_memory=True
        )
        rate_one, rate_two = total_words / one, total_words / two
        line("recordlint batch --jobs 1 (whole command)", f"{rate_one:,.0f} words/s")
        line("", f"{small / one:,.1f} notes/s")
        line("  ratio to naive", f"{rate_one / naive_rate:.1f}x", "target >= 4x",
             rate_one / naive_rate >= 4)  # fmt: skip
        line("recordlint batch --jobs 2 (whole command)", f"{rate_two:,.0f} words/s")
        line("  ratio to --jobs 1", f"{one / two:.2f}x", "target >= 1.7x", one / two >= 1.7)

        print("\nPeak memory (main process and workers, --jobs 2)")
        large_csv = make_export(large, folder, "csv", seed=1)
        large_time, large_rss = run(
            recordlint("batch", str(large_csv), "--jobs", "2", "--quiet"), measure_memory=True
        )
        line(f"{small:,} notes", f"{small_rss / 2**20:,.0f} MB", f"{two:.0f} s")
        line(f"{large:,} notes", f"{large_rss / 2**20:,.0f} MB", f"{large_time:.0f} s")
        ratio = large_rss / small_rss
        line("  ratio", f"{ratio:.2f}x", "target <= 1.2x", ratio <= 1.2)
        line("  under 1 GB", f"{large_rss / 2**30:.2f} GB", "target < 1 GB", large_rss < 2**30)

        print("\nStart-up (median of 5)")
        note = folder / "paragraph.txt"
        note.write_text(PARAGRAPH, encoding="utf-8")
        imports = median_time([sys.executable, "-c", "import typer, rich"])
        version = median_time(recordlint("--version"))
        rules = median_time(recordlint("rules"))
        load = median_time([sys.executable, "-c", f"import spacy; spacy.load({model!r})"])
        check = median_time(recordlint("check", str(note)))
        line("python -c 'import typer, rich'", f"{imports:.2f} s")
        line("recordlint --version", f"{version:.2f} s", f"{version / imports:.2f}x, target <= 2x",
             version / imports <= 2)  # fmt: skip
        line("recordlint rules", f"{rules:.2f} s", f"{rules / imports:.2f}x, target <= 2x",
             rules / imports <= 2)  # fmt: skip
        line("python -c 'import spacy; spacy.load(MODEL)'", f"{load:.2f} s")
        line("recordlint check (one paragraph)", f"{check:.2f} s",
             f"{check / load:.2f}x, target <= 1.3x", check / load <= 1.3)  # fmt: skip

        print("\nOne huge note: time as the note grows (realistic text)")
        body = "\n\n".join(texts)
        previous = None
        for size in (250_000, 500_000, 1_000_000):
            path = folder / f"huge-{size}.txt"
            path.write_text((body * (size // len(body) + 1))[:size], encoding="utf-8")
            elapsed, peak = run(
                recordlint("check", str(path), "--format", "json"), measure_memory=True
            )
            growth = f"x{elapsed / previous:.2f} for x2 text" if previous else ""
            line(f"{size:,} characters", f"{elapsed:.1f} s, {peak / 2**20:.0f} MB", growth)
            previous = elapsed

        serve_latency(serve_notes(texts), folder)

    print("\nAccuracy on the development corpus (speed is never bought with accuracy)")
    if CORPUS.exists():
        sys.path.insert(0, str(ROOT / "tests"))
        from corpus_score import load, score
        from recordlint.model import CATEGORIES

        result = score(load(CORPUS))
        worst_p = min(result.precision(c) for c in CATEGORIES)
        worst_r = min(result.recall(c) for c in CATEGORIES)
        line("lowest precision over the nine categories", f"{worst_p:.2f}", "target >= 0.85",
             worst_p >= 0.85)  # fmt: skip
        line("lowest recall over the nine categories", f"{worst_r:.2f}", "target >= 0.85",
             worst_r >= 0.85)  # fmt: skip
        line("term-level recall", f"{result.term_recall():.3f}", "target >= 0.90",
             result.term_recall() >= 0.90)  # fmt: skip
    else:
        print(f"  skipped: no corpus at {CORPUS}")
    print(f"\nbenchmark took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
