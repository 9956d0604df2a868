"""JSON API for security leads (``/api/v1``): advisories with the dashboard's filters and keyset
pages, one advisory with its history, triage actions, and CSV/SARIF exports of any filtered view.

Errors are JSON ``{"error": ..., "parameter": ...}``: 400 bad input, 401, 403, 404, 409 state conflict.
Must not import openai, PyGithub, python-gitlab, semgrep or bandit.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, replace
from importlib import resources
from typing import Any, TextIO

from flask import Blueprint, Response, g, jsonify, request

from bot.core import safejson
from bot.errors import InputError
from bot.store import AdvisoryNotFound, AdvisoryRecord, EventRecord, InvalidTransition, Sort
from bot.store.api_tokens import Role, TokenRecord
from bot.store.breakdown import Dimension, breakdown
from bot.store.export import write_csv, write_sarif
from bot.store.reports import capped_count
from bot.store.serialize import record_json
from webhooks.dashboard import context
from webhooks.dashboard.auth import api_required, security_headers
from webhooks.dashboard.filters import BadParameter, parse_view

logger = logging.getLogger(__name__)
Writer = Callable[[Iterable[AdvisoryRecord], TextIO], int]

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.after_request(security_headers)

FLUSH_BYTES = 64 * 1024


def _error(status: int, message: str, parameter: str | None = None) -> tuple[Response, int]:
    body: dict[str, Any] = {"error": message}
    if parameter:
        body["parameter"] = parameter
    return jsonify(body), status


@bp.errorhandler(BadParameter)
def _bad_parameter(exc: BadParameter) -> tuple[Response, int]:
    return _error(400, str(exc), exc.parameter)


@bp.errorhandler(AdvisoryNotFound)
def _not_found(exc: AdvisoryNotFound) -> tuple[Response, int]:
    return _error(404, str(exc))


@bp.errorhandler(InvalidTransition)
def _conflict(exc: InvalidTransition) -> tuple[Response, int]:
    return _error(409, str(exc))


@bp.errorhandler(InputError)
def _bad_input(exc: InputError) -> tuple[Response, int]:
    message = str(exc)
    return _error(400, message, "cursor" if "cursor" in message else None)


def event_json(event: EventRecord) -> dict[str, Any]:
    data = asdict(event)
    data.update(
        at=event.at.isoformat(),
        from_state=event.from_state.value if event.from_state else None,
        to_state=event.to_state.value,
    )
    return data


OPENAPI = "openapi.json"
"""The OpenAPI 3 description of this blueprint, package data beside this module (a test keeps it
and the routes in step, and schemathesis runs against it)."""


@bp.get("/openapi.json")
def openapi() -> Response:
    """The API's OpenAPI document (no sign-in: it describes the API, it holds no data)."""
    text = resources.files(__package__ or "webhooks.dashboard").joinpath(OPENAPI).read_text("utf-8")
    return Response(text, mimetype="application/json")


@bp.get("/advisories")
@api_required(Role.VIEWER)
def list_advisories() -> Response:
    view = parse_view(request.args)
    store = context.advisory_store()
    page = store.page(view.query)
    count = capped_count(store, view.query)
    return jsonify(
        advisories=[record_json(a) for a in page.items],
        next_cursor=page.next_cursor,
        limit=view.query.limit,
        total=count.value,
        total_is_lower_bound=count.capped,
    )


OVERVIEW_ROWS = 10


@bp.get("/overview")
@api_required(Role.VIEWER)
def overview() -> Response:
    """The filtered view grouped by class, asset and exposure, with its highest-risk and oldest
    advisories (the dashboard's overview as JSON)."""
    view = parse_view(request.args)
    store = context.advisory_store()
    query = replace(view.query, after=None, limit=min(view.query.limit, OVERVIEW_ROWS))
    count = capped_count(store, query)
    return jsonify(
        total=count.value,
        total_is_lower_bound=count.capped,
        overdue=capped_count(store, replace(query, overdue=True)).value,
        highest_risk=[record_json(a) for a in store.page(replace(query, sort=Sort.RISK)).items],
        oldest=[record_json(a) for a in store.page(replace(query, sort=Sort.AGE)).items],
        by_class=[g.as_dict(Dimension.CLASS) for g in breakdown(store, query, Dimension.CLASS)],
        by_asset=[g.as_dict(Dimension.ASSET) for g in breakdown(store, query, Dimension.ASSET)],
        by_exposure=[g.as_dict(Dimension.EXPOSURE) for g in breakdown(store, query, Dimension.EXPOSURE)],
        by_repo=[g.as_dict(Dimension.REPO) for g in breakdown(store, query, Dimension.REPO)],
    )


@bp.get("/advisories/<ref>")
@api_required(Role.VIEWER)
def get_advisory(ref: str) -> Response:
    store = context.advisory_store()
    adv = store.get(store.resolve(ref))
    return jsonify({**record_json(adv), "history": [event_json(e) for e in store.history(adv.id)]})


def _body() -> dict[str, Any]:
    data: Any = None
    if request.is_json and (raw := request.get_data(cache=True)).strip():
        try:
            data = safejson.loads(raw)
        except safejson.JSONLimitError as exc:
            raise BadParameter("body", f"is not acceptable JSON: {exc}") from None
    elif request.form:
        data = request.form.to_dict()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BadParameter("body", "must be a JSON object")
    return data


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise BadParameter(name, "must be a string")
    return value


def _act(ref: str, change: Callable[[int, str, dict[str, Any]], AdvisoryRecord]) -> Response:
    store = context.advisory_store()
    advisory_id = store.resolve(ref)
    data = _body()
    principal: TokenRecord = g.principal
    adv = change(advisory_id, principal.actor, data)
    context.forget_reports()
    return jsonify({**record_json(adv), "history": [event_json(e) for e in store.history(adv.id)]})


@bp.post("/advisories/<ref>/dismiss")
@api_required(Role.TRIAGER)
def dismiss(ref: str) -> Response:
    store = context.advisory_store()
    return _act(
        ref, lambda i, actor, d: store.dismiss(i, actor=actor, reason=_text(d, "reason"), source="api")
    )


@bp.post("/advisories/<ref>/reopen")
@api_required(Role.TRIAGER)
def reopen(ref: str) -> Response:
    store = context.advisory_store()
    return _act(
        ref, lambda i, actor, d: store.reopen(i, actor=actor, reason=_text(d, "reason"), source="api")
    )


@bp.post("/advisories/<ref>/accept-risk")
@api_required(Role.TRIAGER)
def accept_risk(ref: str) -> Response:
    store = context.advisory_store()

    def change(i: int, actor: str, d: dict[str, Any]) -> AdvisoryRecord:
        try:
            until = dt.date.fromisoformat(_text(d, "until"))
        except ValueError:
            raise BadParameter("until", "must be a YYYY-MM-DD date") from None
        return store.accept_risk(i, actor=actor, reason=_text(d, "reason"), until=until, source="api")

    return _act(ref, change)


def _stream(write: Writer, records: Iterable[AdvisoryRecord]) -> Iterator[str]:
    """Run the exporter in a helper thread and yield its text in chunks as it is written, so a
    100,000-row export never sits in memory. A client that goes away stops the exporter."""
    chunks: queue.Queue[str | BaseException | None] = queue.Queue(maxsize=8)
    stop = threading.Event()

    class Sink(io.StringIO):
        def write(self, s: str) -> int:
            super().write(s)
            if self.tell() >= FLUSH_BYTES:
                self.flush_chunk()
            return len(s)

        def flush_chunk(self) -> None:
            text = self.getvalue()
            self.seek(0)
            self.truncate()
            while text:
                if stop.is_set():
                    raise _Cancelled
                try:
                    chunks.put(text, timeout=1.0)
                    text = ""
                except queue.Full:
                    continue

    def run() -> None:
        sink = Sink()
        try:
            write(records, sink)
            sink.flush_chunk()
            chunks.put(None)
        except _Cancelled:
            return
        except Exception as exc:  # noqa: BLE001 - handed to the response thread, which re-raises it
            chunks.put(exc)

    worker = threading.Thread(target=run, name="remediator-export", daemon=True)
    worker.start()
    try:
        while (item := chunks.get()) is not None:
            if isinstance(item, BaseException):
                logger.error("export stopped part way: %s", type(item).__name__)
                raise item
            yield item
    finally:
        stop.set()
        worker.join(timeout=5)


class _Cancelled(Exception):
    """The client went away; the exporter thread stops writing."""


def _export(kind: str) -> Response:
    view = parse_view(request.args)
    store = context.advisory_store()
    query = replace(view.query, after=None)
    store.page(replace(query, limit=1))  # fail here (JSON 400) on a bad filter, not mid-stream
    write = write_csv if kind == "csv" else write_sarif
    stamp = store.now().strftime("%Y%m%d-%H%M%S")
    mimetype = "text/csv" if kind == "csv" else "application/sarif+json"
    body = _stream(write, store.iter(query))
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="advisories-{stamp}.{kind}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/advisories.csv")
@api_required(Role.VIEWER)
def export_csv() -> Response:
    return _export("csv")


@bp.get("/advisories.sarif")
@api_required(Role.VIEWER)
def export_sarif() -> Response:
    return _export("sarif")
