"""The steps every webhook route shares: read the body under a size cap, parse a JSON object, queue
the job durably and answer 202 (or 202 duplicate, or 503 when the queue storage does not answer).

Must not import openai, PyGithub or python-gitlab; never logs bodies, headers or secrets.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from flask import Response, current_app, jsonify, request

from bot.config.settings import Settings
from bot.core import safejson
from bot.core.events import JobSpec
from bot.jobqueue import JobQueue
from bot.obs import metrics
from bot.obs.context import bound

logger = logging.getLogger(__name__)

DELIVERY_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
Answer = tuple[Response, int]


def settings() -> Settings:
    value: Settings = current_app.config["REMEDIATOR_SETTINGS"]
    return value


def queue() -> JobQueue:
    value: JobQueue = current_app.extensions["remediator.queue"]
    return value


def error(status: int, message: str) -> Answer:
    return jsonify(error=message), status


def read_body(limit: int) -> bytes | Answer:
    """The raw body, or a 413 answer when it is (or claims to be) larger than ``limit``."""
    if request.content_length is not None and request.content_length > limit:
        return error(413, f"body larger than {limit} bytes")
    body = request.stream.read(limit + 1)
    if len(body) > limit:
        return error(413, f"body larger than {limit} bytes")
    return body


def parse_object(body: bytes) -> dict[str, Any] | Answer:
    """The body as a JSON object within bot.core.safejson's depth and number limits, or a 400 answer."""
    try:
        data: Any = safejson.loads(body)
    except safejson.JSONLimitError as exc:
        return error(400, f"body is not acceptable JSON: {exc}")
    if not isinstance(data, dict):
        return error(400, "body is not a JSON object")
    return data


def enqueue(spec: JobSpec, delivery: str, host: str, event: str) -> Answer:
    """Queue the job once per delivery key; 202 after the job is durable."""
    jobs = queue()
    try:
        job_id, created = jobs.submit(spec, delivery)
    except jobs.ledger.errors as exc:
        logger.warning(
            "%s delivery %s not queued: queue storage error %s", host, delivery, type(exc).__name__
        )
        return error(503, "queue storage is not answering; redeliver later")
    about = {"repository": spec.payload.get("repo"), "pull_request": spec.payload.get("number")}
    with bound(delivery_id=delivery, job_id=job_id, **about):
        if not created:
            logger.info("%s delivery %s already queued as job %s", host, delivery, job_id)
            return jsonify(job=job_id, duplicate=True), 202
        logger.info("%s delivery %s (%s) queued as job %s", host, delivery, event, job_id)
    return jsonify(job=job_id), 202


KNOWN_EVENTS = frozenset(
    {
        "pull_request",
        "issue_comment",
        "pull_request_review_comment",
        "installation",
        "installation_repositories",
        "ping",
        "push",
        "Merge Request Hook",
        "Note Hook",
        "Push Hook",
        "System Hook",
    }
)
OUTCOMES = {
    200: "answered",
    204: "ignored",
    400: "invalid",
    401: "rejected",
    413: "too_large",
    503: "unavailable",
}


def count_delivery(response: Response) -> Response:
    """After a webhook route: one count by host, event (a known name, else ``other``) and outcome."""
    if not request.path.startswith("/webhooks/"):
        return response
    host = "gitlab" if request.path.startswith("/webhooks/gitlab") else "github"
    event = request.headers.get("X-GitHub-Event") or request.headers.get("X-Gitlab-Event") or ""
    if response.status_code == 202:
        outcome = "duplicate" if (response.get_json(silent=True) or {}).get("duplicate") else "queued"
    else:
        outcome = OUTCOMES.get(response.status_code, "error")
    metrics.get().deliveries.labels(host, event if event in KNOWN_EVENTS else "other", outcome).inc()
    return response
