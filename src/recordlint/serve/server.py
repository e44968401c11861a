"""The loopback HTTP server behind `recordlint serve`, on the standard library's
``ThreadingHTTPServer``.

Every address is under a per-run token (``/TOKEN/``): the page, its script and style sheet,
and the API (``/TOKEN/api/check``, ``/TOKEN/api/fix``). A request whose ``Host`` header is
not this server's own address is refused (421), which stops a web page on another site from
reaching the server through a rebinding DNS name; a request without the token gets 404.
There are no CORS headers, the API takes only ``application/json`` by POST, and every
response forbids caching, framing and referrers, under a Content-Security-Policy that lets
the page load nothing but its own script and style sheet and talk to nothing but this
server. Request bodies over the size limit are refused (413) before they are read. Nothing
is logged: the note text is held only while a request is answered.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

from ..limits import MB
from .checker import Checker

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
ASSETS = {
    "": ("page.html", "text/html; charset=utf-8"),
    "page.css": ("page.css", "text/css; charset=utf-8"),
    "page.js": ("page.js", "text/javascript; charset=utf-8"),
    "favicon.svg": ("favicon.svg", "image/svg+xml"),
}
#: Longest child's name or note type accepted, in characters.
MAX_FIELD = 200


def is_loopback(host: str) -> bool:
    """Is ``host`` a loopback name or address?"""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` header values this server answers to."""
    names = {"127.0.0.1", "localhost", "[::1]"}
    names.add(f"[{host}]" if ":" in host else host)
    if host in ("0.0.0.0", "::"):  # every interface: the machine's own names and addresses
        try:
            name, aliases, addresses = socket.gethostbyname_ex(socket.gethostname())
        except OSError:
            name, aliases, addresses = socket.gethostname(), [], []
        names.update([name, *aliases, *addresses])
    return frozenset(n.lower() for name in names for n in (name, f"{name}:{port}"))


class ServeServer(ThreadingHTTPServer):
    """The server with what its handler needs: the checker, the token and the limits."""

    daemon_threads = True

    def __init__(
        self,
        host: str,
        port: int,
        checker: Checker,
        *,
        token: str | None = None,
        max_body: int = MB,
    ) -> None:
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), Handler)
        self.checker = checker
        self.token = token or secrets.token_urlsafe(24)
        self.max_body = max_body
        self.port = self.server_address[1]
        self.hosts = allowed_hosts(host, self.port)
        self.display_host = f"[{host}]" if ":" in host else host

    @property
    def url(self) -> str:
        """The page's address, token included."""
        shown = "127.0.0.1" if self.display_host in ("0.0.0.0", "[::]") else self.display_host
        return f"http://{shown}:{self.port}/{self.token}/"


class Handler(BaseHTTPRequestHandler):
    """One request. Refuses before it reads: wrong host, no token, too large a body."""

    server: ServeServer
    #: Seconds a connection may sit idle (or send its request slowly) before it is closed.
    timeout = 30
    server_version = "recordlint"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    #: Headers and body go out as two writes; without TCP_NODELAY the second waits for the
    #: client's delayed acknowledgement (about 40 ms on Linux) on every kept-alive request.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Nothing is logged: paths hold the token, bodies hold notes."""

    def log_error(self, format: str, *args: Any) -> None:  # noqa: A002
        """Not even errors: their arguments may quote the request."""

    # -- answers ---------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: dict[str, Any]) -> None:
        self._send(status, json.dumps(data).encode("utf-8"), "application/json")

    def _error(self, status: HTTPStatus, message: str) -> None:
        self.close_connection = True
        self._json(status, {"error": message})

    # -- checks ----------------------------------------------------------------------------

    def _route(self) -> str | None:
        """The path after the token, or None once the request has been refused."""
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in self.server.hosts:
            self._error(HTTPStatus.MISDIRECTED_REQUEST, "unknown Host header")
            return None
        path = self.path.split("?", 1)[0]
        token, _, rest = path.lstrip("/").partition("/")
        if not hmac.compare_digest(token.encode(), self.server.token.encode()):
            self._error(
                HTTPStatus.NOT_FOUND, "not found: open the address recordlint serve printed"
            )
            return None
        if not path.startswith(f"/{token}/") and rest == "":
            return "/"  # /TOKEN without the slash: the page's links need it
        return rest

    def do_GET(self) -> None:  # noqa: N802
        rest = self._route()
        if rest is None:
            return
        if rest == "/":
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", f"/{self.server.token}/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        asset = ASSETS.get(rest)
        if asset is None:
            self._error(HTTPStatus.NOT_FOUND, "not found")
            return
        name, content_type = asset
        body = resources.files(__package__).joinpath(name).read_bytes()
        self._send(HTTPStatus.OK, body, content_type)

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        rest = self._route()
        if rest is None:
            return
        if rest not in ("api/check", "api/fix"):
            self._error(HTTPStatus.NOT_FOUND, "not found")
            return
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type != "application/json":
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send the note as application/json")
            return
        try:
            length = int(self.headers.get("Content-Length") or "")
        except ValueError:
            self._error(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required")
            return
        if length < 0 or length > self.server.max_body:
            limit = self.server.max_body / MB
            self._error(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"the note is too long for the page: the limit is {limit:g} MB "
                "(use recordlint check for longer notes)",
            )
            return
        request = _parse(self.rfile.read(length))
        if isinstance(request, str):
            self._error(HTTPStatus.BAD_REQUEST, request)
            return
        text, child, note_type = request
        checker = self.server.checker
        if rest == "api/check":
            self._json(HTTPStatus.OK, checker.check(text, child, note_type))
        else:
            self._json(HTTPStatus.OK, checker.fix_all(text, child, note_type))

    def _refuse(self) -> None:
        if self._route() is not None:
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "method not allowed")

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse


def _parse(body: bytes) -> tuple[str, str | None, str | None] | str:
    """(text, child, note type) from a request body, or what is wrong with it."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "the request is not JSON"
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return 'the request needs {"text": "..."}'
    fields = []
    for key in ("child", "type"):
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > MAX_FIELD):
            return f"'{key}' must be text of at most {MAX_FIELD} characters"
        fields.append(value.strip() or None if isinstance(value, str) else None)
    return data["text"], fields[0], fields[1]
