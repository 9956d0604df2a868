"""Flask app factory: ``create_app(settings=None)``; nothing happens at import time.

Must not import openai, PyGithub, python-gitlab, semgrep or bandit (a test checks ``sys.modules``).
"""

from __future__ import annotations

import logging

from flask import Flask, Response, abort, current_app, jsonify, render_template, request
from gunicorn.glogging import Logger as _GunicornLogger
from prometheus_client import CONTENT_TYPE_LATEST as CONTENT_TYPE
from werkzeug.exceptions import HTTPException

from bot.config.settings import Settings
from bot.core.clock import Clock
from bot.errors import ConfigError, Retryable
from bot.jobqueue import JobQueue, SystemClock, open_queue
from bot.obs import metrics
from bot.obs.logs import JsonLineFormatter, configure_logging
from bot.store.bootstrap import engine_for
from webhooks.dashboard import auth
from webhooks.dashboard.api import bp as api_bp
from webhooks.dashboard.pages import bp as dashboard_bp
from webhooks.intake.common import count_delivery
from webhooks.intake.github import bp
from webhooks.intake.gitlab import bp as gitlab_bp
from webhooks.intake.signatures import load_project_secrets

logger = logging.getLogger(__name__)
GUNICORN_LOGGER = "webhooks.app.GunicornLogger"
"""gunicorn's ``--logger-class`` for the web service (the image, compose, Kubernetes, ``serve``)."""


class GunicornLogger(_GunicornLogger):  # type: ignore[misc]  # gunicorn ships no type hints
    """gunicorn's own lines (the arbiter's: start, worker boots and timeouts, signals; the access log)
    as JSON objects too when ``REMEDIATOR_LOG_FORMAT=json``, so a service's log is JSON throughout;
    with ``text`` they keep gunicorn's format (time, pid, level, message)."""

    def setup(self, cfg: object) -> None:
        super().setup(cfg)
        try:
            json_lines = Settings.from_env().log_format == "json"
        except ConfigError:
            return  # the app refuses the bad setting, with its reason, when a worker loads it
        if json_lines:
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(JsonLineFormatter())


def create_app(
    settings: Settings | None = None, *, queue: JobQueue | None = None, clock: Clock | None = None
) -> Flask:
    """The web application; ``settings`` default to the environment, read once here.

    ``queue`` defaults to the one the settings name (tests may pass their own); ``clock`` (the
    dashboard's ages, SLA and history times) defaults to the system clock.
    """
    if settings is None:  # the process's entry point (gunicorn): settings and logging from the environment
        settings = Settings.from_env()
        configure_logging(settings, service=True)
        metrics.enable(settings)  # every gunicorn worker writes its samples to the shared directory
        if not settings.db_auto_upgrade:
            engine_for(settings)  # an old schema is refused now, with its reason, not on first use
    app = Flask("remediator")
    app.config["REMEDIATOR_SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.extensions["remediator.queue"] = queue or open_queue(settings)
    app.after_request(count_delivery)  # webhook routes only
    app.register_blueprint(bp)
    app.extensions["remediator.gitlab_secrets"] = load_project_secrets(settings.gitlab_webhook_secrets_file)
    app.register_blueprint(gitlab_bp)
    app.extensions["remediator.clock"] = clock or SystemClock()
    auth.configure(app, settings)  # session key and cookie flags; the sign-in pages
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(api_bp)
    app.add_url_rule("/metrics", "metrics", _metrics)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Retryable, _storage_unavailable)
    app.register_error_handler(ConfigError, _storage_unavailable)
    app.register_error_handler(Exception, _unexpected_error)
    return app


JSON_PREFIXES = ("/api/", "/webhooks/", "/healthz", "/readyz", "/metrics")
OLDEST_SCAN = 1000  # queued jobs read to find the oldest one


def _metrics() -> Response:
    """Prometheus exposition for scrapers holding ``REMEDIATOR_METRICS_TOKEN`` (404 when unset)."""
    settings: Settings = current_app.config["REMEDIATOR_SETTINGS"]
    if not settings.metrics_token:
        abort(404)
    if not metrics.scrape_allowed(request.headers.get("Authorization", ""), settings.metrics_token):
        abort(401, description="a bearer token is required")
    queue: JobQueue = current_app.extensions["remediator.queue"]
    return Response(metrics.render(lambda: queue.backlog(OLDEST_SCAN)), mimetype=CONTENT_TYPE)


def _http_error(exc: HTTPException) -> tuple[Response, int]:
    """JSON for the API, the webhooks and the probes; the dashboard's HTML error page elsewhere (an
    unknown page is a page saying so, not a JSON document in the browser)."""
    status = exc.code or 500
    if request.path.startswith(JSON_PREFIXES):
        return jsonify(error=exc.description or exc.name), status
    page = render_template("error.html", status=status, message=exc.description or exc.name)
    response = auth.security_headers(Response(page, status=status))
    for name, value in exc.get_headers():
        if name == "Allow":  # 405 says which methods the page takes
            response.headers[name] = value
    return response, status


RETRY_AFTER_SECONDS = 30
HTML_BLUEPRINTS = frozenset({"dashboard", "auth"})


def _storage_unavailable(exc: Retryable | ConfigError) -> tuple[Response, int]:
    """The advisory store does not answer (database down, unwritable, not at the current schema):
    503 with Retry-After, HTML on the dashboard's pages and JSON elsewhere. The details go to the
    log, not to the client."""
    logger.warning("advisory store unavailable for %s %s: %s", request.method, request.path, exc)
    message = "the advisory store is not answering; try again later"
    if request.blueprint in HTML_BLUEPRINTS:
        response = Response(render_template("error.html", status=503, message=message), status=503)
    else:
        response = jsonify(error=message)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response, 503


def _unexpected_error(exc: Exception) -> tuple[Response, int]:
    logger.exception("unhandled error in a request")
    return jsonify(error="internal error"), 500
