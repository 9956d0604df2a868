"""``remediator github manifest --serve``: GitHub's "register an App from a manifest" flow end to end
on the operator's machine. A one-shot server on 127.0.0.1 shows a page whose form POSTs the manifest
to GitHub (a person clicks; GitHub asks them to confirm); GitHub sends the browser back to
``/callback?code=...&state=...``; the server checks the state (so no other page can feed it a code),
exchanges the code for the App's id, private key and webhook secret (``github convert``), writes them
where ``convert`` does, shows where, and stops. Nothing secret is printed or shown.
"""

from __future__ import annotations

import html
import json
import secrets
import threading
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bot.cli.admin import convert_manifest
from bot.config.settings import Settings
from bot.core.links import github_web_url
from bot.errors import InputError, RemediatorError
from bot.hosts.github_manifest import app_manifest

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Create the Remediator GitHub App</title></head>
<body><h1>Create the Remediator GitHub App</h1>
<p>The button sends this least-privilege manifest to {target}; GitHub asks you to confirm, creates
the App and brings you back here, where its id, key and webhook secret are saved.</p>
<form method="post" action="{action}">
<input type="hidden" name="manifest" value="{manifest}">
<button type="submit">Create the GitHub App on GitHub</button>
</form>
<pre>{shown}</pre>
</body></html>
"""


class ManifestFlow:
    """The state of one registration: the manifest, the expected ``state`` and the result."""

    def __init__(
        self, settings: Settings, webhook_url: str, name: str, org: str | None, out: Path | None
    ) -> None:
        self.settings = settings
        self.out = out
        self.state = secrets.token_urlsafe(24)
        self.webhook_url = webhook_url
        self.name = name
        self.org = org
        self.result: str | None = None
        self.error: str | None = None
        self.done = threading.Event()
        self.port = 0
        self._lock = threading.Lock()

    def page(self) -> str:
        redirect = f"http://127.0.0.1:{self.port}/callback"
        manifest = json.dumps(app_manifest(self.webhook_url, name=self.name, redirect_url=redirect))
        base = github_web_url(self.settings.github_api_url)
        where = f"/organizations/{urllib.parse.quote(self.org, safe='')}" if self.org else ""
        action = f"{base}{where}/settings/apps/new?state={self.state}"
        return PAGE.format(
            target=html.escape(base),
            action=html.escape(action),
            manifest=html.escape(manifest),
            shown=html.escape(json.dumps(json.loads(manifest), indent=2)),
        )

    def callback(self, query: dict[str, list[str]]) -> tuple[int, str]:
        code = (query.get("code") or [""])[-1]
        state = (query.get("state") or [""])[-1]
        if not secrets.compare_digest(state, self.state):
            return 400, "This link was not started by this server (state mismatch): nothing was created."
        with self._lock:  # one exchange only: a second callback (even with the state) creates nothing
            if self.done.is_set():
                return 409, "This registration has finished already: nothing more was created."
            try:
                self.result = convert_manifest(code, self.settings, self.out)
            except (InputError, RemediatorError) as exc:
                self.error = str(exc)
                return 502, f"GitHub's code could not be exchanged: {exc}"
            finally:
                self.done.set()
            return 200, self.result


def _handler(flow: ManifestFlow) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            if self.headers.get("Host", "") != f"127.0.0.1:{flow.port}":
                # DNS rebinding: a web page whose name now resolves to 127.0.0.1 must not read the
                # state from the page, nor hand the callback a code for an App its author made
                self._send(421, "use http://127.0.0.1:PORT/ as printed", "text/plain")
            elif url.path == "/":
                self._send(200, flow.page(), "text/html")
            elif url.path == "/callback":
                status, text = flow.callback(urllib.parse.parse_qs(url.query))
                body = f"<!doctype html><meta charset='utf-8'><pre>{html.escape(text)}</pre>"
                self._send(status, body, "text/html")
            else:
                self._send(404, "not found", "text/plain")

        def _send(self, status: int, body: str, kind: str) -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Content-Security-Policy", "default-src 'none'; form-action https: http:")
            self.send_header("Referrer-Policy", "no-referrer")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            return  # the callback's query holds the code: never logged

    return Handler


def serve_manifest(
    flow: ManifestFlow,
    *,
    port: int = 0,
    ready: Callable[[str], None] = print,
    timeout: float | None = None,
) -> int:
    """Serve until the App is created (0) or the exchange failed (1); ``ready`` gets the page URL."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(flow))
    flow.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, name="manifest-serve", daemon=True)
    thread.start()
    try:
        ready(f"http://127.0.0.1:{flow.port}/")
        flow.done.wait(timeout)
    finally:
        server.shutdown()
        server.server_close()
    if flow.result is not None:
        return 0
    return 1
