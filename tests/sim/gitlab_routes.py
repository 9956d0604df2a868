"""The GitLab simulator's route table: one function per REST endpoint it simulates, with the role each
needs (Reporter to read, Guest to comment, Developer to resolve others' threads and set statuses).
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from typing import Any

from tests.sim.gitlab import Ctx, GitLabSimulator, Result, page
from tests.sim.gitlab_state import DEVELOPER, GUEST, ApiError, Note

_P = r"/projects/(?P<project>[^/]+)"
_MR = _P + r"/merge_requests/(?P<iid>\d+)"


def _text(ctx: Ctx, name: str) -> str:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    value = body.get(name, ctx.q(name))
    if not isinstance(value, str) or not value.strip():
        raise ApiError(400, f"{name} is missing")
    return value


def r_user(sim: GitLabSimulator, ctx: Ctx) -> Result:
    return 200, {**ctx.who.json(), "bot": "bot" in ctx.who.username}, {}


def r_project(sim: GitLabSimulator, ctx: Ctx) -> Result:
    return 200, sim._project(ctx).json(), {}


def r_mr(sim: GitLabSimulator, ctx: Ctx) -> Result:
    return 200, sim._mr(ctx)[1].json(), {}


def r_versions(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx)
    return page(ctx, [v.json(mr.id) for v in reversed(mr.versions)])


def r_version(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx)
    for v in mr.versions:
        if str(v.id) == ctx.params["vid"]:
            return 200, v.json(mr.id, with_diffs=True), {}
    raise ApiError(404, "404 Not found")


def r_diffs(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx)
    return page(ctx, [mr.latest.entry(f) for f in mr.latest.files])


def r_changes(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx)
    return 200, {**mr.json(), "changes": [mr.latest.entry(f) for f in mr.latest.files]}, {}


def r_discussions(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx)
    return page(ctx, [d.json(mr) for d in mr.discussions])


def r_discussion(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx)
    return 200, sim.state.discussion(mr, ctx.params["did"]).json(mr), {}


def r_discussion_create(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx, GUEST)
    position = ctx.body.get("position") if isinstance(ctx.body, dict) else None
    discussion = sim.state.add_discussion(mr, ctx.who, _text(ctx, "body"), position)
    return 201, discussion.json(mr), {}


def r_discussion_resolve(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx, GUEST)
    discussion = sim.state.discussion(mr, ctx.params["did"])
    project = sim.state.project(ctx.params["project"])
    if project.members.get(ctx.who.username, 0) < DEVELOPER and mr.author.username != ctx.who.username:
        raise ApiError(403, "403 Forbidden")
    raw = ctx.body.get("resolved") if isinstance(ctx.body, dict) else ctx.q("resolved")
    if raw is None:
        raw = ctx.q("resolved")
    if str(raw).lower() not in ("true", "false"):
        raise ApiError(400, "resolved is missing")
    sim.state.resolve(discussion, ctx.who, str(raw).lower() == "true")
    return 200, discussion.json(mr), {}


def r_discussion_reply(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx, GUEST)
    discussion = sim.state.discussion(mr, ctx.params["did"])
    note = sim.state.reply(mr, discussion, ctx.who, _text(ctx, "body"))
    return 201, note.json(mr), {}


def _edit(sim: GitLabSimulator, ctx: Ctx, note: Note) -> Result:
    _, mr = sim._mr(ctx, GUEST)
    if note.author.username != ctx.who.username:
        raise ApiError(403, "403 Forbidden")  # only the author edits a note's body
    note.body = _text(ctx, "body")
    note.updated_at = sim.clock()
    return 200, note.json(mr), {}


def r_discussion_note_edit(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx, GUEST)
    discussion = sim.state.discussion(mr, ctx.params["did"])
    note = next((n for n in discussion.notes if str(n.id) == ctx.params["nid"]), None)
    if note is None:
        raise ApiError(404, "404 Note Not Found")
    return _edit(sim, ctx, note)


def r_notes(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx)
    notes = sorted(mr.notes(), key=lambda n: (n.created_at, n.id), reverse=ctx.q("sort", "desc") == "desc")
    return page(ctx, [n.json(mr) for n in notes])


def r_note(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx)
    return 200, sim.state.note(mr, ctx.params["nid"])[1].json(mr), {}


def r_note_create(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx, GUEST)
    discussion = sim.state.add_discussion(mr, ctx.who, _text(ctx, "body"), individual=True)
    return 201, discussion.notes[0].json(mr), {}


def r_note_edit(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx, GUEST)
    return _edit(sim, ctx, sim.state.note(mr, ctx.params["nid"])[1])


def r_award(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx, GUEST)
    note = sim.state.note(mr, ctx.params["nid"])[1]
    name = _text(ctx, "name")
    if (name, ctx.who.username) in note.awards:
        raise ApiError(404, "404 Award Emoji Name has already been taken")
    note.awards.append((name, ctx.who.username))
    return 201, {"id": sim.state.new_id(), "name": name, "user": ctx.who.json(), "awardable_id": note.id}, {}


def r_awards(sim: GitLabSimulator, ctx: Ctx) -> Result:
    _, mr = sim._mr(ctx)
    note = sim.state.note(mr, ctx.params["nid"])[1]
    return page(ctx, [{"name": n, "user": sim.state.user(u).json()} for n, u in note.awards])


def _file(sim: GitLabSimulator, ctx: Ctx) -> bytes:
    project = sim._project(ctx)
    ref = ctx.q("ref")
    if not ref:
        raise ApiError(400, "400 Bad request - ref is missing")
    sha = project.sha_for(ref)
    contents = project.files.get(sha or "", {})
    data = contents.get(ctx.params["file"])
    if data is None:
        raise ApiError(404, "404 File Not Found")
    return data


def r_file_head(sim: GitLabSimulator, ctx: Ctx) -> Result:
    data = _file(sim, ctx)
    # header values are Latin-1 on the wire: a name with a newline or any Unicode goes percent-encoded
    path = urllib.parse.quote(ctx.params["file"], safe="/")
    size = {"X-Gitlab-Size": str(len(data))} if sim.file_size_header else {}
    return 200, b"", {**size, "X-Gitlab-File-Path": path}


def r_file_raw(sim: GitLabSimulator, ctx: Ctx) -> Result:
    return 200, _file(sim, ctx), {"Content-Type": "text/plain; charset=utf-8"}


def r_tree(sim: GitLabSimulator, ctx: Ctx) -> Result:
    """GET /projects/:id/repository/tree (GitLab's Repositories API): ``ref`` (default branch when
    absent), ``path``, ``recursive``; items are ``tree`` (folders) and ``blob`` (files), paginated."""
    project = sim._project(ctx)
    ref = ctx.q("ref") or project.default_branch
    sha = project.sha_for(ref)
    if sha is None:
        raise ApiError(404, "404 Tree Not Found")
    files = project.files.get(sha, {})
    base = ctx.q("path").strip("/")
    prefix = f"{base}/" if base else ""
    recursive = ctx.q("recursive").lower() == "true"
    folders: set[str] = set()
    blobs: list[str] = []
    for path in sorted(files):
        if not path.startswith(prefix):
            continue
        rest = path[len(prefix) :].split("/")
        for depth in range(1, len(rest)):
            if recursive or depth == 1:
                folders.add(prefix + "/".join(rest[:depth]))
        if recursive or len(rest) == 1:
            blobs.append(path)
    if base and not folders and not blobs:
        raise ApiError(404, "404 Tree Not Found")
    items = [
        {
            "id": hashlib.sha256(p.encode()).hexdigest()[:40],
            "name": p.rsplit("/", 1)[-1],
            "type": kind,
            "path": p,
            "mode": "040000" if kind == "tree" else "100644",
        }
        for kind, names in (("tree", sorted(folders)), ("blob", blobs))
        for p in names
    ]
    return page(ctx, items)


def r_status_create(sim: GitLabSimulator, ctx: Ctx) -> Result:
    project = sim._project(ctx, DEVELOPER)
    data = ctx.body if isinstance(ctx.body, dict) else {k: v[-1] for k, v in ctx.query.items()}
    return 201, sim.state.set_status(project, ctx.params["sha"], ctx.who, data).json(), {}


def r_statuses(sim: GitLabSimulator, ctx: Ctx) -> Result:
    project = sim._project(ctx)
    found = [s for s in project.statuses if s.sha == ctx.params["sha"]]
    if ctx.q("name"):
        found = [s for s in found if s.name == ctx.q("name")]
    return page(ctx, [s.json() for s in found])


def r_members(sim: GitLabSimulator, ctx: Ctx) -> Result:
    project = sim._project(ctx)
    wanted = ctx.q("query").lower()
    rows = [
        {**sim.state.user(name).json(), "access_level": level}
        for name, level in project.members.items()
        if wanted in name.lower()
    ]
    return page(ctx, rows)


def _route(method: str, pattern: str, func: Any) -> tuple[str, re.Pattern[str], Any]:
    return method, re.compile(pattern), func


ROUTES = [
    _route("GET", r"/user", r_user),
    _route("GET", _P, r_project),
    _route("GET", _MR, r_mr),
    _route("GET", _MR + r"/versions", r_versions),
    _route("GET", _MR + r"/versions/(?P<vid>\d+)", r_version),
    _route("GET", _MR + r"/diffs", r_diffs),
    _route("GET", _MR + r"/changes", r_changes),
    _route("GET", _MR + r"/discussions", r_discussions),
    _route("POST", _MR + r"/discussions", r_discussion_create),
    _route("GET", _MR + r"/discussions/(?P<did>[0-9a-f]+)", r_discussion),
    _route("PUT", _MR + r"/discussions/(?P<did>[0-9a-f]+)", r_discussion_resolve),
    _route("POST", _MR + r"/discussions/(?P<did>[0-9a-f]+)/notes", r_discussion_reply),
    _route("PUT", _MR + r"/discussions/(?P<did>[0-9a-f]+)/notes/(?P<nid>\d+)", r_discussion_note_edit),
    _route("GET", _MR + r"/notes", r_notes),
    _route("POST", _MR + r"/notes", r_note_create),
    _route("GET", _MR + r"/notes/(?P<nid>\d+)", r_note),
    _route("PUT", _MR + r"/notes/(?P<nid>\d+)", r_note_edit),
    _route("GET", _MR + r"/notes/(?P<nid>\d+)/award_emoji", r_awards),
    _route("POST", _MR + r"/notes/(?P<nid>\d+)/award_emoji", r_award),
    _route("HEAD", _P + r"/repository/files/(?P<file>[^/]+)", r_file_head),
    _route("GET", _P + r"/repository/files/(?P<file>[^/]+)/raw", r_file_raw),
    _route("GET", _P + r"/repository/tree", r_tree),
    _route("POST", _P + r"/statuses/(?P<sha>[0-9a-f]{40})", r_status_create),
    _route("GET", _P + r"/repository/commits/(?P<sha>[0-9a-f]{40})/statuses", r_statuses),
    _route("GET", _P + r"/members/all", r_members),
]

__all__ = ["ROUTES"]
