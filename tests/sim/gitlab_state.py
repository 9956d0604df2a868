"""In-memory state of the GitLab simulator: projects, merge requests and their versions, discussions,
notes, commit statuses, members and files; GitLab's rules about them (diff positions, status
transitions) and its REST JSON shapes, modelled on the real bodies in tests/fixtures/platform/gitlab/.
No HTTP here.
"""

from __future__ import annotations

import copy
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.fixtures import PLATFORM
from tests.sim.github_state import ChangedFile, parse_unified_diff

GITLAB_DATA = PLATFORM / "gitlab"
MR_TEMPLATE = json.loads((GITLAB_DATA / "go-gitlab-testdata/api/get_merge_request.json").read_text())
DISCUSSION_TEMPLATE = json.loads((GITLAB_DATA / "docs-examples/mr_discussions_diffnote.json").read_text())[0]
VERSION_TEMPLATE = json.loads((GITLAB_DATA / "docs-examples/mr_versions.json").read_text())[0]
LINE_CODE_ERROR = '400 Bad request - Note {:line_code=>["can\'t be blank", "must be a valid line code"]}'
GUEST, REPORTER, DEVELOPER, MAINTAINER, OWNER = 10, 20, 30, 40, 50


class ApiError(Exception):
    """An answer GitLab would give instead of success: HTTP status plus JSON body."""

    def __init__(self, status: int, message: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(str(message))
        self.status = status
        self.body: dict[str, Any] = {"message": message}
        self.headers = headers or {}


def iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(ts))


def fake_sha(seed: str) -> str:
    return hashlib.sha1(seed.encode(), usedforsecurity=False).hexdigest()


@dataclass
class User:
    id: int
    username: str

    def json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "username": self.username,
            "name": self.username,
            "state": "active",
            "avatar_url": None,
            "web_url": f"https://gitlab.example/{self.username}",
        }


@dataclass
class Version:
    id: int
    base: str
    start: str
    head: str
    files: list[ChangedFile]
    created_at: float

    def entry(self, f: ChangedFile) -> dict[str, Any]:
        """One diff entry, as ``merge_requests/:iid/diffs`` and ``versions/:id`` return it."""
        return {
            "old_path": f.previous_filename or f.filename,
            "new_path": f.filename,
            "a_mode": "0" if f.status == "added" else "100644",
            "b_mode": "0" if f.status == "removed" else "100644",
            "diff": (f.patch + "\n") if f.patch and not f.omit_patch else "",
            "new_file": f.status == "added",
            "renamed_file": f.status == "renamed",
            "deleted_file": f.status == "removed",
            "generated_file": False,
            "too_large": f.omit_patch,
            "collapsed": False,
        }

    def json(self, mr_id: int, *, with_diffs: bool = False) -> dict[str, Any]:
        out = copy.deepcopy(VERSION_TEMPLATE)
        out.update(
            id=self.id,
            head_commit_sha=self.head,
            base_commit_sha=self.base,
            start_commit_sha=self.start,
            created_at=iso(self.created_at),
            merge_request_id=mr_id,
            real_size=str(len(self.files)),
        )
        if with_diffs:
            out["diffs"] = [self.entry(f) for f in self.files]
        return out


@dataclass
class Note:
    id: int
    body: str
    author: User
    created_at: float
    type: str | None = None  # None | "DiffNote" | "DiscussionNote"
    position: dict[str, Any] | None = None
    resolvable: bool = False
    resolved: bool = False
    resolved_by: User | None = None
    system: bool = False
    updated_at: float = 0.0
    awards: list[tuple[str, str]] = field(default_factory=list)  # (emoji name, username)

    def json(self, mr: MergeRequest) -> dict[str, Any]:
        out = copy.deepcopy(DISCUSSION_TEMPLATE["notes"][0])
        out.update(
            id=self.id,
            type=self.type,
            body=self.body,
            author=self.author.json(),
            created_at=iso(self.created_at),
            updated_at=iso(self.updated_at or self.created_at),
            system=self.system,
            noteable_id=mr.id,
            noteable_type="MergeRequest",
            project_id=mr.project_id,
            noteable_iid=mr.iid,
            commit_id=self.position["head_sha"] if self.position else None,
            resolvable=self.resolvable,
            resolved=self.resolved if self.resolvable else False,
            resolved_by=self.resolved_by.json() if self.resolved_by and self.resolvable else None,
        )
        if self.position is None:
            out.pop("position", None)
        else:
            out["position"] = copy.deepcopy(self.position)
        return out


@dataclass
class Discussion:
    id: str
    individual_note: bool
    notes: list[Note]

    def json(self, mr: MergeRequest) -> dict[str, Any]:
        return {
            "id": self.id,
            "individual_note": self.individual_note,
            "notes": [n.json(mr) for n in self.notes],
        }


@dataclass
class MergeRequest:
    id: int
    iid: int
    project_id: int
    project_path: str
    title: str
    description: str
    author: User
    source_branch: str
    target_branch: str
    versions: list[Version]
    state: str = "opened"
    draft: bool = False
    discussions: list[Discussion] = field(default_factory=list)
    created_at: float = 0.0

    @property
    def latest(self) -> Version:
        return self.versions[-1]

    def notes(self) -> list[Note]:
        return [n for d in self.discussions for n in d.notes]

    def json(self) -> dict[str, Any]:
        out = copy.deepcopy(MR_TEMPLATE)
        v = self.latest
        out.update(
            id=self.id,
            iid=self.iid,
            project_id=self.project_id,
            title=self.title,
            description=self.description,
            state=self.state,
            created_at=iso(self.created_at),
            updated_at=iso(self.created_at),
            target_branch=self.target_branch,
            source_branch=self.source_branch,
            author=self.author.json(),
            source_project_id=self.project_id,
            target_project_id=self.project_id,
            work_in_progress=self.draft,
            draft=self.draft,
            sha=v.head,
            diff_refs={"base_sha": v.base, "head_sha": v.head, "start_sha": v.start},
            reference=f"!{self.iid}",
            web_url=f"https://gitlab.example/{self.project_path}/-/merge_requests/{self.iid}",
            user_notes_count=sum(1 for n in self.notes() if not n.system),
            changes_count=str(len(v.files)),
        )
        return out


@dataclass
class CommitStatus:
    id: int
    sha: str
    name: str
    status: str
    description: str
    target_url: str | None
    author: User
    created_at: float

    def json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sha": self.sha,
            "ref": None,
            "status": self.status,
            "name": self.name,
            "target_url": self.target_url,
            "description": self.description,
            "created_at": iso(self.created_at),
            "started_at": None,
            "finished_at": iso(self.created_at) if self.status in ("success", "failed", "canceled") else None,
            "allow_failure": False,
            "coverage": None,
            "author": self.author.json(),
        }


@dataclass
class Project:
    id: int
    path: str
    default_branch: str
    branches: dict[str, str] = field(default_factory=dict)
    files: dict[str, dict[str, bytes]] = field(default_factory=dict)  # sha -> path -> contents
    members: dict[str, int] = field(default_factory=dict)  # username -> access level
    mrs: dict[int, MergeRequest] = field(default_factory=dict)
    statuses: list[CommitStatus] = field(default_factory=list)
    visibility: str = "private"

    def sha_for(self, ref: str) -> str | None:
        if ref in self.branches:
            return self.branches[ref]
        return ref if ref in self.files else None

    def json(self) -> dict[str, Any]:
        namespace, _, name = self.path.rpartition("/")
        return {
            "id": self.id,
            "name": name,
            "path": name,
            "path_with_namespace": self.path,
            "name_with_namespace": self.path.replace("/", " / "),
            "default_branch": self.default_branch,
            "visibility": self.visibility,
            "web_url": f"https://gitlab.example/{self.path}",
            "namespace": {"full_path": namespace},
        }


def line_code(path: str, old: int | None, new: int | None) -> str:
    return f"{hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()}_{old or 0}_{new or 0}"


def validate_position(mr: MergeRequest, position: Any) -> dict[str, Any]:
    """The stored position for a new diff note, or ApiError(400, line_code) as GitLab answers.

    Added line: new_line only. Removed line: old_line only. Context line: both, and they must agree.
    """
    if not isinstance(position, dict) or position.get("position_type") != "text":
        raise ApiError(400, LINE_CODE_ERROR)
    shas = (position.get("base_sha"), position.get("start_sha"), position.get("head_sha"))
    version = next((v for v in mr.versions if (v.base, v.start, v.head) == shas), None)
    if version is None:
        raise ApiError(400, LINE_CODE_ERROR)
    new_path, old_path = position.get("new_path"), position.get("old_path")
    f = next((f for f in version.files if f.filename == new_path), None)
    if f is None or (old_path and old_path != (f.previous_filename or f.filename)):
        raise ApiError(400, LINE_CODE_ERROR)

    def as_int(name: str) -> int | None:
        value = position.get(name)
        if value is None:
            return None
        if isinstance(value, str) and value.isdigit():
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ApiError(400, LINE_CODE_ERROR)

    old, new = as_int("old_line"), as_int("new_line")
    for hunk in f.hunks:
        for d in hunk.lines:
            if d.kind == "+" and new is not None and old is None and d.new == new:
                break
            if d.kind == "-" and old is not None and new is None and d.old == old:
                break
            if d.kind == " " and old is not None and new is not None and (d.old, d.new) == (old, new):
                break
        else:
            continue
        break
    else:
        raise ApiError(400, LINE_CODE_ERROR)
    stored = {k: position.get(k) for k in ("base_sha", "start_sha", "head_sha", "old_path", "new_path")}
    stored.update(position_type="text", old_path=old_path or new_path, old_line=old, new_line=new)
    code = line_code(str(new_path), old, new)
    stored["line_range"] = {"start": {"line_code": code, "type": "new" if old is None else "old"}}
    stored["line_range"]["end"] = dict(stored["line_range"]["start"])
    return stored


class State:
    """Everything the simulator holds; ids come from one counter."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.users: dict[str, User] = {}
        self.tokens: dict[str, str] = {}
        self.projects: dict[str, Project] = {}
        self._next = 1000

    def new_id(self) -> int:
        self._next += 1
        return self._next

    def user(self, username: str) -> User:
        if username not in self.users:
            self.users[username] = User(self.new_id(), username)
        return self.users[username]

    def project(self, ref: str) -> Project:
        """By numeric id or full path (already percent-decoded); 404 like GitLab otherwise."""
        if ref.isdigit():
            for p in self.projects.values():
                if p.id == int(ref):
                    return p
        elif ref.lower() in self.projects:
            return self.projects[ref.lower()]
        raise ApiError(404, "404 Project Not Found")

    def mr(self, project: Project, iid: str) -> MergeRequest:
        if iid.isdigit() and int(iid) in project.mrs:
            return project.mrs[int(iid)]
        raise ApiError(404, "404 Not found")

    def new_version(self, project: Project, diff: str, base: str, head: str) -> Version:
        files = parse_unified_diff(diff)
        return Version(self.new_id(), base, base, head, files, self.clock())

    def discussion(self, mr: MergeRequest, discussion_id: str) -> Discussion:
        for d in mr.discussions:
            if d.id == discussion_id:
                return d
        raise ApiError(404, "404 Discussion Not Found")

    def note(self, mr: MergeRequest, note_id: str) -> tuple[Discussion, Note]:
        for d in mr.discussions:
            for n in d.notes:
                if str(n.id) == note_id:
                    return d, n
        raise ApiError(404, "404 Note Not Found")

    def add_discussion(
        self, mr: MergeRequest, author: User, body: str, position: Any = None, *, individual: bool = False
    ) -> Discussion:
        stored = validate_position(mr, position) if position is not None else None
        now = self.clock()
        note = Note(
            self.new_id(),
            body,
            author,
            now,
            type="DiffNote" if stored else (None if individual else "DiscussionNote"),
            position=stored,
            resolvable=not individual,
        )
        seed = f"{mr.project_path}!{mr.iid}:{note.id}"
        discussion = Discussion(fake_sha(seed), individual, [note])
        mr.discussions.append(discussion)
        return discussion

    def reply(self, mr: MergeRequest, discussion: Discussion, author: User, body: str) -> Note:
        first = discussion.notes[0]
        note = Note(
            self.new_id(),
            body,
            author,
            self.clock(),
            type=first.type if first.type == "DiffNote" else "DiscussionNote",
            position=copy.deepcopy(first.position),
            resolvable=True,
            resolved=first.resolved,
            resolved_by=first.resolved_by,
        )
        if discussion.individual_note:  # replying turns a single comment into a thread
            discussion.individual_note = False
            for n in discussion.notes:
                n.resolvable = True
                n.type = n.type or "DiscussionNote"
        discussion.notes.append(note)
        return note

    def resolve(self, discussion: Discussion, who: User, resolved: bool) -> None:
        if not any(n.resolvable for n in discussion.notes):
            raise ApiError(400, "400 Bad request - Discussion is not resolvable")
        for n in discussion.notes:
            if n.resolvable:
                n.resolved = resolved
                n.resolved_by = who if resolved else None

    def set_status(self, project: Project, sha: str, who: User, data: dict[str, Any]) -> CommitStatus:
        """GitLab reuses a pending/running status of the same name and refuses a same-state move."""
        state = str(data.get("state") or "")
        if state not in ("pending", "running", "success", "failed", "canceled", "skipped"):
            raise ApiError(400, "400 Bad request - state does not have a valid value")
        if (
            not any(sha in (v.head for v in mr.versions) for mr in project.mrs.values())
            and sha not in project.files
        ):
            raise ApiError(404, "404 References for commit Not Found")
        name = str(data.get("name") or data.get("context") or "default")
        open_one = next(
            (
                s
                for s in project.statuses
                if s.sha == sha and s.name == name and s.status in ("pending", "running")
            ),
            None,
        )
        if open_one is not None:
            if open_one.status == state:
                verb = {"pending": "enqueue", "running": "run"}[state]
                raise ApiError(
                    400,
                    f"Cannot transition status via :{verb} from :{state} "
                    f'(Reason(s): Status cannot transition via "{verb}")',
                )
            open_one.status = state
            open_one.description = str(data.get("description") or "")
            return open_one
        status = CommitStatus(
            self.new_id(),
            sha,
            name,
            state,
            str(data.get("description") or ""),
            data.get("target_url"),
            who,
            self.clock(),
        )
        project.statuses.append(status)
        return status
