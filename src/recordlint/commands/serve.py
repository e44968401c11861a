"""`recordlint serve`: the local web page for checking a note as it is written."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .options import Child, ConfigPath, NoteType


def serve(
    port: Annotated[
        int, typer.Option("--port", "-p", min=0, max=65535, help="Port (default: a free one).")
    ] = 0,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help="Address to listen on (default 127.0.0.1). Anything but loopback is a risk.",
        ),
    ] = None,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the page in the web browser.")
    ] = False,
    config: ConfigPath = None,
    child: Child = None,
    note_type: NoteType = None,
) -> None:
    """Serve a local page that checks a note as you type (loopback only)."""
    from ..config import load_config
    from ..errors import RecordlintError
    from ..limits import current
    from ..serve.checker import Checker
    from ..serve.server import ServeServer, is_loopback

    settings = load_config(config)
    if child:
        settings.child = child
    if note_type:
        settings.note_type = note_type
    address = host or "127.0.0.1"
    if host is not None and not is_loopback(host):
        print(
            f"recordlint: warning: serving on {host}, not just this computer: anyone who can "
            "reach it and learns the address can check notes through it",
            file=sys.stderr,
        )
    checker = Checker(settings)
    try:
        server = ServeServer(address, port, checker, max_body=current().request_bytes)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RecordlintError(f"cannot listen on {address}:{port}: {reason}") from None
    print("recordlint serve: loading the language model...", file=sys.stderr, flush=True)
    checker.warm_up()
    print(f"recordlint serve: open {server.url}  (Ctrl+C to stop)", flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("recordlint serve: stopped", file=sys.stderr)
    finally:
        server.server_close()


def register(app: typer.Typer) -> None:
    """Add `serve` to the app."""
    app.command("serve")(serve)
