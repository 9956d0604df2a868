"""A worker's own ``/metrics`` (``REMEDIATOR_WORKER_METRICS_PORT``): for workers whose samples no web
process reads (another host, another pod). The same rules as the web's endpoint: a bearer token
(``REMEDIATOR_METRICS_TOKEN``; 401 without it, 404 while none is set), Prometheus's text format,
nothing else served. Standard library HTTP on a daemon thread; imports no web framework."""

from __future__ import annotations

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST

from bot.obs.metrics import QueueStats, render, scrape_allowed

logger = logging.getLogger(__name__)


class MetricsServer:
    """``GET /metrics`` on ``host:port`` until ``stop``; ``port`` is the bound one (0 picks one)."""

    def __init__(self, host: str, port: int, token: str, queue_stats: QueueStats) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path.split("?", 1)[0] != "/metrics" or not token:
                    self._send(404, b"not found\n", "text/plain")
                    return
                if not scrape_allowed(self.headers.get("Authorization", ""), token):
                    self._send(401, b"a bearer token is required\n", "text/plain")
                    return
                self._send(200, render(queue_stats), CONTENT_TYPE_LATEST)

            def _send(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return  # scrapes are not log lines

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, name="worker-metrics", daemon=True)

    def start(self) -> MetricsServer:
        self._thread.start()
        logger.info("worker metrics on port %d (/metrics)", self.port)
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
