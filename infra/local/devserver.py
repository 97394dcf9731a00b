"""The one-origin dev server, as CloudFront in production: `/api/*` goes to the Chalice app, the rest
is `static_site/`. `/dev/*` (the outbox) and `/api/openapi.json` exist only here.

API requests run one at a time: Chalice keeps the current request on the global app object.
"""
from __future__ import annotations

import base64
import json
import sys
import threading
import time
import traceback
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from chalice import Chalice
from chalice.config import Config
from chalice.local import LocalGateway, LocalGatewayException, RouteMatcher

from . import openapi, outbox, uploads
from .headers import HTML_CACHE_CONTROL, SECURITY_HEADERS

Headers = list[tuple[str, str]]

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}
ASSETS = Path(__file__).resolve().parent / "assets"
MAX_BODY_BYTES = 1024 * 1024
JSON_TYPE = "application/json; charset=utf-8"
_NOT_FOUND = {"error": "not_found", "message": "Niet gevonden."}
_TOO_LARGE = {"error": "body_too_large", "message": "Het verzoek is te groot."}
_BAD_LENGTH = {"error": "malformed_request", "message": "Het verzoek is ongeldig."}
_FAILED = {"error": "internal_error", "message": "Er ging iets mis. Probeer het later opnieuw."}
# The dev server sets these itself; the app's values would contradict the body it actually sends.
_OWN_HEADERS = {"content-length", "transfer-encoding", "connection"}


class DevServer(ThreadingHTTPServer):
    """Bound at construction (so the port is known and held); answers only after `open(app)`."""

    daemon_threads = True

    def __init__(self, host: str, port: int, static_root: Path):
        super().__init__((host, port), DevRequestHandler, bind_and_activate=False)
        try:
            self.server_bind()
        except OSError as error:
            self.server_close()
            raise OSError(error.errno, f"{host}:{port}: {error.strerror}") from error
        self.static_root = static_root.resolve()
        self.api_lock = threading.Lock()
        self._gateway: LocalGateway | None = None
        self._routes: RouteMatcher | None = None
        self._thread: threading.Thread | None = None
        self.moto_url = ""
        """Where moto's S3 answers: uploads to /dev/s3/ go on there (set by the stand-in)."""

    @property
    def port(self) -> int:
        return self.server_address[1]

    def open(self, app: Chalice) -> None:
        """Start answering, in a background thread."""
        self._gateway = LocalGateway(app, Config(chalice_stage="local"))
        self._routes = RouteMatcher(list(app.routes))
        self.server_activate()
        self._thread = threading.Thread(target=self.serve_forever, name="dev-server", daemon=True)
        self._thread.start()

    def close(self) -> None:
        if self._thread is not None:
            self.shutdown()
            self._thread.join()
        self.server_close()

    def api_route(self, path: str) -> str | None:
        """The route template a path matches (`/api/invitations/{token}`), or None."""
        assert self._routes is not None, "requests arrive only once open() has the app"
        try:
            return self._routes.match_route(path).route
        except ValueError:
            return None

    def call_api(self, method: str, path: str, headers: dict[str, str],
                 body: bytes | None) -> tuple[int, Headers, bytes]:
        assert self._gateway is not None, "requests arrive only once open() has the app"
        with self.api_lock:
            try:
                response = self._gateway.handle_request(method, path, headers, body)
            except LocalGatewayException as error:
                return error.CODE, _with_content_type(list(error.headers.items())), error.body or b""
        return _from_proxy_response(response)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _from_proxy_response(response: dict) -> tuple[int, Headers, bytes]:
    """API Gateway's reading of a proxy response: a header in both maps is sent once."""
    body = response.get("body") or b""
    if response.get("isBase64Encoded"):
        body = base64.b64decode(body)
    elif isinstance(body, str):
        body = body.encode("utf-8")
    multi = [(name, str(value)) for name, values in (response.get("multiValueHeaders") or {}).items()
             for value in values]
    sent = {(name.lower(), value) for name, value in multi}
    single = [(name, str(value)) for name, value in (response.get("headers") or {}).items()
              if (name.lower(), str(value)) not in sent]
    return response["statusCode"], _with_content_type(single + multi), body


def _with_content_type(headers: Headers) -> Headers:
    kept = [(name, value) for name, value in headers if name.lower() not in _OWN_HEADERS]
    if not any(name.lower() == "content-type" for name, _ in kept):
        kept.append(("Content-Type", "application/json"))
    return kept


def resolve_static(root: Path, url_path: str) -> Path | None:
    """The file a URL path names inside `root`, or None. `/` is index.html; as on CloudFront, no
    other directory has an index. Nothing outside `root` and no hidden file is ever served.
    """
    relative = unquote(url_path).lstrip("/") or "index.html"
    if "\x00" in relative or any(part.startswith(".") for part in relative.split("/")):
        return None
    candidate = (root / relative).resolve()
    if root not in candidate.parents or not candidate.is_file():
        return None
    return candidate


class DevRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "verzuimportaal-local"
    timeout = 120
    server: DevServer

    def _dispatch(self) -> None:
        started = time.monotonic()
        self._status = 0
        path = urlsplit(self.path).path or "/"
        if path == "/api" or path.startswith("/api/"):
            logged = self._api(path)
        elif path.startswith(uploads.PREFIX) and self.command == "POST":
            logged = uploads.PREFIX + "…"
            self._upload(path)
        elif path.startswith(uploads.PREFIX) and self.command in ("GET", "HEAD"):
            logged = uploads.PREFIX + "…"  # the link's signature stays out of the log
            self._download()
        elif path.startswith("/dev/"):
            logged = path
            self._dev(path)
        else:
            logged = path
            self._static(path)
        elapsed_ms = (time.monotonic() - started) * 1000
        sys.stderr.write(f"{self.command} {logged} {self._status} {elapsed_ms:.0f} ms\n")

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _dispatch

    def _api(self, path: str) -> str:
        """Returns the path to log: the route template, so no token in a path reaches the log."""
        raw_length = self.headers.get("Content-Length") or "0"
        if not raw_length.isdigit():
            self.close_connection = True
            self._send_json(400, _BAD_LENGTH)
            return "/api/…"
        if int(raw_length) > MAX_BODY_BYTES:
            self.close_connection = True
            self._send_json(413, _TOO_LARGE)
            return "/api/…"
        body = self.rfile.read(int(raw_length)) if int(raw_length) else None
        if path == "/api/openapi.json":
            if self._readonly_method():
                self._send_page(200, JSON_TYPE, openapi.text().encode("utf-8"), no_store=True)
            return path
        route = self.server.api_route(path)
        if route is None:
            self._send_json(404, _NOT_FOUND)
            return "/api/… (unknown)"
        try:
            status, headers, answer = self.server.call_api(self.command, self.path, self._request_headers(), body)
        except Exception:  # a fault outside the views (which Chalice answers itself): show it, answer 500
            traceback.print_exc()
            self._send_json(500, _FAILED)
        else:
            self._send(status, headers, answer)
        return route

    def _request_headers(self) -> dict[str, str]:
        """One value per header name, as API Gateway passes them (repeated cookies joined)."""
        merged: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            merged[key] = f"{merged[key]}{'; ' if key == 'cookie' else ', '}{value}" if key in merged else value
        return merged

    def _upload(self, path: str) -> None:
        """A presigned POST, as S3 takes it (uploads.py); then S3's ObjectCreated event runs the document check."""
        from chalicelib.services import documents
        from chalicelib.services.deps import default_deps
        from chalicelib.settings import get_settings

        raw_length = self.headers.get("Content-Length") or ""
        limit = get_settings().document_max_bytes + 64 * 1024
        if not raw_length.isdigit() or int(raw_length) > limit:
            self.close_connection = True
            self._send(400 if not raw_length.isdigit() else 413, [("Content-Type", "application/xml")],
                       uploads.refusal_xml("EntityTooLarge" if raw_length.isdigit() else "MissingContentLength"))
            return
        body = self.rfile.read(int(raw_length))
        bucket = path.removeprefix(uploads.PREFIX).strip("/")
        try:
            fields, data = uploads.form_fields(self.headers.get("Content-Type", ""), body)
            key = uploads.verify(bucket, fields, data)
        except (uploads.Refused, ValueError, KeyError) as refused:
            self._send(403, [("Content-Type", "application/xml")], uploads.refusal_xml(str(refused)))
            return
        uploads.store(self.server.moto_url, bucket, key, data, fields.get("Content-Type", ""))
        with self.server.api_lock:
            documents.handle_event(default_deps(), uploads.object_created(bucket, key, len(data)))
        self._send(204, [], b"")

    def _download(self) -> None:
        """A presigned GET, as S3 takes it (uploads.py): the object with the link's Content-Disposition."""
        try:
            download = uploads.verify_download(self.headers.get("Host", ""), self.path)
        except (uploads.Refused, ValueError, KeyError) as refused:
            self._send(403, [("Content-Type", "application/xml")], uploads.refusal_xml(str(refused)))
            return
        body = uploads.fetch(self.server.moto_url, download)
        if body is None:
            self._send(404, [("Content-Type", "application/xml")], uploads.refusal_xml("NoSuchKey"))
            return
        headers = [("Content-Type", download.content_type or "application/octet-stream"),
                   ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")]
        if download.content_disposition:
            headers.append(("Content-Disposition", download.content_disposition))
        self._send(200, headers, body)

    def _dev(self, path: str) -> None:
        if not self._readonly_method():
            return
        if path == "/dev/outbox":
            body = json.dumps(outbox.messages(), ensure_ascii=False, indent=2).encode("utf-8")
            self._send_page(200, JSON_TYPE, body, no_store=True)
        elif path == "/dev/outbox.html":
            self._send_page(200, CONTENT_TYPES[".html"], outbox.render_page(outbox.messages()).encode("utf-8"))
        elif path == "/dev/outbox.css":
            self._send_file(200, ASSETS / "outbox.css")
        else:
            self._not_found_page()

    def _static(self, path: str) -> None:
        if not self._readonly_method():
            return
        found = resolve_static(self.server.static_root, path)
        if found is None:
            self._not_found_page()
        else:
            self._send_file(200, found)

    def _readonly_method(self) -> bool:
        if self.command in ("GET", "HEAD"):
            return True
        self.close_connection = True  # the request body, if any, stays unread
        self._send_page(405, CONTENT_TYPES[".txt"], b"Methode niet toegestaan.\n",
                        [("Allow", "GET, HEAD")])
        return False

    def _not_found_page(self) -> None:
        page = self.server.static_root / "404.html"
        if page.is_file():
            self._send_file(404, page)
        else:
            self._send_page(404, CONTENT_TYPES[".txt"], b"Niet gevonden.\n")

    def _send_file(self, status: int, file: Path) -> None:
        content_type = CONTENT_TYPES.get(file.suffix.lower(), "application/octet-stream")
        self._send_page(status, content_type, file.read_bytes())

    def _send_page(self, status: int, content_type: str, body: bytes, extra: Sequence[tuple[str, str]] = (), *,
                   no_store: bool = False) -> None:
        """A static or /dev answer: the security headers; HTML is never stored, the rest revalidated."""
        no_store = no_store or content_type.startswith("text/html")
        headers = [*SECURITY_HEADERS.items(), ("Content-Type", content_type),
                   ("Cache-Control", HTML_CACHE_CONTROL if no_store else "no-cache"), *extra]
        self._send(status, headers, body)

    def _send_json(self, status: int, payload: dict) -> None:
        self._send(status, [("Content-Type", JSON_TYPE), ("Cache-Control", "no-store")],
                   json.dumps(payload, ensure_ascii=False).encode("utf-8"))

    def _send(self, status: int, headers: Headers, body: bytes) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def version_string(self) -> str:
        return self.server_version

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        """Called by send_response: keep the status for the one line `_dispatch` logs."""
        self._status = int(code)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the standard messages repeat the request line, query string included."""
