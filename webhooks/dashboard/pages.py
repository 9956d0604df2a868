"""Dashboard pages for security leads: open advisories across repositories (filters, sorting,
pages), advisory detail with history and triage forms, and trends with SLA status (SVG by the server).

Reads through bot.store; triage calls the store's lifecycle (the same history as PR commands).
Must not import openai, PyGithub, python-gitlab, semgrep or bandit.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from typing import Any

from flask import Blueprint, Response, current_app, flash, g, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from bot.config.settings import Settings
from bot.core.events import BASELINE_HOSTS, EventError, baseline_job, check_repo
from bot.core.models import Severity
from bot.core.redact import redact
from bot.errors import InputError
from bot.jobqueue import JobQueue, JobState
from bot.store import AdvisoryNotFound, AdvisoryRecord, Sort
from bot.store.api_tokens import Role, TokenRecord
from bot.store.breakdown import Dimension, breakdown
from bot.store.reports import capped_count, open_by_severity, weekly_trend
from webhooks.dashboard import charts, context
from webhooks.dashboard.auth import page_required, security_headers
from webhooks.dashboard.filters import (
    EXPOSURE_VALUES,
    STATE_VALUES,
    BadParameter,
    as_dict,
    parse_view,
    selected,
)

bp = Blueprint(
    "dashboard", __name__, template_folder="templates", static_folder="static", static_url_path="/assets"
)

PAGE_LIMIT = 200
TREND_WEEKS = 12
OVERVIEW_ROWS = 10
OVERVIEW_GROUPS = 25
bp.after_request(security_headers)


def html_error(exc: HTTPException) -> tuple[str, int]:
    status = exc.code or 500
    return render_template("error.html", status=status, message=exc.description or exc.name), status


bp.register_error_handler(HTTPException, html_error)


def pr_url(settings: Settings, adv: AdvisoryRecord, pr: int | None = None) -> str:
    """The pull/merge request page where the advisory's review comment sits ('' for none: a
    baseline's, or a base URL or repository name no link can be built from)."""
    url = settings.links().pull_request(adv.host, adv.repo, pr if pr is not None else adv.last_pr)
    if url is None:
        return ""
    return url + "/files" if adv.host == "github" else url


def _principal() -> TokenRecord:
    principal: TokenRecord = g.principal
    return principal


@bp.get("/")
@page_required(Role.VIEWER)
def home() -> Response:
    return redirect(url_for("dashboard.advisories"))  # type: ignore[return-value]


@bp.get("/advisories")
@page_required(Role.VIEWER)
def advisories() -> Any:
    try:
        view = parse_view(request.args, max_limit=PAGE_LIMIT)
        store = context.advisory_store()
        page = store.page(view.query)
    except BadParameter as exc:
        return render_template("error.html", status=400, message=str(exc)), 400
    except InputError as exc:
        return render_template("error.html", status=400, message=f"cursor: {exc}"), 400
    count = capped_count(store, view.query)
    params = as_dict(view.params)
    next_url = None
    if page.next_cursor:
        start = view.start + len(page.items)
        next_url = url_for("dashboard.advisories", **params, cursor=page.next_cursor, start=start)
    return render_template(
        "list.html",
        page=page,
        view=view,
        count=count,
        first_url=url_for("dashboard.advisories", **params) if view.query.after else None,
        next_url=next_url,
        csv_url=url_for("api.export_csv", **params),
        sarif_url=url_for("api.export_sarif", **params),
        json_url=url_for("api.list_advisories", **params),
        sla=sorted(store.sla.items(), reverse=True),
        selected=lambda name: selected(view.params, name),
        severities=[s.label for s in sorted(Severity, reverse=True)],
        states=STATE_VALUES,
        sorts=[s.value for s in Sort],
        exposures=EXPOSURE_VALUES,
        sort_url=lambda sort: url_for("dashboard.advisories", **{**params, "sort": [sort]}),
    )


@bp.get("/overview")
@page_required(Role.VIEWER)
def overview() -> Any:
    """Open advisories of the organisation (or of the repositories in ``repo``) by risk, by class, by
    asset and by exposure, and the oldest first. Takes every filter the list takes, so a filter the
    ledger gains (an origin) narrows this view with no change here."""
    try:
        view = parse_view(request.args, max_limit=PAGE_LIMIT)
        store = context.advisory_store()
        query = replace(view.query, after=None, limit=OVERVIEW_ROWS)
        riskiest = store.page(replace(query, sort=Sort.RISK)).items
    except BadParameter as exc:
        return render_template("error.html", status=400, message=str(exc)), 400
    params = as_dict(p for p in view.params if p[0] not in ("sort", "limit"))
    groups = {d: breakdown(store, query, d, limit=OVERVIEW_GROUPS) for d in Dimension}
    return render_template(
        "overview.html",
        view=view,
        repos=view.query.repos,
        count=capped_count(store, query),
        overdue=capped_count(store, replace(query, overdue=True)),
        riskiest=riskiest,
        oldest=store.page(replace(query, sort=Sort.AGE)).items,
        groups=groups,
        Dimension=Dimension,
        list_url=lambda **extra: url_for("dashboard.advisories", **{**params, **extra}),
        csv_url=url_for("api.export_csv", **params),
        sarif_url=url_for("api.export_sarif", **params),
        json_url=url_for("api.overview", **params),
    )


def _resolve(ref: str) -> int | tuple[str, int]:
    """The advisory ``ref`` names (its number, or its id as shown everywhere: 6+ hex characters),
    else the HTML error page to answer: 404 for none, 400 for a prefix several advisories share."""
    try:
        return context.advisory_store().resolve(ref)
    except AdvisoryNotFound:
        return render_template("error.html", status=404, message=f"no advisory {ref[:40]}"), 404
    except InputError as exc:
        if "more than one" in str(exc):
            return render_template("error.html", status=400, message=str(exc)), 400
        return render_template("error.html", status=404, message=f"no advisory {ref[:40]}"), 404


@bp.get("/advisories/<advisory_ref>")
@page_required(Role.VIEWER)
def advisory(advisory_ref: str) -> Any:
    store = context.advisory_store()
    found = _resolve(advisory_ref)
    if not isinstance(found, int):
        return found
    adv = store.get(found)
    settings = context.settings()
    return render_template(
        "detail.html",
        adv=adv,
        excerpt=redact(adv.excerpt),
        replacement=redact(adv.replacement) if adv.replacement is not None else None,
        history=store.history(adv.id),
        pr_url=pr_url(settings, adv),
        first_pr_url=pr_url(settings, adv, adv.first_pr),
        merged_pr_url=pr_url(settings, adv, adv.merged_pr) if adv.merged_pr else None,
        can_triage=_principal().role >= Role.TRIAGER,
        min_until=(store.now().date() + dt.timedelta(days=1)).isoformat(),
        back=request.args.get("back", ""),
    )


def _triage(advisory_ref: str, action: str) -> Any:
    found = _resolve(advisory_ref)
    if not isinstance(found, int):
        return found
    advisory_id = found
    store = context.advisory_store()
    actor = _principal().actor
    reason = request.form.get("reason", "")
    try:
        if action == "dismiss":
            adv = store.dismiss(advisory_id, actor=actor, reason=reason, source="web")
        elif action == "reopen":
            adv = store.reopen(advisory_id, actor=actor, reason=reason, source="web")
        else:
            until = _date(request.form.get("until", ""))
            adv = store.accept_risk(advisory_id, actor=actor, reason=reason, until=until, source="web")
    except AdvisoryNotFound as exc:
        return html_error_page(404, str(exc))
    except InputError as exc:
        flash(f"Nothing was changed: {exc}", "error")
    else:
        context.forget_reports()
        flash(f"Advisory {adv.short_id} is now {adv.state.value.replace('_', ' ')}.", "ok")
    return redirect(url_for("dashboard.advisory", advisory_ref=advisory_id), code=303)


def html_error_page(status: int, message: str) -> Response:
    response = Response(render_template("error.html", status=status, message=message), status=status)
    return response


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError("the expiry date must be YYYY-MM-DD") from None


@bp.post("/advisories/<advisory_ref>/dismiss")
@page_required(Role.TRIAGER)
def dismiss(advisory_ref: str) -> Any:
    return _triage(advisory_ref, "dismiss")


@bp.post("/advisories/<advisory_ref>/accept-risk")
@page_required(Role.TRIAGER)
def accept_risk(advisory_ref: str) -> Any:
    return _triage(advisory_ref, "accept-risk")


@bp.post("/advisories/<advisory_ref>/reopen")
@page_required(Role.TRIAGER)
def reopen(advisory_ref: str) -> Any:
    return _triage(advisory_ref, "reopen")


@bp.get("/trends")
@page_required(Role.VIEWER)
def trends() -> Any:
    store = context.advisory_store()
    (weeks, rows), age = context.cached_report(
        "trends", lambda: (weekly_trend(store, TREND_WEEKS), open_by_severity(store))
    )
    return render_template(
        "trends.html",
        weeks=weeks,
        rows=rows,
        weekly_svg=charts.weekly_chart(weeks),
        severity_svg=charts.severity_chart(rows),
        overdue_total=sum(r.overdue for r in rows),
        open_total=sum(r.open for r in rows),
        age_seconds=int(age),
    )


@bp.get("/baselines")
@page_required(Role.VIEWER)
def baselines() -> Any:
    """Each repository's baseline: last run, open by severity, what changed; admins start one."""
    from bot.store.baselines import baseline_summary  # noqa: PLC0415 - only this page reads it

    rows = baseline_summary(context.advisory_store())
    return render_template(
        "baselines.html",
        rows=rows,
        severities=list(reversed(Severity)),
        hosts=("github", "gitlab"),
        can_start=_principal().role >= Role.ADMIN,
    )


@bp.post("/baselines")
@page_required(Role.ADMIN)
def start_baseline() -> Any:
    """Queue a baseline of the repository the form names (GitLab has no installation event)."""
    host = request.form.get("host", "")
    try:
        if host not in BASELINE_HOSTS:
            raise EventError(f"host must be one of {', '.join(BASELINE_HOSTS)}")
        repo = check_repo(request.form.get("repo", ""))
    except EventError as exc:
        flash(f"No baseline was started: {exc}", "error")
        return redirect(url_for("dashboard.baselines"), code=303)
    queue: JobQueue = current_app.extensions["remediator.queue"]
    job_id, _created = queue.submit(baseline_job(host, repo), f"web-baseline-{uuid.uuid4()}")
    flash(
        f"Baseline of {host}:{repo} queued (job {job_id}); its advisories appear when a worker has run it.",
        "ok",
    )
    return redirect(url_for("dashboard.baselines"), code=303)


PLAN_TYPES = {
    "csv": ("text/csv; charset=utf-8", "plan.csv"),
    "json": ("application/json", "plan.json"),
    "markdown": ("text/markdown; charset=utf-8", "plan.md"),
}


@bp.get("/plan")
@page_required(Role.VIEWER)
def plan() -> Any:
    """The open advisories of the filtered view grouped into work items (owners, size, due date),
    highest risk first; ``format=csv|json|markdown`` downloads it."""
    from bot.store.plan import (  # noqa: PLC0415
        build_plan,
        plan_csv,
        plan_json,
        plan_markdown,
        pull_requests,
    )

    try:
        view = parse_view(request.args)
    except BadParameter as exc:
        return html_error_page(400, str(exc))
    query = replace(view.query, open_only=True, states=())
    records = list(context.advisory_store().iter(query))
    items = build_plan(records)
    links = context.settings().links()  # from the settings only, never from the request's Host
    kind = request.args.get("format", "")
    if kind in PLAN_TYPES:
        body = {
            "csv": lambda: plan_csv(items, links),
            "json": lambda: plan_json(items, len(records), links),
            "markdown": lambda: plan_markdown(items, len(records), links),
        }[kind]()
        mime, name = PLAN_TYPES[kind]
        return Response(
            body, mimetype=mime, headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )
    if kind:
        return html_error_page(400, "format must be csv, json or markdown")
    return render_template(
        "plan.html",
        items=items,
        advisories=len(records),
        params=view.params,
        pull_requests=lambda r: [(n, links.pull_request(r.host, r.repo, n)) for n in pull_requests(r)],
    )


DEAD_LETTERS_SHOWN = 200


def _queue() -> JobQueue:
    queue: JobQueue = current_app.extensions["remediator.queue"]
    return queue


@bp.get("/admin/jobs")
@page_required(Role.ADMIN)
def dead_letters() -> Any:
    """Jobs that failed for good, newest first, with the reason; admins queue one or all again."""
    jobs = _queue().ledger.jobs(JobState.DEAD, DEAD_LETTERS_SHOWN)
    rows = [
        {
            "id": j.id,
            "kind": j.handler.rsplit(":", 1)[-1].replace("_", " "),
            "key": j.key,
            "attempts": j.attempts,
            "when": dt.datetime.fromtimestamp(j.updated_at, dt.UTC),
            "reason": redact(j.last_error)[:2000],
        }
        for j in jobs
    ]
    return render_template("dead_letters.html", rows=rows, shown=DEAD_LETTERS_SHOWN)


@bp.post("/admin/jobs/retry")
@page_required(Role.ADMIN)
def retry_dead_letters() -> Any:
    """Queue dead letters again (attempts reset): the one named by ``job``, or every one with ``all``."""
    queue = _queue()
    now = context.clock().now()
    wanted = request.form.get("job", "")
    ids = [j.id for j in queue.ledger.dead_letters()] if request.form.get("all") else [wanted]
    retried = 0
    for job_id in ids:
        if job_id and queue.ledger.retry(job_id, now):
            queue.send(job_id, 0.0)
            retried += 1
    if retried or not wanted:
        flash(f"{retried} job(s) queued again.", "ok")
    else:
        flash("Nothing was queued: that job is not a dead letter (retried already, or purged).", "error")
    return redirect(url_for("dashboard.dead_letters"), code=303)
