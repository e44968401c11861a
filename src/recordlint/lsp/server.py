"""The Language Server: diagnostics on open and change, hover hints, safe fixes as code actions.

Only ``.txt`` and ``.md`` files are checked (and unsaved documents an editor calls plain text
or Markdown). Each document is checked with the configuration found upward from its own
folder, as `recordlint check` finds it from the current one; one engine is kept per
configuration file, so the model loads once. A configuration that cannot be read is shown as
one error at the top of the document. Nothing is written or logged: the server only answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..config import Config, load_config
from ..engine import Linter
from ..errors import RecordlintError
from ..fix import fix_text, plan_fixes
from ..model import Finding, Note, NoteResult
from .positions import Positions

SOURCE = "recordlint"
#: The files checked: plain-text and Markdown notes (as `check` finds in a folder).
LSP_SUFFIXES = (".txt", ".md")
LANGUAGES = frozenset({"plaintext", "markdown"})
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


class RecordlintServer(LanguageServer):
    """pygls' server with the engines and the last results, per document."""

    def __init__(self) -> None:
        super().__init__(SOURCE, __version__)
        self.linters: dict[Path | None, Linter] = {}
        self.results: dict[str, tuple[str, NoteResult]] = {}

    def wanted(self, uri: str, language: str | None) -> bool:
        """Is this a document recordlint checks?"""
        parsed = urlparse(uri)
        if parsed.scheme == "file":
            return unquote(parsed.path).lower().endswith(LSP_SUFFIXES)
        return language in LANGUAGES

    def linter_for(self, uri: str) -> Linter:
        """The engine for a document's configuration (found from its folder)."""
        parsed = urlparse(uri)
        folder = Path(unquote(parsed.path)).parent if parsed.scheme == "file" else Path.cwd()
        config = load_config(discover_from=folder) if folder.is_dir() else Config()
        key = config.source
        cached = self.linters.get(key)
        if cached is None or cached.config != config:
            cached = self.linters[key] = Linter(config)
        return cached

    def check(self, uri: str, text: str) -> list[types.Diagnostic]:
        """Lint a document, remember the result, and return its diagnostics."""
        try:
            linter = self.linter_for(uri)
        except RecordlintError as exc:
            self.results.pop(uri, None)
            return [_problem(str(exc))]
        result = linter.lint(Note(text=text, path=uri, child=linter.config.child))
        self.results[uri] = (text, result)
        at = Positions(text)
        return [_diagnostic(f, at) for f in result.findings]


def _range(at: Positions, start: int, end: int) -> types.Range:
    (line, char), (end_line, end_char) = at.position(start), at.position(end)
    return types.Range(types.Position(line, char), types.Position(end_line, end_char))


def _diagnostic(finding: Finding, at: Positions) -> types.Diagnostic:
    return types.Diagnostic(
        range=_range(at, finding.start, finding.end),
        message=f"{finding.message}\nHint: {finding.hint}",
        severity=SEVERITY[finding.severity.value],
        code=finding.rule,
        source=SOURCE,
        data={"name": finding.name, "category": finding.category},
    )


def _problem(message: str) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


server = RecordlintServer()


def _publish(uri: str, text: str | None) -> None:
    diagnostics = server.check(uri, text) if text is not None else []
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics)
    )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: RecordlintServer, params: types.DidOpenTextDocumentParams) -> None:
    document = params.text_document
    if ls.wanted(document.uri, document.language_id):
        _publish(document.uri, document.text)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: RecordlintServer, params: types.DidChangeTextDocumentParams) -> None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    if ls.wanted(document.uri, document.language_id):
        _publish(document.uri, document.source)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: RecordlintServer, params: types.DidSaveTextDocumentParams) -> None:
    """A saved configuration file may change the findings: check the document again."""
    document = ls.workspace.get_text_document(params.text_document.uri)
    if ls.wanted(document.uri, document.language_id):
        _publish(document.uri, document.source)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: RecordlintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.results.pop(uri, None)
    if ls.wanted(uri, None):
        _publish(uri, None)


def _current(ls: RecordlintServer, uri: str) -> tuple[str, NoteResult] | None:
    """The last result for a document, re-checked if the text has changed since."""
    document = ls.workspace.get_text_document(uri)
    if not ls.wanted(uri, document.language_id):
        return None
    cached = ls.results.get(uri)
    if cached is None or cached[0] != document.source:
        ls.check(uri, document.source)
        cached = ls.results.get(uri)
    return cached


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: RecordlintServer, params: types.HoverParams) -> types.Hover | None:
    current = _current(ls, params.text_document.uri)
    if current is None:
        return None
    text, result = current
    at = Positions(text)
    offset = at.offset(params.position.line, params.position.character)
    here = [f for f in result.findings if f.start <= offset < max(f.end, f.start + 1)]
    if not here:
        return None
    parts = [f"**{f.rule} {f.name}** ({f.severity.value}): {f.message}\n\n{f.hint}" for f in here]
    first = min(f.start for f in here)
    last = max(f.end for f in here)
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        ),
        range=_range(at, first, last),
    )


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
    ),
)
def code_action(ls: RecordlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    current = _current(ls, uri)
    if current is None:
        return []
    text, result = current
    at = Positions(text)
    start = at.offset(params.range.start.line, params.range.start.character)
    end = at.offset(params.range.end.line, params.range.end.character)
    linter = ls.linter_for(uri)
    names = [n for n in (linter.config.child,) if n]
    actions: list[types.CodeAction] = []
    only = params.context.only
    edits = plan_fixes(text, result.findings, names=names)
    if not only or types.CodeActionKind.QuickFix in only:
        for edit in edits:
            if edit.start <= end and start <= edit.end:
                change = types.TextEdit(range=_range(at, edit.start, edit.end), new_text=edit.new)
                actions.append(
                    types.CodeAction(
                        title=f"Replace “{edit.old}” with “{edit.new}” ({edit.rule})",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[
                            d
                            for d in params.context.diagnostics
                            if d.source == SOURCE and d.code == edit.rule
                        ],
                        is_preferred=True,
                        edit=types.WorkspaceEdit(changes={uri: [change]}),
                    )
                )
    if edits and (not only or types.CodeActionKind.SourceFixAll in only):
        fixed = _fix_all(linter, text, names)
        if fixed != text:
            whole = types.TextEdit(range=_range(at, 0, len(text)), new_text=fixed)
            actions.append(
                types.CodeAction(
                    title="Apply all safe recordlint fixes",
                    kind=types.CodeActionKind.SourceFixAll,
                    edit=types.WorkspaceEdit(changes={uri: [whole]}),
                )
            )
    return actions


def _fix_all(linter: Linter, text: str, names: list[str]) -> str:
    def lint(current: str) -> list[Finding]:
        return linter.lint(Note(text=current, child=linter.config.child)).findings

    return fix_text(text, lint, names=names).text


def run() -> Any:
    """Serve over standard input and output until the editor says exit."""
    server.start_io()
