"""Webhook routes: size cap -> signature on the raw body -> parse -> enqueue durably -> 202.

Never analyses inline, never logs bodies or signatures. Must not import openai, PyGithub or
python-gitlab (it only names the handler a worker will import).
"""

from __future__ import annotations

import logging

from flask import Blueprint, Response, jsonify, request

from bot import __version__
from bot.core.events import EventError, github_baseline_jobs, github_job
from webhooks.intake.common import (
    DELIVERY_ID,
    Answer,
    enqueue,
    error,
    parse_object,
    queue,
    read_body,
    settings,
)
from webhooks.intake.signatures import verify_github

logger = logging.getLogger(__name__)

bp = Blueprint("webhooks", __name__)


@bp.post("/webhooks/github")
def github() -> Answer:  # noqa: PLR0911 - one guard per row of the README's table of answers
    config = settings()
    if request.content_length is not None and request.content_length > config.max_body_bytes:
        return error(413, f"body larger than {config.max_body_bytes} bytes")
    if not config.github_webhook_secret:
        return error(503, "webhook secret not configured (REMEDIATOR_GITHUB_WEBHOOK_SECRET); refusing")
    body = read_body(config.max_body_bytes)
    if not isinstance(body, bytes):
        return body
    if not verify_github(body, request.headers.get("X-Hub-Signature-256"), config.github_webhook_secret):
        logger.warning("github delivery %s rejected: bad or missing signature", _delivery_for_log())
        return error(401, "bad or missing X-Hub-Signature-256")
    delivery = request.headers.get("X-GitHub-Delivery", "")
    if not DELIVERY_ID.fullmatch(delivery):
        return error(400, "missing or malformed X-GitHub-Delivery")
    event = request.headers.get("X-GitHub-Event", "")
    if not event:
        return error(400, "missing X-GitHub-Event")
    data = parse_object(body)
    if not isinstance(data, dict):
        return data
    if event == "ping":
        return jsonify(pong=True), 200
    if event in ("installation", "installation_repositories"):
        return _baselines(event, data, delivery)
    try:
        spec = github_job(event, data)
    except EventError as exc:
        return error(400, f"{event} event: {exc}")
    except (ValueError, TypeError, AttributeError):  # a field of the wrong type: the sender's mistake
        return error(400, f"{event} event: a field has the wrong type")
    if spec is None:
        return Response(status=204), 204
    return enqueue(spec, delivery, "github", event)


def _baselines(event: str, data: dict[str, object], delivery: str) -> Answer:
    """One baseline job per repository the installation names (each its own delivery key, so a
    redelivery queues none twice); 204 when there is none to start."""
    specs = github_baseline_jobs(event, data)
    if not specs:
        return Response(status=204), 204
    jobs = queue()
    queued = []
    try:
        for n, spec in enumerate(specs):
            job_id, _created = jobs.submit(spec, delivery if n == 0 else f"{delivery}/{n}")
            queued.append(job_id)
    except jobs.ledger.errors as exc:
        logger.warning("github delivery %s not queued: queue storage error %s", delivery, type(exc).__name__)
        return error(503, "queue storage is not answering; redeliver later")
    logger.info("github delivery %s (%s) queued %d baseline job(s)", delivery, event, len(queued))
    return jsonify(jobs=queued), 202


def _delivery_for_log() -> str:
    delivery = request.headers.get("X-GitHub-Delivery", "")
    return delivery if DELIVERY_ID.fullmatch(delivery) else "(none)"


@bp.get("/healthz")
def healthz() -> Answer:
    return jsonify(status="ok", version=__version__), 200


@bp.get("/readyz")
def readyz() -> Answer:
    """200 while the queue can accept work; else 503 with the reason (storage, Redis, disk space)."""
    reason = queue().readiness()
    if reason is None:
        return jsonify(status="ready"), 200
    logger.warning("not ready: %s", reason)
    return jsonify(status="not ready", error=reason), 503
