"""The GitLab webhook route: size cap -> X-Gitlab-Token (constant time) -> parse -> enqueue -> 202.

GitLab disables hooks that keep failing, so this answers as soon as the job is durable. Never logs
bodies or tokens. Must not import openai, PyGithub or python-gitlab.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from flask import Blueprint, Response, current_app, request

from bot.core.events import EventError
from bot.core.events_gitlab import gitlab_job, project_path
from webhooks.intake.common import DELIVERY_ID, Answer, enqueue, error, parse_object, read_body, settings
from webhooks.intake.signatures import gitlab_delivery_allowed, gitlab_senders, verify_gitlab

logger = logging.getLogger(__name__)

bp = Blueprint("webhooks_gitlab", __name__)


def delivery_key(headers: Any, body: bytes) -> str:
    """The idempotency key of a delivery: ``X-Gitlab-Event-UUID`` (else ``Idempotency-Key``) plus a
    digest of the body, or the digest alone when GitLab sent neither header.

    The digest keeps apart two different hooks GitLab fired for one event (they share the UUID),
    while a retry of the same delivery (same UUID, same body) maps to the same job.
    """
    digest = hashlib.sha256(body).hexdigest()
    for name in ("X-Gitlab-Event-UUID", "Idempotency-Key"):
        value = headers.get(name, "")
        if value and DELIVERY_ID.fullmatch(value):
            return f"gitlab:{value}:{digest[:16]}"
    return f"gitlab:sha256:{digest[:40]}"


@bp.post("/webhooks/gitlab")
def gitlab() -> Answer:  # noqa: PLR0911 - one guard per row of the README's table of answers
    config = settings()
    if request.content_length is not None and request.content_length > config.max_body_bytes:
        return error(413, f"body larger than {config.max_body_bytes} bytes")
    project_secrets: dict[str, str] = current_app.extensions["remediator.gitlab_secrets"]
    if not config.gitlab_webhook_secret and not project_secrets:
        return error(
            503,
            "webhook secret not configured (REMEDIATOR_GITLAB_WEBHOOK_SECRETS_FILE or "
            "REMEDIATOR_GITLAB_WEBHOOK_SECRET); refusing",
        )
    body = read_body(config.max_body_bytes)
    if not isinstance(body, bytes):
        return body
    token = request.headers.get("X-Gitlab-Token")
    senders = gitlab_senders(token, project_secrets)
    shared_ok = verify_gitlab(token, config.gitlab_webhook_secret)
    if not senders and not shared_ok:
        logger.warning("gitlab delivery rejected: bad or missing X-Gitlab-Token")
        return error(401, "bad or missing X-Gitlab-Token")
    event = request.headers.get("X-Gitlab-Event", "")
    if not event:
        return error(400, "missing X-Gitlab-Event")
    data = parse_object(body)
    if not isinstance(data, dict):
        return data
    try:
        project = project_path(data) if data.get("project") is not None or senders else ""
    except EventError as exc:
        return error(400, f"{event}: {exc}")
    if not gitlab_delivery_allowed(project, senders, shared_ok, project_secrets):
        logger.warning("gitlab delivery rejected: the token is not the secret of the project it names")
        return error(401, "X-Gitlab-Token is not the secret of the project this delivery names")
    try:
        spec = gitlab_job(event, data)
    except EventError as exc:
        return error(400, f"{event}: {exc}")
    except (ValueError, TypeError, AttributeError):  # a field of the wrong type: the sender's mistake
        return error(400, f"{event}: a field has the wrong type")
    if spec is None:
        return Response(status=204), 204
    return enqueue(spec, delivery_key(request.headers, body), "gitlab", event)
