"""REST and GraphQL route handlers of the GitHub simulator, keyed by OpenAPI operation id in ROUTES.

Each handler gets the simulator and a Ctx and returns (status, body[, headers]); no HTTP or auth plumbing.
"""

from __future__ import annotations

import secrets
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tests.sim.github_auth import _LEVEL, Principal
from tests.sim.github_models import (
    ApiError,
    CheckRun,
    CommitStatus,
    IssueComment,
    PullRequest,
    Reaction,
    Repo,
    Review,
    Token,
    iso,
)
from tests.sim.github_openapi import Operation, run_graphql
from tests.sim.github_render import Render

if TYPE_CHECKING:
    from tests.sim.github import GitHubSimulator


@dataclass
class Ctx:
    """What a route handler gets."""

    op: Operation
    params: dict[str, str]
    query: dict[str, list[str]]
    body: Any
    who: Principal
    render: Render
    path: str

    def arg(self, name: str, default: int) -> int:
        values = self.query.get(name)
        return int(values[-1]) if values else default


Result = tuple[int, Any] | tuple[int, Any, dict[str, str]]


def _repo(sim: GitHubSimulator, ctx: Ctx) -> Repo:
    repo = sim.state.repo(f"{ctx.params['owner']}/{ctx.params['repo']}")
    sim.check_access(ctx.who, repo, ctx.op.op_id)
    return repo


def _pull(sim: GitHubSimulator, ctx: Ctx) -> PullRequest:
    return sim.state.pull(
        _repo(sim, ctx).full_name, int(ctx.params.get("pull_number") or ctx.params["issue_number"])
    )


def _page(ctx: Ctx, items: list[Any], render: Callable[[Any], Any]) -> Result:
    """GitHub pagination: per_page (default 30, max 100), page, and a Link header (next/last/first/prev)."""
    per_page, page = min(max(ctx.arg("per_page", 30), 1), 100), max(ctx.arg("page", 1), 1)
    last = max(1, -(-len(items) // per_page))

    def link(number: int, rel: str) -> str:
        query = {k: v[-1] for k, v in ctx.query.items()} | {"per_page": str(per_page), "page": str(number)}
        return (
            f'<{ctx.render.base}{urllib.parse.quote(ctx.path)}?{urllib.parse.urlencode(query)}>; rel="{rel}"'
        )

    links = ([link(page + 1, "next"), link(last, "last")] if page < last else []) + (
        [link(1, "first"), link(page - 1, "prev")] if page > 1 else []
    )
    chunk = items[(page - 1) * per_page : page * per_page]
    return 200, [render(i) for i in chunk], ({"Link": ", ".join(links)} if links else {})


def _since(ctx: Ctx, items: list[Any]) -> list[Any]:
    since = ctx.query.get("since", [""])[-1]
    return [i for i in items if iso(i.updated_at) >= since] if since else items


def _app_only(ctx: Ctx) -> int:
    if ctx.who.kind != "app" or ctx.who.app_id is None:
        raise ApiError(401, "A JSON web token could not be decoded")
    return ctx.who.app_id


def r_get_app(sim: GitHubSimulator, ctx: Ctx) -> Result:
    return 200, ctx.render.app(sim.state.apps[_app_only(ctx)])


def r_manifest(sim: GitHubSimulator, ctx: Ctx) -> Result:
    conversion = sim.state.manifest_codes.pop(ctx.params["code"], None)
    if conversion is None:
        raise ApiError(404, "Not Found")
    return 201, {
        "id": 1,
        "slug": "remediator",
        "pem": "",
        "webhook_secret": "",
        "client_id": "Iv1.sim",
        "client_secret": "",
        **conversion,
    }


def r_access_token(sim: GitHubSimulator, ctx: Ctx) -> Result:
    app_id = _app_only(ctx)
    inst = sim.state.installations.get(int(ctx.params["installation_id"]))
    if inst is None or inst.app_id != app_id:
        raise ApiError(404, "Not Found")
    body = ctx.body or {}
    wanted = body.get("permissions") or {}
    if any(
        _LEVEL.get(level, 9) > _LEVEL.get(inst.permissions.get(name, "none"), 0)
        for name, level in wanted.items()
    ):
        raise ApiError(422, "The permissions requested are not granted to this installation.")
    repos = None if inst.repos is None else set(inst.repos)
    if body.get("repositories") or body.get("repository_ids"):
        by_id = {r.id: r.full_name.lower() for r in sim.state.repos.values()}
        asked = {f"{inst.account}/{n}".lower() for n in body.get("repositories", [])}
        asked |= {by_id.get(i, "?") for i in body.get("repository_ids", [])}
        visible = {n for n, r in sim.state.repos.items() if r.owner.lower() == inst.account.lower()}
        if not asked <= (visible if repos is None else repos & visible):
            raise ApiError(
                422,
                "There is at least one repository that does not exist or is not accessible "
                "to the parent installation.",
            )
        repos = asked
    perms = wanted or dict(inst.permissions)
    value = "ghs_" + secrets.token_hex(18)
    expires = sim.clock() + 3600
    sim.state.tokens[value] = Token(
        value, f"{sim.state.apps[app_id].slug}[bot]", expires, inst.id, repos, perms
    )
    return 201, {
        "token": value,
        "expires_at": iso(expires),
        "permissions": perms,
        "repository_selection": "all" if repos is None else "selected",
    }


def r_rate_limit(sim: GitHubSimulator, ctx: Ctx) -> Result:
    def entry(resource: str) -> dict[str, Any]:
        h = sim._rate_headers(resource)
        return {
            "limit": int(h["x-ratelimit-limit"]),
            "remaining": int(h["x-ratelimit-remaining"]),
            "reset": int(h["x-ratelimit-reset"]),
            "used": int(h["x-ratelimit-used"]),
            "resource": resource,
        }

    core = entry("core")
    search = {**core, "limit": 30, "remaining": 30, "used": 0, "resource": "search"}
    return 200, {"resources": {"core": core, "graphql": entry("graphql"), "search": search}, "rate": core}


def r_repo(sim: GitHubSimulator, ctx: Ctx) -> Result:
    return 200, ctx.render.repo(_repo(sim, ctx))


def r_content(sim: GitHubSimulator, ctx: Ctx) -> Result:
    repo = _repo(sim, ctx)
    ref = ctx.query.get("ref", [repo.default_branch])[-1]
    sha = repo.sha_for(ref)
    if sha is None:
        raise ApiError(404, f"No commit found for the ref {ref}")
    files, path = repo.contents.get(sha, {}), ctx.params["path"].strip("/")
    if path in files:
        return 200, ctx.render.content(repo, ref, path, files[path])
    prefix = f"{path}/" if path else ""
    names = sorted({p[len(prefix) :].split("/")[0] for p in files if p.startswith(prefix)})
    if not names:
        raise ApiError(
            404, "Not Found", docs="https://docs.github.com/rest/repos/contents#get-repository-content"
        )
    entries = []
    for name in names:
        full = prefix + name
        item = ctx.render.content(repo, ref, full, files.get(full, b""))
        item.pop("content"), item.pop("encoding")
        entries.append(item | ({} if full in files else {"type": "dir", "size": 0}))
    return 200, entries


def r_repo_installation(sim: GitHubSimulator, ctx: Ctx) -> Result:
    app_id = _app_only(ctx)
    repo = sim.state.repo(f"{ctx.params['owner']}/{ctx.params['repo']}")
    for inst in sim.state.installations.values():
        if inst.app_id == app_id and (
            repo.full_name.lower() in (inst.repos or [])
            or (inst.repos is None and inst.account.lower() == repo.owner.lower())
        ):
            return 200, ctx.render.installation(inst)
    raise ApiError(404, "Not Found")


def _known_sha(repo: Repo, sha: str) -> bool:
    return (
        sha in repo.contents
        or sha in repo.branches.values()
        or any(sha in p.commits or sha == p.base_sha for p in repo.pulls.values())
    )


def _apply_check(sim: GitHubSimulator, run: CheckRun, body: dict[str, Any]) -> None:
    for key in ("name", "details_url", "external_id", "started_at", "completed_at", "status"):
        if key in body:
            setattr(run, key, body[key])
    if body.get("conclusion"):
        run.conclusion, run.status = body["conclusion"], "completed"
    if run.status == "completed" and run.completed_at is None:
        run.completed_at = iso(sim.clock())
    output = body.get("output") or {}
    run.output.update({k: output[k] for k in ("title", "summary", "text") if k in output})
    run.annotations.extend(output.get("annotations", []))  # GitHub appends across updates
    run.updates += 1


def r_check_create(sim: GitHubSimulator, ctx: Ctx) -> Result:
    repo = _repo(sim, ctx)
    if not _known_sha(repo, ctx.body["head_sha"]):
        raise ApiError(422, f"No commit found for SHA: {ctx.body['head_sha']}")
    run = CheckRun(sim.state.new_id(), repo.full_name, ctx.body["name"], ctx.body["head_sha"], ctx.who.app_id)
    _apply_check(sim, run, ctx.body)
    sim.state.check_runs[run.id] = run
    return 201, ctx.render.check_run(run)


def r_check_update(sim: GitHubSimulator, ctx: Ctx) -> Result:
    repo = _repo(sim, ctx)
    run = sim.state.check_runs.get(int(ctx.params["check_run_id"]))
    if run is None or run.repo != repo.full_name:
        raise ApiError(404, "Not Found")
    _apply_check(sim, run, ctx.body)
    return 200, ctx.render.check_run(run)


def _issue_comment(sim: GitHubSimulator, ctx: Ctx) -> IssueComment:
    repo = _repo(sim, ctx)
    comment = sim.state.issue_comments.get(int(ctx.params["comment_id"]))
    if comment is None or comment.repo != repo.full_name:
        raise ApiError(404, "Not Found")
    return comment


def r_reaction(sim: GitHubSimulator, ctx: Ctx) -> Result:
    comment = _issue_comment(sim, ctx)
    for reaction in comment.reactions:
        if reaction.user == ctx.who.login and reaction.content == ctx.body["content"]:
            return 200, ctx.render.reaction(reaction)
    reaction = Reaction(sim.state.new_id(), ctx.who.login, ctx.body["content"], sim.clock())
    comment.reactions.append(reaction)
    return 201, ctx.render.reaction(reaction)


def r_issue_comments(sim: GitHubSimulator, ctx: Ctx) -> Result:
    pr = _pull(sim, ctx)
    return _page(ctx, _since(ctx, sim.issue_comments(pr.repo, pr.number)), ctx.render.issue_comment)


def r_issue_comment_create(sim: GitHubSimulator, ctx: Ctx) -> Result:
    pr = _pull(sim, ctx)
    now = sim.clock()
    comment = IssueComment(sim.state.new_id(), pr.repo, pr.number, ctx.who.login, ctx.body["body"], now, now)
    sim.state.issue_comments[comment.id] = comment
    return 201, ctx.render.issue_comment(comment)


def r_issue_comment(sim: GitHubSimulator, ctx: Ctx) -> Result:
    return 200, ctx.render.issue_comment(_issue_comment(sim, ctx))


def r_issue_comment_update(sim: GitHubSimulator, ctx: Ctx) -> Result:
    comment = _issue_comment(sim, ctx)
    comment.body, comment.updated_at = ctx.body["body"], sim.clock()
    return 200, ctx.render.issue_comment(comment)


def r_pull(sim: GitHubSimulator, ctx: Ctx) -> Result:
    return 200, ctx.render.pull(_pull(sim, ctx))


def r_review_comments(sim: GitHubSimulator, ctx: Ctx) -> Result:
    pr = _pull(sim, ctx)
    items = _since(ctx, sim.state.visible_comments(pr.repo, pr.number))
    if "sort" in ctx.query:
        key = "updated_at" if ctx.query["sort"][-1] == "updated" else "created_at"
        items.sort(
            key=lambda c: (getattr(c, key), c.id), reverse=ctx.query.get("direction", ["desc"])[-1] == "desc"
        )
    return _page(ctx, items, ctx.render.review_comment)


def r_review_comment_create(sim: GitHubSimulator, ctx: Ctx) -> Result:
    return 201, ctx.render.review_comment(sim.state.add_comment(_pull(sim, ctx), ctx.who.login, ctx.body))


def r_reply(sim: GitHubSimulator, ctx: Ctx) -> Result:
    comment = sim.state.reply(_pull(sim, ctx), int(ctx.params["comment_id"]), ctx.who.login, ctx.body["body"])
    return 201, ctx.render.review_comment(comment)


def r_review_comment_update(sim: GitHubSimulator, ctx: Ctx) -> Result:
    repo = _repo(sim, ctx)
    comment = sim.state.comments.get(int(ctx.params["comment_id"]))
    if comment is None or comment.repo != repo.full_name:
        raise ApiError(404, "Not Found")
    comment.body, comment.updated_at = ctx.body["body"], sim.clock()
    return 200, ctx.render.review_comment(comment)


def r_files(sim: GitHubSimulator, ctx: Ctx) -> Result:
    pr = _pull(sim, ctx)
    return _page(ctx, pr.files[:3000], lambda f: ctx.render.changed_file(pr, f))  # GitHub lists 3000 at most


def _visible_reviews(sim: GitHubSimulator, ctx: Ctx, pr: PullRequest) -> list[Review]:
    return [r for r in sim.reviews(pr.repo, pr.number) if r.state != "PENDING" or r.user == ctx.who.login]


def r_reviews(sim: GitHubSimulator, ctx: Ctx) -> Result:
    pr = _pull(sim, ctx)
    return _page(ctx, _visible_reviews(sim, ctx, pr), ctx.render.review)


def r_review_create(sim: GitHubSimulator, ctx: Ctx) -> Result:
    body = ctx.body or {}
    review = sim.state.create_review(
        _pull(sim, ctx),
        user=ctx.who.login,
        body=body.get("body", ""),
        event=body.get("event"),
        commit_id=body.get("commit_id"),
        comments=body.get("comments", []),
    )
    return 200, ctx.render.review(review)


def _review(sim: GitHubSimulator, ctx: Ctx) -> Review:
    pr = _pull(sim, ctx)
    review = sim.state.reviews.get(int(ctx.params["review_id"]))
    if review is None or review not in _visible_reviews(sim, ctx, pr):
        raise ApiError(404, "Not Found")
    return review


def r_review_comments_of(sim: GitHubSimulator, ctx: Ctx) -> Result:
    review = _review(sim, ctx)
    return _page(ctx, [sim.state.comments[i] for i in review.comment_ids], ctx.render.review_comment)


def r_review_submit(sim: GitHubSimulator, ctx: Ctx) -> Result:
    review = _review(sim, ctx)
    if review.state != "PENDING":
        raise ApiError(422, "Unprocessable Entity", ["Can not submit a non-pending review"])
    review.event, review.state, review.submitted_at = ctx.body["event"], "COMMENTED", sim.clock()
    review.body = ctx.body.get("body", review.body)
    return 200, ctx.render.review(review)


def r_status(sim: GitHubSimulator, ctx: Ctx) -> Result:
    repo = _repo(sim, ctx)
    if not _known_sha(repo, ctx.params["sha"]):
        raise ApiError(422, f"No commit found for SHA: {ctx.params['sha']}")
    st = CommitStatus(
        sim.state.new_id(),
        repo.full_name,
        ctx.params["sha"],
        ctx.body["state"],
        ctx.body.get("context", "default"),
        ctx.body.get("description"),
        ctx.body.get("target_url"),
        ctx.who.login,
        sim.clock(),
    )
    sim.state.statuses.append(st)
    return 201, ctx.render.status(st)


def r_graphql(sim: GitHubSimulator, ctx: Ctx) -> Result:
    return 200, run_graphql(sim, ctx)


_LEGACY_PERMISSION = {
    "admin": "admin",
    "maintain": "write",
    "write": "write",
    "triage": "read",
    "read": "read",
}


def r_collaborator_permission(sim: GitHubSimulator, ctx: Ctx) -> Result:
    """Extension: GET /repos/{o}/{r}/collaborators/{username}/permission (roles set by set_role)."""
    repo = _repo(sim, ctx)
    login = ctx.params["username"]
    if login.lower() == repo.owner.lower():
        role = "admin"
    else:
        role = sim.roles.get((repo.full_name.lower(), login.lower()), "none" if repo.private else "read")
    if role == "none":
        raise ApiError(404, f"{login} is not a user")
    return 200, {"permission": _LEGACY_PERMISSION[role], "role_name": role, "user": ctx.render.user(login)}


ROUTES: dict[str, Callable[[GitHubSimulator, Ctx], Result]] = {
    "apps/get-authenticated": r_get_app,
    "apps/create-from-manifest": r_manifest,
    "apps/create-installation-access-token": r_access_token,
    "rate-limit/get": r_rate_limit,
    "repos/get": r_repo,
    "checks/create": r_check_create,
    "checks/update": r_check_update,
    "repos/get-content": r_content,
    "apps/get-repo-installation": r_repo_installation,
    "reactions/create-for-issue-comment": r_reaction,
    "issues/list-comments": r_issue_comments,
    "issues/create-comment": r_issue_comment_create,
    "issues/get-comment": r_issue_comment,
    "issues/update-comment": r_issue_comment_update,
    "pulls/get": r_pull,
    "pulls/list-review-comments": r_review_comments,
    "pulls/create-review-comment": r_review_comment_create,
    "pulls/create-reply-for-review-comment": r_reply,
    "pulls/update-review-comment": r_review_comment_update,
    "pulls/list-files": r_files,
    "pulls/list-reviews": r_reviews,
    "pulls/create-review": r_review_create,
    "pulls/list-comments-for-review": r_review_comments_of,
    "pulls/submit-review": r_review_submit,
    "repos/create-commit-status": r_status,
    "graphql": r_graphql,
    "repos/get-collaborator-permission-level": r_collaborator_permission,
}
