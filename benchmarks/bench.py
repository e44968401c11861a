"""Speed and memory benchmark: figures measured in one run, with ratios against baselines.

    python benchmarks/bench.py            # the full run
    python benchmarks/bench.py --quick    # smaller exports and notes, for a quick look
    python benchmarks/bench.py --only throughput,huge   # some sections only
    python benchmarks/bench.py --only serve   # the warm path: `serve` and `lsp` latency

It needs the export generator ``../shared/bench/make_export.py`` beside the checkout and
says so (exit 0) when it is absent. Every ratio compares two things measured here, now, on the
same text, so a slow or busy machine shifts both sides alike. Throughput is measured on two
exports side by side: the generated one (built from template sentences, so about half its
sentences repeat) and a low-repetition variant of the same notes (``lowrep.py``).
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lowrep import name_pools, repeat_rate, vary  # noqa: E402

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


def run(
    command: list[str], *, measure_memory: bool = False, env: dict[str, str] | None = None
) -> tuple[float, int]:
    """Wall time of a command (and its peak RSS in bytes when asked)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    watcher = PeakRSS(process.pid) if measure_memory else None
    _, errors = process.communicate()
    elapsed = time.perf_counter() - start
    peak = watcher.stop() if watcher else 0
    if process.returncode not in (0, 1):
        raise SystemExit(f"command failed ({process.returncode}): {' '.join(command)}\n{errors}")
    return elapsed, peak


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the command and its children) of a command."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, _ = run(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_time(command: list[str], repeats: int = 5) -> float:
    return statistics.median(run(command)[0] for _ in range(repeats))


def recordlint(*args: str) -> list[str]:
    return [sys.executable, "-m", "recordlint", *args]


def naive_baseline(texts: list[str], model: str) -> float:
    """CPU seconds for the full spaCy pipeline (all components) over ``texts``, load
    excluded. CPU time, not wall time: other work on a shared machine does not count."""
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:20]))  # warm up
    start = time.process_time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.process_time() - start


def engine_only(texts: list[str], cache: int) -> float:
    """CPU seconds for the recordlint engine in this process over ``texts``, load excluded."""
    from recordlint.engine import Linter
    from recordlint.model import Note

    linter = Linter(parse_cache=cache)
    list(linter.lint_many(Note(text=t) for t in texts[:64]))  # load the model, warm up
    linter._parse_cache.clear()
    start = time.process_time()
    for _ in linter.lint_many(Note(text=t) for t in texts):
        pass
    return time.process_time() - start


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
    line("median per note", f"{median * 1000:.1f} ms", "target < 50 ms", median < 0.050)
    line("95th percentile per note", f"{p95 * 1000:.1f} ms", "target < 150 ms", p95 < 0.150)
    if around_300:
        worst = max(around_300)
        line(f"slowest of the {len(around_300)} notes of 250-350 words", f"{worst * 1000:.1f} ms",
             "target < 150 ms", worst < 0.150)  # fmt: skip
    line("one-shot recordlint check, a 300-word note (median of 5)", f"{one_shot:.2f} s")
    line("  ratio one-shot / warm median", f"{one_shot / median:,.0f}x")


def lsp_latency(notes: list[str], folder: Path) -> None:
    """Warm per-note latency of `recordlint lsp`, as an editor meets it: from sending a
    document (didOpen) to receiving its diagnostics, with pygls' own client on stdio."""
    import asyncio

    try:
        from lsprotocol import types
        from pygls.lsp.client import LanguageClient
    except ImportError:
        print("\n`recordlint lsp`: skipped (install recordlint[lsp] for pygls)")
        return

    async def measure() -> tuple[float, list[float]]:
        client = LanguageClient("recordlint-bench", "1")
        published: asyncio.Queue = asyncio.Queue()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            published.put_nowait(params)

        async def check(uri: str, text: str) -> float:
            start = time.perf_counter()
            client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)
                )
            )
            while (await asyncio.wait_for(published.get(), timeout=120)).uri != uri:
                pass
            return time.perf_counter() - start

        await client.start_io(*recordlint("lsp"))
        try:
            await client.initialize_async(
                types.InitializeParams(capabilities=types.ClientCapabilities(),
                                       root_uri=folder.as_uri())
            )  # fmt: skip
            client.initialized(types.InitializedParams())
            first = await check((folder / "warm-up.txt").as_uri(), PARAGRAPH)
            times = [
                await check((folder / f"note-{k}.txt").as_uri(), text)
                for k, text in enumerate(notes)
            ]
            await client.shutdown_async(None)
            client.exit(None)
        finally:
            await client.stop()
        return first, times

    first, times = asyncio.run(measure())
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"\n`recordlint lsp`: warm latency per note, didOpen to diagnostics ({len(notes)} notes)")
    line("first document (loads the model)", f"{first:.2f} s")
    line("median per note", f"{median * 1000:.1f} ms", "target < 50 ms", median < 0.050)
    line("95th percentile per note", f"{p95 * 1000:.1f} ms", "target < 150 ms", p95 < 0.150)


def line(label: str, value: str, target: str = "", met: bool | None = None) -> None:
    verdict = "" if met is None else ("  met" if met else "  MISSED")
    print(f"  {label:<58} {value:>18}  {target}{verdict}")


def write_jsonl(path: Path, rows: list[dict], texts: list[str]) -> Path:
    """The export's rows with their note text replaced by ``texts``."""
    with path.open("w", encoding="utf-8") as out:
        for row, text in zip(rows, texts, strict=True):
            out.write(json.dumps({**row, "text": text}, ensure_ascii=False) + "\n")
    return path


def side(label: str, values: list[str], target: str = "", met: bool | None = None) -> None:
    verdict = "" if met is None else ("  met" if met else "  MISSED")
    print(f"  {label:<50} {values[0]:>22} {values[1]:>22}  {target}{verdict}")


#: Where the engine's time goes, by the module that spends it (cProfile, own time).
COST_GROUPS = (
    ("spaCy parse (tok2vec, tagger, parser)", ("thinc", "spacy/pipeline/trainable", "numpy",
                                              "spacy/util", "spacy/language", "spacy/tokens",
                                              "spacy/pipeline/tok2vec", "spacy/ml",
                                              "spacy/tokenizer", "spacy/vocab", "spacy/strings",
                                              "spacy/lexeme", "tokenizer.pyx", "doc.pyx",
                                              "parser", "nn_parser", "tagger", "arc_eager",
                                              "transition", "_parser_internals")),
    ("attribute ruler and lemmatizer", ("attributeruler", "lemmatizer", "matcher")),
    ("term rules (prefilter and matching)", ("checks/terms.py",)),
    ("passive rule and its rewrite hints", ("checks/passive.py", "checks/rewrite.py")),
    ("rationale rule", ("checks/rationale.py",)),
    ("readability (grade, long sentences)", ("readability.py", "textstat", "pyphen",
                                            "checks/readability.py")),
    ("acronym rule", ("checks/acronym.py",)),
    ("child's-voice rule", ("checks/voice.py",)),
    ("analysis (sentences, quotes, names, words)", ("analysis.py",)),
    ("engine, findings, scoring", ("engine.py", "model.py", "scoring.py", "checks/base.py",
                                  "api.py")),
)  # fmt: skip


def profile_costs(texts: list[str]) -> list[tuple[str, float]]:
    """Share of the engine's CPU time per group of modules, largest first."""
    import cProfile
    import pstats

    from recordlint.batch.run import facts_of
    from recordlint.engine import Linter
    from recordlint.model import Note

    linter = Linter(parse_cache=0)
    list(linter.lint_many(Note(text=t) for t in texts[:64]))
    profiler = cProfile.Profile()
    profiler.enable()
    for result in linter.lint_many(Note(text=t) for t in texts):
        facts_of(result)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]

    def group_of(key: tuple[str, int, str]) -> str:
        where = f"{key[0]}:{key[2]}"
        for name, parts in COST_GROUPS:
            if any(part in where for part in parts):
                return name
        return "other"

    totals: dict[str, float] = {}
    for key, (_, _, own, _, callers) in stats.items():
        if key[0] == "~" and callers:  # a builtin (a regex search ...): its callers' cost
            for caller, (_, _, spent, _) in callers.items():
                group = group_of(caller)
                totals[group] = totals.get(group, 0.0) + spent
            continue
        group = group_of(key)
        totals[group] = totals.get(group, 0.0) + own
    whole = sum(totals.values()) or 1.0
    return sorted(((g, t / whole) for g, t in totals.items()), key=lambda kv: -kv[1])


def throughput(folder: Path, notes: int, naive_notes: int, model: str) -> None:
    print(f"\nThroughput: the generated export and its low-repetition variant ({notes:,} notes)")
    print("  (words/s of CPU time unless it says wall time; ratios to naive on the same export)")
    generated = make_export(notes, folder, "jsonl", seed=1)
    with generated.open(encoding="utf-8") as stream:
        rows = [json.loads(line) for line in stream]
    texts = [row["text"] for row in rows]
    varied, varier = vary(texts, name_pools(GENERATOR))
    lowrep = write_jsonl(folder / f"lowrep-{notes}.jsonl", rows, varied)
    kinds = {"generated": (generated, texts), "low-repetition": (lowrep, varied)}
    side("", list(kinds))
    side("words", [f"{words(t):,}" for _, t in kinds.values()])
    repeats = [f"{repeat_rate(t):.1%}" for _, t in kinds.values()]
    side("sentences that repeat an earlier one", repeats, "target < 5% (low-repetition)",
         repeat_rate(varied) < 0.05)  # fmt: skip
    print(f"  (the variant reordered {varier.reordered:,} and gave an opening phrase to "
          f"{varier.opened:,} of {varier.sentences:,} sentences)")  # fmt: skip
    rate: dict[str, dict[str, float]] = {kind: {} for kind in kinds}
    for kind, (path, body) in kinds.items():
        sample = body[:naive_notes]
        rate[kind]["naive"] = words(sample) / naive_baseline(sample, model)
        rate[kind]["uncached"] = words(sample) / engine_only(sample, cache=0)
        rate[kind]["cached"] = words(sample) / engine_only(sample, cache=2048)
        one, one_cpu = timed(recordlint("batch", str(path), "--jobs", "1", "--quiet"))
        two, _ = run(recordlint("batch", str(path), "--jobs", "2", "--quiet"))
        rate[kind]["one"], rate[kind]["two"] = words(body) / one, words(body) / two
        rate[kind]["one_cpu"] = words(body) / one_cpu
        rate[kind]["notes_one"] = len(body) / one_cpu
    values = [rate[k] for k in kinds]
    side(f"naive: spaCy, all components, nlp.pipe (first {naive_notes})",
         [f"{v['naive']:,.0f} words/s" for v in values])  # fmt: skip
    for key, label in (("uncached", "engine, no sentence cache (same notes)"),
                       ("cached", "engine, with the sentence cache (same notes)")):  # fmt: skip
        side(label, [f"{v[key]:,.0f} ({v[key] / v['naive']:.1f}x)" for v in values])
    single = values[1]["one_cpu"] / values[1]["naive"]
    side("batch --jobs 1 (whole command, every note; CPU time)",
         [f"{v['one_cpu']:,.0f} ({v['one_cpu'] / v['naive']:.1f}x)" for v in values],
         "target >= 10x (low-repetition)", single >= 10)  # fmt: skip
    side("", [f"{v['notes_one']:,.0f} notes/s" for v in values])
    side("batch --jobs 1, wall time", [f"{v['one']:,.0f} words/s" for v in values])
    scaling = values[1]["two"] / values[1]["one"]
    side("batch --jobs 2, wall time",
         [f"{v['two']:,.0f} ({v['two'] / v['one']:.2f}x -j1)" for v in values],
         "target >= 1.8x on an idle machine", scaling >= 1.8)  # fmt: skip
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"  (load average {load:.1f} on {os.cpu_count()} CPUs: --jobs 2 shows scaling only "
          "when the machine is otherwise idle)")  # fmt: skip

    print("\nWhere the engine's CPU time goes (cProfile, low-repetition text)")
    for group, part in profile_costs(varied[: max(300, naive_notes // 2)]):
        line(group, f"{part:.0%}")


def peak_memory(folder: Path, small: int, large: int) -> None:
    print("\nPeak memory (main process and workers, --jobs 2)")
    small_csv = make_export(small, folder, "csv", seed=1)
    large_csv = make_export(large, folder, "csv", seed=1)
    small_time, small_rss = run(
        recordlint("batch", str(small_csv), "--jobs", "2", "--quiet"), measure_memory=True
    )
    large_time, large_rss = run(
        recordlint("batch", str(large_csv), "--jobs", "2", "--quiet"), measure_memory=True
    )
    line(f"{small:,} notes", f"{small_rss / 2**20:,.0f} MB", f"{small_time:.0f} s")
    line(f"{large:,} notes", f"{large_rss / 2**20:,.0f} MB", f"{large_time:.0f} s")
    ratio = large_rss / small_rss
    line("  ratio", f"{ratio:.2f}x", "target <= 1.2x", ratio <= 1.2)
    line("  under 1 GB", f"{large_rss / 2**30:.2f} GB", "target < 1 GB", large_rss < 2**30)


def start_up(folder: Path, model: str) -> None:
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


def huge_notes(folder: Path, sizes: list[int]) -> None:
    from recordlint.checks.packs import build_rules
    from recordlint.config import Config

    print("\nOne huge note (low-repetition text): check --format jsonl --output FILE")
    generated = make_export(5_000, folder, "jsonl", seed=2)
    with generated.open(encoding="utf-8") as stream:
        texts = [json.loads(line)["text"] for line in stream]
    body = "\n\n".join(vary(texts, name_pools(GENERATOR))[0])
    env = {**os.environ, "RECORDLINT_MAX_NOTE_MB": str(max(sizes) // 2**20 + 10)}
    previous = None
    for size in sizes:
        path = folder / f"huge-{size}.txt"
        path.write_text((body * (size // len(body) + 1))[:size], encoding="utf-8")
        out = folder / f"huge-{size}.jsonl"
        elapsed, peak = run(
            recordlint("check", str(path), "--format", "jsonl", "--output", str(out)),
            measure_memory=True,
            env=env,
        )
        with out.open(encoding="utf-8") as stream:
            rows = [json.loads(row)["rule"] for row in stream]
        note_level = {r.meta.code for r in build_rules(Config()) if r.note_level}
        repeated = max((rows.count(code) for code in note_level), default=0)
        per_mb = elapsed / (size / 2**20)
        growth = f"{per_mb / previous:.2f}x the s/MB of the last" if previous else ""
        line(f"{size / 2**20:,.0f} MB: {len(rows):,} findings, note-level at most {repeated}x",
             f"{elapsed:.0f} s, {peak / 2**20:,.0f} MB", growth + "  target < 500 MB",
             peak < 500 * 2**20)  # fmt: skip
        previous = per_mb
        path.unlink()
        out.unlink()


def accuracy() -> None:
    print("\nAccuracy on the development corpus (speed is never bought with accuracy)")
    if not CORPUS.exists():
        print(f"  skipped: no corpus at {CORPUS}")
        return
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


SECTIONS = ("throughput", "memory", "startup", "huge", "serve", "accuracy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller exports and notes")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections: {', '.join(SECTIONS)}")  # fmt: skip
    parser.add_argument("--huge-mb", default="",
                        help="huge note sizes in MB (default 10,50,100; quick 1,2,4)")  # fmt: skip
    options = parser.parse_args()
    chosen = {s.strip() for s in options.only.split(",") if s.strip()}
    if chosen - set(SECTIONS):
        parser.error(f"unknown section(s): {', '.join(sorted(chosen - set(SECTIONS)))}")
    sys.stdout.reconfigure(line_buffering=True)
    if not GENERATOR.exists():
        print(f"benchmark skipped: the export generator is not at {GENERATOR}")
        return
    from recordlint.nlp import resolve_model

    model = resolve_model(None)
    small, large = (2_000, 20_000) if options.quick else (10_000, 100_000)
    naive_notes = 300 if options.quick else 600
    mb = 2**20
    sizes = [1 * mb, 2 * mb, 4 * mb] if options.quick else [10 * mb, 50 * mb, 100 * mb]
    if options.huge_mb:
        sizes = [int(float(size) * mb) for size in options.huge_mb.split(",")]
    started = time.perf_counter()
    python = sys.version.split()[0]
    print(f"recordlint benchmark: {os.cpu_count()} CPUs, model {model}, Python {python}")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        if "throughput" in chosen:
            throughput(folder, small, naive_notes, model)
        if "memory" in chosen:
            peak_memory(folder, small, large)
        if "startup" in chosen:
            start_up(folder, model)
        if "huge" in chosen:
            huge_notes(folder, sizes)
        if "serve" in chosen:
            texts = read_texts(make_export(2_000, folder, "jsonl", seed=3))
            notes = serve_notes(vary(texts, name_pools(GENERATOR))[0])  # low-repetition
            serve_latency(notes, folder)
            lsp_latency(notes, folder)
    if "accuracy" in chosen:
        accuracy()
    print(f"\nbenchmark took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
