"""Webhook routes: size cap -> signature on the raw body -> parse -> enqueue durably -> 202.

Never analyses inline, never logs bodies or signatures. Must not import openai, PyGithub or
python-gitlab (it only names the handler a worker will import).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from bot import __version__
from bot.config import Settings
from bot.core.events import EventError, github_job
from bot.queue import JobQueue
from webhooks.signatures import verify_github

logger = logging.getLogger(__name__)

bp = Blueprint("webhooks", __name__)

DELIVERY_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def _settings() -> Settings:
    settings: Settings = current_app.config["REMEDIATOR_SETTINGS"]
    return settings


def _queue() -> JobQueue:
    queue: JobQueue = current_app.extensions["remediator.queue"]
    return queue


def error(status: int, message: str) -> tuple[Response, int]:
    return jsonify(error=message), status


def _read_body(limit: int) -> bytes | None:
    """The raw body, or None when it is larger than ``limit`` (read at most limit + 1 bytes)."""
    body = request.stream.read(limit + 1)
    return None if len(body) > limit else body


@bp.post("/webhooks/github")
def github() -> tuple[Response, int]:
    settings = _settings()
    limit = settings.max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        return error(413, f"body larger than {limit} bytes")
    if not settings.github_webhook_secret:
        return error(503, "webhook secret not configured (REMEDIATOR_GITHUB_WEBHOOK_SECRET); refusing")
    body = _read_body(limit)
    if body is None:
        return error(413, f"body larger than {limit} bytes")
    if not verify_github(body, request.headers.get("X-Hub-Signature-256"), settings.github_webhook_secret):
        logger.warning("github delivery %s rejected: bad or missing signature", _delivery_for_log())
        return error(401, "bad or missing X-Hub-Signature-256")
    delivery = request.headers.get("X-GitHub-Delivery", "")
    if not DELIVERY_ID.fullmatch(delivery):
        return error(400, "missing or malformed X-GitHub-Delivery")
    event = request.headers.get("X-GitHub-Event", "")
    if not event:
        return error(400, "missing X-GitHub-Event")
    try:
        data: Any = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return error(400, "body is not valid JSON")
    if not isinstance(data, dict):
        return error(400, "body is not a JSON object")
    if event == "ping":
        return jsonify(pong=True), 200
    try:
        spec = github_job(event, data)
    except EventError as exc:
        return error(400, f"{event} event: {exc}")
    if spec is None:
        return Response(status=204), 204
    queue = _queue()
    try:
        job_id, created = queue.submit(spec, delivery)
    except queue.ledger.errors as exc:
        logger.warning("github delivery %s not queued: queue storage error %s", delivery, type(exc).__name__)
        return error(503, "queue storage is not answering; redeliver later")
    if not created:
        logger.info("github delivery %s already queued as job %s", delivery, job_id)
        return jsonify(job=job_id, duplicate=True), 202
    logger.info("github delivery %s (%s) queued as job %s", delivery, event, job_id)
    return jsonify(job=job_id), 202


def _delivery_for_log() -> str:
    delivery = request.headers.get("X-GitHub-Delivery", "")
    return delivery if DELIVERY_ID.fullmatch(delivery) else "(none)"


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    return jsonify(status="ok", version=__version__), 200


@bp.get("/readyz")
def readyz() -> tuple[Response, int]:
    if _queue().ready():
        return jsonify(status="ready"), 200
    return error(503, "queue storage is not answering")
