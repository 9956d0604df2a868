"""API surface of the GitHub simulator: OpenAPI-subset routing/validation, and a small GraphQL engine.

REST validation knows nothing about state; run_graphql resolves review threads over the simulator's state.
"""

from __future__ import annotations

import base64
import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema

from tests.fixtures import PLATFORM

if TYPE_CHECKING:
    from tests.sim.github import Ctx, GitHubSimulator

DEFAULT_SPEC = PLATFORM / "github-openapi-subset.json"

_BODY_ONLY = {"type": "object", "properties": {"body": {"type": "string"}}, "required": ["body"]}
# Operations served although the 2022 subset lacks them (the brief asks for them); listed in the report.
EXTENSIONS: dict[str, tuple[str, str, dict[str, Any] | None]] = {
    # commands are read back by id: the actor and text come from GitHub, not the webhook body
    "issues/get-comment": ("GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}", None),
    "issues/update-comment": ("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", _BODY_ONLY),
    "pulls/update-review-comment": ("PATCH", "/repos/{owner}/{repo}/pulls/comments/{comment_id}", _BODY_ONLY),
    # /remediator commands ask for the commenter's role (GitHub: metadata read is enough)
    "repos/get-collaborator-permission-level": (
        "GET",
        "/repos/{owner}/{repo}/collaborators/{username}/permission",
        None,
    ),
    "graphql": (
        "POST",
        "/graphql",
        {
            "type": "object",
            "properties": {
                "query": {"type": "string"},
                "variables": {"type": ["object", "null"]},
                "operationName": {"type": ["string", "null"]},
            },
            "required": ["query"],
        },
    ),
}
_INTEGER_PATH_PARAMS = {
    "installation_id",
    "check_run_id",
    "comment_id",
    "issue_number",
    "pull_number",
    "review_id",
}


@dataclass(frozen=True)
class Operation:
    op_id: str
    method: str
    template: str
    regex: re.Pattern[str]
    query_params: dict[str, dict[str, Any]]
    body_schema: dict[str, Any] | None
    body_required: bool
    extension: bool


class RequestInvalid(Exception):
    """The request does not fit the operation's parameters or body schema (GitHub answers 422)."""


def _compile(template: str) -> re.Pattern[str]:
    pattern = ""
    for part in re.split(r"(\{[^}]+\})", template):
        if part.startswith("{"):
            name = part[1:-1]
            pattern += f"(?P<{name}>.*)" if name == "path" else f"(?P<{name}>[^/]+)"
        else:
            pattern += re.escape(part)
    return re.compile(f"^{pattern}$", re.DOTALL)  # a file path may hold a newline


class OpenAPISubset:
    """Routes (method, path) to an operation of the subset and validates a request against it."""

    def __init__(self, spec_path: Path = DEFAULT_SPEC) -> None:
        self.spec: dict[str, Any] = json.loads(spec_path.read_text())
        self.operations: list[Operation] = []
        for template, ops in self.spec["paths"].items():
            for method, op in ops.items():
                params = [self._deref(p) for p in op.get("parameters", [])]
                query = {p["name"]: p for p in params if p["in"] == "query"}
                body = op.get("requestBody")
                schema = self._deref(body["content"]["application/json"]["schema"]) if body else None
                if op["operationId"] == "pulls/create-review-comment" and schema is not None:
                    # documented drift: the 2022 subset lacks subject_type (line|file)
                    schema["properties"]["subject_type"] = {"type": "string", "enum": ["line", "file"]}
                self.operations.append(
                    Operation(
                        op["operationId"],
                        method.upper(),
                        template,
                        _compile(template),
                        query,
                        schema,
                        bool(body and body.get("required")),
                        False,
                    )
                )
        for op_id, (method, template, schema) in EXTENSIONS.items():
            self.operations.append(
                Operation(op_id, method, template, _compile(template), {}, schema, schema is not None, True)
            )
        # literal-heavy templates first so /pulls/comments/{id} wins over /pulls/{pull_number}/...
        self.operations.sort(key=lambda o: -len(re.sub(r"\{[^}]+\}", "", o.template)))

    def _deref(self, node: Any, depth: int = 0) -> Any:
        """Return a deep copy of node with local $refs inlined (the subset's request schemas are acyclic)."""
        if depth > 40:
            return {}
        if isinstance(node, dict):
            if "$ref" in node:
                target: Any = self.spec
                for key in node["$ref"].lstrip("#/").split("/"):
                    target = target[key]
                return self._deref(target, depth + 1)
            return {k: self._deref(v, depth + 1) for k, v in node.items()}
        if isinstance(node, list):
            return [self._deref(v, depth + 1) for v in node]
        return copy.copy(node)

    def match(self, method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
        for op in self.operations:
            found = op.regex.match(path)
            if found and op.method == method:
                params = found.groupdict()
                if all(params[k].isdigit() for k in params if k in _INTEGER_PATH_PARAMS):
                    return op, params
        return None

    def validate(self, op: Operation, query: dict[str, list[str]], body: Any) -> None:
        for name, param in op.query_params.items():
            values = query.get(name)
            if not values:
                if param.get("required"):
                    raise RequestInvalid(f"Missing required query parameter '{name}'")
                continue
            schema = param.get("schema", {})
            if schema.get("type") == "integer" and not values[-1].lstrip("-").isdigit():
                raise RequestInvalid(f"For '{name}', \"{values[-1]}\" is not an integer.")
            if "enum" in schema and values[-1] not in schema["enum"]:
                raise RequestInvalid(f"For '{name}', \"{values[-1]}\" is not a member of {schema['enum']}.")
        if op.body_schema is None:
            return
        if body is None:
            if op.body_required:
                raise RequestInvalid("Request body is required")
            return
        error = jsonschema.exceptions.best_match(jsonschema.Draft7Validator(op.body_schema).iter_errors(body))
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "body"
            if error.validator == "maxItems" and isinstance(error.instance, list):
                raise RequestInvalid(
                    f"For '{where}', {len(error.instance)} items is more than {error.validator_value}."
                )
            raise RequestInvalid(f"For '{where}', {error.message[:300]}")

    def response_schema(self, op_id: str, status: str) -> dict[str, Any]:
        """The operation's JSON response schema, OpenAPI `nullable` turned into JSON Schema (for tests)."""
        for ops in self.spec["paths"].values():
            for op in ops.values():
                if op["operationId"] == op_id:
                    schema = self._deref(op["responses"][status])["content"]["application/json"]["schema"]
                    converted: dict[str, Any] = _nullable_to_jsonschema(schema)
                    return converted
        raise KeyError(op_id)


def _nullable_to_jsonschema(node: Any) -> Any:
    if isinstance(node, list):
        return [_nullable_to_jsonschema(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _nullable_to_jsonschema(v) for k, v in node.items() if k != "nullable"}
    if node.get("nullable"):
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


# ---------------------------------------------------------------------------------------------------------
# GraphQL: just enough of the language for the queries and mutations a review bot sends.


class GraphQLSyntaxError(Exception):
    """The document could not be parsed."""


@dataclass
class Field:
    name: str
    alias: str
    args: dict[str, Any]
    selections: list[Field | InlineFragment] = field(default_factory=list)


@dataclass
class InlineFragment:
    type_condition: str | None
    selections: list[Field | InlineFragment]


@dataclass(frozen=True)
class FragmentSpread:
    name: str


@dataclass(frozen=True)
class Var:
    name: str


@dataclass
class GraphQLOperation:
    kind: str  # "query" or "mutation"
    name: str | None
    defaults: dict[str, Any]
    selections: list[Field | InlineFragment]


_TOKEN = re.compile(
    r'\s+|,|#[^\n]*|(?P<tok>\.\.\.|[!$():=@\[\]{}|]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:\\.|[^"\\])*"|[_A-Za-z]\w*)'
)


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens: list[str] = []
        pos = 0
        while pos < len(text):
            found = _TOKEN.match(text, pos)
            if not found:
                raise GraphQLSyntaxError(f"Unexpected character at {pos}: {text[pos]!r}")
            if found.group("tok"):
                self.tokens.append(found.group("tok"))
            pos = found.end()
        self.i = 0
        self.fragments: dict[str, tuple[str, list[Field | InlineFragment]]] = {}

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            raise GraphQLSyntaxError(f"Expected {expected or 'token'}, got {tok!r}")
        self.i += 1
        return tok

    def document(self) -> list[GraphQLOperation]:
        ops: list[GraphQLOperation] = []
        while self.peek() is not None:
            if self.peek() == "fragment":
                self.take()
                name = self.take()
                self.take("on")
                self.fragments[name] = (self.take(), self.selection_set())
            elif self.peek() == "{":
                ops.append(GraphQLOperation("query", None, {}, self.selection_set()))
            else:
                kind = self.take()
                if kind not in ("query", "mutation"):
                    raise GraphQLSyntaxError(f"Unsupported definition {kind!r}")
                op_name = self.take() if self.peek() not in ("(", "{", "@") else None
                defaults = self.variable_definitions() if self.peek() == "(" else {}
                self.directives()
                ops.append(GraphQLOperation(kind, op_name, defaults, self.selection_set()))
        return ops

    def variable_definitions(self) -> dict[str, Any]:
        defaults: dict[str, Any] = {}
        self.take("(")
        while self.peek() != ")":
            self.take("$")
            name = self.take()
            self.take(":")
            self.type_ref()
            if self.peek() == "=":
                self.take()
                defaults[name] = self.value()
        self.take(")")
        return defaults

    def type_ref(self) -> None:
        if self.peek() == "[":
            self.take()
            self.type_ref()
            self.take("]")
        else:
            self.take()
        if self.peek() == "!":
            self.take()

    def directives(self) -> None:
        while self.peek() == "@":
            self.take()
            self.take()
            if self.peek() == "(":
                self.arguments()

    def selection_set(self) -> list[Field | InlineFragment]:
        self.take("{")
        out: list[Field | InlineFragment] = []
        while self.peek() != "}":
            if self.peek() == "...":
                self.take()
                if self.peek() == "on" or self.peek() == "{":
                    cond = None
                    if self.peek() == "on":
                        self.take()
                        cond = self.take()
                    self.directives()
                    out.append(InlineFragment(cond, self.selection_set()))
                else:
                    out.append(FragmentSpread(self.take()))  # type: ignore[arg-type]
                    self.directives()
                continue
            alias = name = self.take()
            if self.peek() == ":":
                self.take()
                name = self.take()
            args = self.arguments() if self.peek() == "(" else {}
            self.directives()
            subs = self.selection_set() if self.peek() == "{" else []
            out.append(Field(name, alias, args, subs))
        self.take("}")
        return out

    def arguments(self) -> dict[str, Any]:
        self.take("(")
        args: dict[str, Any] = {}
        while self.peek() != ")":
            name = self.take()
            self.take(":")
            args[name] = self.value()
        self.take(")")
        return args

    def value(self) -> Any:
        tok = self.take()
        if tok == "$":
            return Var(self.take())
        if tok == "[":
            items = []
            while self.peek() != "]":
                items.append(self.value())
            self.take("]")
            return items
        if tok == "{":
            obj = {}
            while self.peek() != "}":
                key = self.take()
                self.take(":")
                obj[key] = self.value()
            self.take("}")
            return obj
        if tok.startswith('"'):
            return json.loads(tok)
        if re.fullmatch(r"-?\d+", tok):
            return int(tok)
        if re.fullmatch(r"-?\d[\d.eE+-]*", tok):
            return float(tok)
        return {"true": True, "false": False, "null": None}.get(tok, tok)  # enums stay strings


def parse_graphql(text: str, operation_name: str | None = None) -> GraphQLOperation:
    """Parse a document and pick the operation to run (named fragments are inlined)."""
    parser = _Parser(text)
    ops = parser.document()
    if not ops:
        raise GraphQLSyntaxError("No operation in document")
    chosen = [o for o in ops if operation_name is None or o.name == operation_name]
    if len(chosen) != 1:
        raise GraphQLSyntaxError("Provide a single operation or a matching operationName")
    op = chosen[0]

    def expand(sels: list[Any], depth: int = 0) -> list[Field | InlineFragment]:
        if depth > 20:
            raise GraphQLSyntaxError("Fragment cycle")
        out: list[Field | InlineFragment] = []
        for sel in sels:
            if isinstance(sel, FragmentSpread):
                name = sel.name
                if name not in parser.fragments:
                    raise GraphQLSyntaxError(f"Fragment {name} is not defined")
                cond, subs = parser.fragments[name]
                out.append(InlineFragment(cond, expand(subs, depth + 1)))
            elif isinstance(sel, InlineFragment):
                out.append(InlineFragment(sel.type_condition, expand(sel.selections, depth + 1)))
            else:
                out.append(Field(sel.name, sel.alias, sel.args, expand(sel.selections, depth + 1)))
        return out

    op.selections = expand(op.selections)
    return op


def resolve_args(args: Any, variables: dict[str, Any]) -> Any:
    """Substitute $variables in parsed argument values."""
    if isinstance(args, Var):
        return variables.get(args.name)
    if isinstance(args, dict):
        return {k: resolve_args(v, variables) for k, v in args.items()}
    if isinstance(args, list):
        return [resolve_args(v, variables) for v in args]
    return args


# ---------------------------------------------------------------------------------------------------------
# GraphQL execution over simulator state: repository.pullRequest.reviewThreads, node(s), viewer, rateLimit,
# and the resolveReviewThread / unresolveReviewThread / minimizeComment mutations.


class GraphQLError(Exception):
    """A field failed; becomes an entry of the response's `errors`."""

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class GObj:
    typename: str
    fields: dict[str, Any]


def _project(
    obj: GObj, sels: list[Any], variables: dict[str, Any], errors: list[dict[str, Any]], path: list[Any]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for sel in sels:
        if isinstance(sel, InlineFragment):
            if sel.type_condition in (None, obj.typename, "Node", "Actor", "Comment", "Minimizable"):
                out.update(_project(obj, sel.selections, variables, errors, path))
            continue
        if sel.name == "__typename":
            out[sel.alias] = obj.typename
            continue
        if sel.name not in obj.fields:
            raise GraphQLError(f"Field '{sel.name}' doesn't exist on type '{obj.typename}'", "undefinedField")
        try:
            value = obj.fields[sel.name]
            if callable(value):
                value = value(resolve_args(sel.args, variables))
            out[sel.alias] = _value(value, sel, variables, errors, [*path, sel.alias])
        except GraphQLError as exc:
            if exc.kind == "undefinedField":
                raise
            out[sel.alias] = None
            errors.append(
                {"type": exc.kind or "UNPROCESSABLE", "path": [*path, sel.alias], "message": str(exc)}
            )
    return out


def _value(
    value: Any, sel: Field, variables: dict[str, Any], errors: list[dict[str, Any]], path: list[Any]
) -> Any:
    if isinstance(value, GObj):
        if not sel.selections:
            raise GraphQLError(
                f"Field must have selections (field '{sel.name}' returns {value.typename})", "undefinedField"
            )
        return _project(value, sel.selections, variables, errors, path)
    if isinstance(value, list):
        return [_value(v, sel, variables, errors, [*path, i]) for i, v in enumerate(value)]
    return value


def _connection(name: str, typename: str, items: list[Any], args: dict[str, Any], make: Any) -> GObj:
    first, last = args.get("first"), args.get("last")
    if first is None and last is None:
        raise GraphQLError(
            f"You must provide a `first` or `last` value to properly paginate the `{name}` connection.",
            "MISSING_PAGINATION_BOUNDARIES",
        )
    for label, n in (("first", first), ("last", last)):
        if n is not None and not 0 <= n <= 100:
            raise GraphQLError(
                f"Requesting {n} records on the `{name}` connection exceeds the `{label}` limit "
                "of 100 records.",
                "EXCESSIVE_PAGINATION",
            )

    def cursor(i: int) -> str:
        return base64.b64encode(f"cursor:{i}".encode()).decode()

    index = {cursor(i): i for i in range(len(items))}
    lo, hi = index.get(args.get("after") or "", -1) + 1, index.get(args.get("before") or "", len(items))
    window = list(range(lo, hi))
    window = window[:first] if first is not None else window
    window = window[-last:] if last else (window if last is None else [])
    edges = [GObj(f"{typename}Edge", {"cursor": cursor(i), "node": make(items[i])}) for i in window]
    return GObj(
        f"{typename}Connection",
        {
            "totalCount": len(items),
            "nodes": [e.fields["node"] for e in edges],
            "edges": edges,
            "pageInfo": GObj(
                "PageInfo",
                {
                    "hasNextPage": (bool(window) and window[-1] < len(items) - 1) or hi < len(items),
                    "hasPreviousPage": bool(window) and window[0] > 0,
                    "startCursor": cursor(window[0]) if window else None,
                    "endCursor": cursor(window[-1]) if window else None,
                },
            ),
        },
    )


def run_graphql(sim: GitHubSimulator, ctx: Ctx) -> dict[str, Any]:
    """Execute a POST /graphql body against the simulator; answers GitHub-shaped {data, errors}."""
    from tests.sim.github_state import ApiError, iso, node_id

    state = sim.state
    who = ctx.who
    try:
        op = parse_graphql(ctx.body["query"], ctx.body.get("operationName"))
    except GraphQLSyntaxError as exc:
        return {"errors": [{"message": f"Parse error: {exc}", "extensions": {"code": "parseError"}}]}
    variables = {**op.defaults, **(ctx.body.get("variables") or {})}

    def allowed(repo: Any, op_id: str) -> None:
        try:
            sim.check_access(who, repo, op_id)
        except ApiError as exc:
            if exc.status == 404:
                raise GraphQLError(
                    f"Could not resolve to a Repository with the name '{repo.full_name}'.", "NOT_FOUND"
                ) from exc
            raise GraphQLError(exc.body["message"], "FORBIDDEN") from exc

    def actor(login: str | None) -> GObj | None:
        if login is None:
            return None
        bot = state.users.get(login) == "Bot"  # GraphQL drops the "[bot]" suffix REST shows
        return GObj(
            "Bot" if bot else "User",
            {
                "login": login.removesuffix("[bot]") if bot else login,
                "id": node_id("BOT" if bot else "U", state.user_ids.get(login, 0)),
                "url": f"https://github.com/{login}",
            },
        )

    def comment(c: Any) -> GObj:
        review = state.reviews[c.review_id]
        return GObj(
            "PullRequestReviewComment",
            {
                "id": node_id("PRRC", c.id),
                "databaseId": c.id,
                "fullDatabaseId": str(c.id),
                "body": c.body,
                "bodyText": c.body,
                "author": actor(c.user),
                "createdAt": iso(c.created_at),
                "updatedAt": iso(c.updated_at),
                "lastEditedAt": iso(c.updated_at) if c.updated_at != c.created_at else None,
                "path": c.path,
                "line": c.line,
                "originalLine": c.original_line,
                "startLine": c.start_line,
                "originalStartLine": c.start_line,
                "diffHunk": c.diff_hunk,
                "outdated": c.line is None,
                "url": f"https://github.com/{c.repo}/pull/{c.pr}#discussion_r{c.id}",
                "subjectType": c.subject_type.upper(),
                "isMinimized": c.minimized_reason is not None,
                "minimizedReason": c.minimized_reason,
                "viewerDidAuthor": c.user == who.login,
                "commit": GObj("Commit", {"oid": c.commit_id}),
                "replyTo": comment(state.comments[c.in_reply_to]) if c.in_reply_to else None,
                "pullRequestReview": GObj(
                    "PullRequestReview",
                    {
                        "id": node_id("PRR", review.id),
                        "databaseId": review.id,
                        "state": review.state,
                        "author": actor(review.user),
                    },
                ),
            },
        )

    def thread(t: Any) -> GObj:
        visible = [c for c in state.thread_comments(t) if state.reviews[c.review_id].state != "PENDING"]
        return GObj(
            "PullRequestReviewThread",
            {
                "id": t.node_id,
                "isResolved": t.is_resolved,
                "isCollapsed": t.is_resolved,
                "isOutdated": t.is_outdated,
                "path": t.path,
                "line": t.line,
                "originalLine": t.original_line,
                "startLine": t.start_line,
                "originalStartLine": t.start_line,
                "diffSide": t.side or "RIGHT",
                "startDiffSide": t.start_side,
                "subjectType": t.subject_type.upper(),
                "resolvedBy": actor(t.resolved_by),
                "viewerCanResolve": not t.is_resolved,
                "viewerCanUnresolve": t.is_resolved,
                "viewerCanReply": True,
                "comments": lambda a: _connection(
                    "comments", "PullRequestReviewComment", visible, a, comment
                ),
                "pullRequest": lambda a: pull(state.pull(t.repo, t.pr)),
                "repository": lambda a: repository(t.repo),
            },
        )

    def pull(pr: Any) -> GObj:
        threads = [
            t
            for t in state.threads.values()
            if t.repo == pr.repo
            and t.pr == pr.number
            and state.reviews[state.comments[t.comment_ids[0]].review_id].state != "PENDING"
        ]
        return GObj(
            "PullRequest",
            {
                "id": node_id("PR", pr.id),
                "databaseId": pr.id,
                "number": pr.number,
                "title": pr.title,
                "body": pr.body,
                "state": "MERGED" if pr.merged else pr.state.upper(),
                "isDraft": pr.draft,
                "author": actor(pr.user),
                "url": f"https://github.com/{pr.repo}/pull/{pr.number}",
                "headRefName": pr.head_ref,
                "headRefOid": pr.head_sha,
                "baseRefName": pr.base_ref,
                "baseRefOid": pr.base_sha,
                "reviewThreads": lambda a: _connection(
                    "reviewThreads", "PullRequestReviewThread", threads, a, thread
                ),
            },
        )

    def repository(full_name: str) -> GObj:
        try:
            repo = state.repo(full_name)
        except ApiError as exc:
            raise GraphQLError(
                f"Could not resolve to a Repository with the name '{full_name}'.", "NOT_FOUND"
            ) from exc
        allowed(repo, "pulls/get")

        def pull_request(a: dict[str, Any]) -> GObj:
            if a.get("number") not in repo.pulls:
                raise GraphQLError(
                    f"Could not resolve to a PullRequest with the number of {a.get('number')}.", "NOT_FOUND"
                )
            return pull(repo.pulls[a["number"]])

        return GObj(
            "Repository",
            {
                "id": node_id("R", repo.id),
                "name": repo.name,
                "nameWithOwner": repo.full_name,
                "isPrivate": repo.private,
                "owner": actor(repo.owner),
                "defaultBranchRef": GObj("Ref", {"name": repo.default_branch}),
                "pullRequest": pull_request,
            },
        )

    def node(node_ref: str) -> GObj:
        if node_ref in state.threads:
            allowed(state.repo(state.threads[node_ref].repo), "pulls/get")
            return thread(state.threads[node_ref])
        for c in state.comments.values():
            if node_id("PRRC", c.id) == node_ref:
                allowed(state.repo(c.repo), "pulls/get")
                return comment(c)
        raise GraphQLError(f"Could not resolve to a node with the global id of '{node_ref}'.", "NOT_FOUND")

    def set_resolved(a: dict[str, Any], resolved: bool, typename: str) -> GObj:
        thread_id = (a.get("input") or {}).get("threadId")
        if thread_id not in state.threads:
            raise GraphQLError(
                f"Could not resolve to a node with the global id of '{thread_id}'.", "NOT_FOUND"
            )
        t = state.threads[thread_id]
        allowed(state.repo(t.repo), "pulls/create-review")
        t.is_resolved, t.resolved_by = resolved, who.login if resolved else None
        return GObj(typename, {"clientMutationId": a["input"].get("clientMutationId"), "thread": thread(t)})

    def minimize(a: dict[str, Any]) -> GObj:
        subject = (a.get("input") or {}).get("subjectId")
        target = next((c for c in state.comments.values() if node_id("PRRC", c.id) == subject), None)
        if target is None:
            raise GraphQLError(f"Could not resolve to a node with the global id of '{subject}'.", "NOT_FOUND")
        allowed(state.repo(target.repo), "pulls/create-review")
        target.minimized_reason = str(a["input"].get("classifier", "OUTDATED")).lower()
        return GObj(
            "MinimizeCommentPayload",
            {"clientMutationId": a["input"].get("clientMutationId"), "minimizedComment": comment(target)},
        )

    h = sim._rate_headers("graphql")
    if op.kind == "mutation":
        root = GObj(
            "Mutation",
            {
                "resolveReviewThread": lambda a: set_resolved(a, True, "ResolveReviewThreadPayload"),
                "unresolveReviewThread": lambda a: set_resolved(a, False, "UnresolveReviewThreadPayload"),
                "minimizeComment": minimize,
            },
        )
    else:
        root = GObj(
            "Query",
            {
                "repository": lambda a: repository(f"{a.get('owner')}/{a.get('name')}"),
                "node": lambda a: node(a.get("id", "")),
                "nodes": lambda a: [node(i) for i in a.get("ids", [])],
                "viewer": actor(who.login),
                "rateLimit": GObj(
                    "RateLimit",
                    {
                        "limit": 5000,
                        "cost": 1,
                        "nodeCount": 1,
                        "used": int(h["x-ratelimit-used"]),
                        "remaining": int(h["x-ratelimit-remaining"]),
                        "resetAt": iso(int(h["x-ratelimit-reset"])),
                    },
                ),
            },
        )
    errors: list[dict[str, Any]] = []
    try:
        data = _project(root, op.selections, variables, errors, [])
    except GraphQLError as exc:
        return {"errors": [{"message": str(exc), "extensions": {"code": exc.kind}}]}
    return {"data": data, "errors": errors} if errors else {"data": data}
