"""`recordlint lsp` as an editor runs it: a subprocess on stdio, driven by pygls' client."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from recordlint.lsp.positions import Positions  # noqa: E402

# line 0 has a character outside the BMP before the jargon: UTF-16 counts it as two units
NOTE = (
    "Visit to Noor (7) 🌈 at her foster placement on Friday.\n"
    "It was decided that contact with mum will move to the FC.\n"
    'Noor said "I like the contact centre" and showed me her LEGO.\n'
)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (from last to first) to ``text``, as an editor does."""
    at = Positions(text)
    spans = [
        (
            at.offset(e.range.start.line, e.range.start.character),
            at.offset(e.range.end.line, e.range.end.character),
            e.new_text,
        )
        for e in edits
    ]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


class Session:
    """A client talking to one server process, collecting published diagnostics."""

    def __init__(self) -> None:
        self.client = LanguageClient("recordlint-test", "1")
        self.published: dict[str, asyncio.Queue] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.queue(params.uri).put_nowait(params.diagnostics)

    def queue(self, uri: str) -> asyncio.Queue:
        return self.published.setdefault(uri, asyncio.Queue())

    async def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        return await asyncio.wait_for(self.queue(uri).get(), timeout=60)


async def scenario(folder: Path) -> None:
    session = Session()
    client = session.client
    await client.start_io(sys.executable, "-m", "recordlint", "lsp")
    try:
        await client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                root_uri=folder.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="notes")],
            )
        )
        client.initialized(types.InitializedParams())
        uri = (folder / "team" / "noor.txt").as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=NOTE)
            )
        )
        diagnostics = await session.diagnostics(uri)
        by_code: dict[str, list[types.Diagnostic]] = {}
        for d in diagnostics:
            by_code.setdefault(str(d.code), []).append(d)
            assert d.source == "recordlint" and "Hint:" in d.message

        # "placement" on line 0, after the rainbow (one character, two UTF-16 units)
        placement = by_code["RL101"][0]
        start = utf16(NOTE[: NOTE.index("placement")])
        assert start == NOTE.index("placement") + 1
        assert placement.range.start == types.Position(0, start)
        assert placement.range.end == types.Position(0, start + len("placement"))
        # "It was decided" at the start of line 1
        passive = by_code["RL320"][0]
        assert passive.range.start == types.Position(1, 0)
        assert passive.range.end == types.Position(1, len("It was decided"))
        assert passive.severity == types.DiagnosticSeverity.Warning
        # the config found beside the file (one folder up) adds a local term and turns
        # off the acronym rule, which would otherwise flag "FC" and "LEGO"
        local = by_code["RL190"][0]
        line1 = NOTE.split("\n")[1]
        assert local.range.start == types.Position(1, line1.index("FC"))
        assert "RL111" not in by_code
        # what Noor said (in quotation marks) is left alone
        assert all(d.range.start.line != 2 for d in diagnostics if d.code == "RL101")

        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(1, line1.index("contact") + 2),
            )
        )
        assert hover is not None and "family time" in hover.contents.value

        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=local.range,
                context=types.CodeActionContext(
                    diagnostics=[local], only=[types.CodeActionKind.QuickFix]
                ),
            )
        )
        assert actions, "no code action for the local term"
        action = actions[0]
        assert action.kind == types.CodeActionKind.QuickFix and list(action.diagnostics) == [local]
        changed = apply(NOTE, action.edit.changes[uri])
        assert "move to the family centre." in changed

        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)],
            )
        )
        after = await session.diagnostics(uri)
        assert "RL190" not in {d.code for d in after}
        assert {"RL101", "RL320", "RL401"} <= {d.code for d in after}

        fix_all = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                context=types.CodeActionContext(
                    diagnostics=[], only=[types.CodeActionKind.SourceFixAll]
                ),
            )
        )
        assert [a.kind for a in fix_all] == [types.CodeActionKind.SourceFixAll]
        fixed = apply(changed, fix_all[0].edit.changes[uri])
        assert "foster home" in fixed and "family time with mum" in fixed
        assert '"I like the contact centre"' in fixed

        # a folder whose configuration is broken: one error at the top, naming the file
        broken = (folder / "broken" / "note.md").as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(broken, "markdown", 1, "It was decided.\n")
            )
        )
        (problem,) = await session.diagnostics(broken)
        assert problem.severity == types.DiagnosticSeverity.Error
        assert ".recordlint.yaml:1" in problem.message and "colour" in problem.message
        assert problem.range.start == types.Position(0, 0)

        # other files are not checked; a closed document's diagnostics are cleared
        other = (folder / "script.py").as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(other, "python", 1, "# It was decided. LAC review.")
            )
        )
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri=uri))
        )
        assert list(await session.diagnostics(uri)) == []
        assert session.queue(other).empty()
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()


def test_lsp_over_stdio(tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / ".recordlint.yaml").write_text("colour: blue\n", encoding="utf-8")
    (tmp_path / ".recordlint.yaml").write_text(
        "ignore: [RL111]\njargon:\n  - term: FC\n    suggest: family centre\n    safe: true\n",
        encoding="utf-8",
    )
    asyncio.run(scenario(tmp_path))


def test_positions_follow_the_protocol():
    text = "a🌈b\r\nc\rd\n\x0ce"
    at = Positions(text)
    assert at.position(text.index("b")) == (0, 3)
    assert at.position(text.index("c")) == (1, 0)
    assert at.position(text.index("d")) == (2, 0)
    assert at.position(text.index("e")) == (3, 1)  # a form feed is not a line break
    assert at.offset(0, 3) == text.index("b") and at.offset(0, 99) == text.index("\r")
    assert at.offset(9, 0) == len(text)


def test_without_pygls_the_command_says_how_to_install_it():
    code = (
        "import sys\n"
        "sys.modules['pygls'] = None  # as if it were not installed\n"
        "from recordlint.cli import main\n"
        "sys.argv = ['recordlint', 'lsp']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "recordlint: error: recordlint lsp needs pygls: "
        "install it with pip install 'recordlint[lsp]'"
    )
