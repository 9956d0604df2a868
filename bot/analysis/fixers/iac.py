"""Infrastructure fixers: Dockerfiles, Kubernetes manifests and Terraform, one setting at a time.

- Dockerfile: a final ``USER root``/``USER 0`` becomes the stage's earlier non-root user, else
  ``USER 10001:10001`` (with a step about files the process writes);
- Kubernetes: ``privileged``/``allowPrivilegeEscalation``/``hostPID``/``hostIPC``/``hostNetwork``
  ``true`` -> ``false``, ``runAsNonRoot: false`` -> ``true``, ``runAsUser: 0`` -> ``10001``; a
  one-line ``capabilities.add: [...]`` loses the capabilities that amount to root on the node
  (``SYS_ADMIN``, ``SYS_MODULE``, ``SYS_PTRACE``, ``SYS_RAWIO``, ``DAC_READ_SEARCH``, ``ALL``), the
  others kept in their order and spelling (what the rule's own remediation says); other added
  capabilities and host paths are advice naming the line;
- Terraform: public ACLs -> ``"private"``, public-access blocks and encryption turned on, public
  databases turned off; a rule open to ``0.0.0.0/0`` or ``::/0`` is advice naming the exact lines
  (only the owner knows which clients need it), except where the change itself widened it: the line
  replaced a line of the same key whose ranges were narrower (the same position in the diff's block of
  removed and added lines), and that earlier value, the owner's own, comes back.
Only the value on a flagged line changes; its key, spacing, quotes and comment are kept. Line-based,
no regular expression on the file's text. Pure: source text in, a finding with a replacement out.
"""

from __future__ import annotations

from bot.analysis.fixers.rewrite import suggest
from bot.core.models import DiffLine, Finding, LineKind, SourceFile

NON_ROOT = "10001"
K8S_FLIPS = {
    "privileged": ("true", "false"),
    "allowPrivilegeEscalation": ("true", "false"),
    "hostPID": ("true", "false"),
    "hostIPC": ("true", "false"),
    "hostNetwork": ("true", "false"),
    "runAsNonRoot": ("false", "true"),
    "runAsUser": ("0", NON_ROOT),
    "runAsGroup": ("0", NON_ROOT),
    "readOnlyRootFilesystem": ("false", "true"),
}
TF_FLIPS = {
    "acl": ({'"public-read"', '"public-read-write"', '"authenticated-read"'}, '"private"'),
    "block_public_acls": ({"false"}, "true"),
    "block_public_policy": ({"false"}, "true"),
    "ignore_public_acls": ({"false"}, "true"),
    "restrict_public_buckets": ({"false"}, "true"),
    "publicly_accessible": ({"true"}, "false"),
    "storage_encrypted": ({"false"}, "true"),
    "encrypted": ({"false"}, "true"),
    "map_public_ip_on_launch": ({"true"}, "false"),
}
OPEN_CIDRS = ('"0.0.0.0/0"', '"::/0"')
CIDR_KEYS = {"cidr_blocks", "cidr_ipv6", "ipv6_cidr_blocks", "cidr_ipv4", "source_ranges", "cidr_block"}
WORKLOADS = {"Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet"}
WORKLOADS |= {"ReplicationController", "PodTemplate"}
CATEGORIES = {"container-privilege", "infrastructure-exposure"}
ROOT_LIKE = {"SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "DAC_READ_SEARCH", "ALL"}
"""Capabilities the rule pack flags (k8s-dangerous-capability): each close to root on the node."""


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category not in CATEGORIES or finding.replacement is not None:
        return None
    if sf.language == "dockerfile":
        return _dockerfile(finding, sf)
    if sf.language in ("yaml", "kubernetes") and finding.category == "container-privilege":
        if not _in_workload(sf.lines, finding.start_line):
            return None  # a ConfigMap's data, a compose file: look-alike keys, not a pod's settings
        return _capabilities(finding, sf) or _flip(finding, sf, ":", _k8s_value)
    if sf.language in ("terraform", "hcl"):
        return _terraform(finding, sf)
    return None


def _in_workload(lines: list[str], line: int) -> bool:
    """Whether ``line`` is in a YAML document (``---``-separated) whose top-level kind runs pods."""
    if not 1 <= line <= len(lines):
        return False
    start = max((n for n in range(1, line + 1) if lines[n - 1].rstrip() == "---"), default=0)
    end = next((n for n in range(line + 1, len(lines) + 1) if lines[n - 1].rstrip() == "---"), len(lines) + 1)
    kinds = [
        text.partition(":")[2].strip().strip("\"'")
        for text in lines[start : end - 1]
        if text.startswith("kind:")
    ]
    return len(kinds) == 1 and kinds[0] in WORKLOADS


def _split(line: str, sep: str) -> tuple[str, str, str, str] | None:
    """(text before the value, the value, text after it (a comment), key) for ``key<sep> value``."""
    head, found, rest = line.partition(sep)
    if not found:
        return None
    key = head.strip().removeprefix("- ").strip().strip("\"'")
    value_part, hash_, comment = rest.partition(" #")
    value = value_part.strip()
    if not value:
        return None
    lead = len(value_part) - len(value_part.lstrip())
    before = head + sep + value_part[:lead]
    after = value_part[lead + len(value) :] + hash_ + comment
    return before, value, after, key


def _flip(finding: Finding, sf: SourceFile, sep: str, new_value: object) -> Finding | None:
    lines = sf.text.splitlines(keepends=True)
    changed = False
    for n in finding.lines:
        if not 1 <= n <= len(lines):
            return None
        body = lines[n - 1].rstrip("\r\n")
        parts = _split(body, sep)
        if parts is None:
            continue
        before, value, after, key = parts
        fixed = new_value(key, value)  # type: ignore[operator]
        if fixed is not None:
            lines[n - 1] = before + fixed + after + lines[n - 1][len(body) :]
            changed = True
    if not changed:
        return _advice(finding, sf)
    return suggest(finding, sf, "".join(lines), (_STEPS.get(finding.category, ""),))


def _capabilities(finding: Finding, sf: SourceFile) -> Finding | None:
    """The flagged ``add: [A, B]`` line of a ``capabilities:`` block without its root-like entries."""
    lines = sf.text.splitlines(keepends=True)
    changed = []
    for n in finding.lines:
        body = lines[n - 1].rstrip("\r\n") if 1 <= n <= len(lines) else ""
        parts = _split(body, ":")
        if parts is None or parts[3] != "add" or not _under_capabilities(sf.lines, n):
            continue
        before, value, after, _key = parts
        kept = _without_root_like(value)
        if kept is not None:
            lines[n - 1] = before + kept + after + lines[n - 1][len(body) :]
            changed.append(n)
    if not changed:
        return None
    step = (
        f"Line {changed[0]} no longer adds the capabilities that amount to root on the node; if the "
        "process needs one narrow ability (binding a low port, changing file owners), add that one alone."
    )
    return suggest(finding, sf, "".join(lines), (step,))


def _under_capabilities(lines: list[str], n: int) -> bool:
    """Whether line ``n`` sits directly in a ``capabilities:`` mapping (the nearest less-indented line)."""
    depth = len(_indent(lines[n - 1]))
    for text in reversed(lines[: n - 1]):
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if len(_indent(text)) < depth:
            return text.strip() == "capabilities:"
    return False


def _without_root_like(value: str) -> str | None:
    """A one-line YAML flow list of capability names without the root-like ones, or None when it holds
    none of them or is not a plain list of names."""
    if not (value.startswith("[") and value.endswith("]")) or any(c in value[1:-1] for c in "[]{}#&*!|>"):
        return None
    items = [item.strip() for item in value[1:-1].split(",")]
    if items == [""]:
        return None
    names = []
    for item in items:
        bare = item[1:-1] if len(item) >= 2 and item[0] == item[-1] and item[0] in "\"'" else item
        if not bare or not all(c.isalnum() or c == "_" for c in bare):
            return None
        names.append(bare.upper().removeprefix("CAP_"))
    kept = [item for item, name in zip(items, names, strict=True) if name not in ROOT_LIKE]
    if len(kept) == len(items):
        return None
    return "[" + ", ".join(kept) + "]"


def _k8s_value(key: str, value: str) -> str | None:
    flip = K8S_FLIPS.get(key)
    if flip is None:
        return None
    bad, good = flip
    bare = value.strip("\"'")
    return good if bare.lower() == bad else None


def _terraform(finding: Finding, sf: SourceFile) -> Finding | None:
    def value_for(key: str, value: str) -> str | None:
        flip = TF_FLIPS.get(key)
        if flip is None:
            return None
        bad, good = flip
        return good if value in bad else None

    return _restore_range(finding, sf) or _flip(finding, sf, "=", value_for)


def _restore_range(finding: Finding, sf: SourceFile) -> Finding | None:
    """The flagged open-range line back to the narrower value of the line the change replaced."""
    if finding.start_line != finding.end_line or not 1 <= finding.start_line <= len(sf.lines):
        return None
    n = finding.start_line
    parts = _split(sf.lines[n - 1], "=")
    if parts is None or parts[3] not in CIDR_KEYS or not any(c in parts[1] for c in OPEN_CIDRS):
        return None
    old = _replaced_line(sf, n)
    old_parts = _split(old, "=") if old is not None else None
    if old is None or old_parts is None or old_parts[3] != parts[3] or any(c in old for c in OPEN_CIDRS):
        return None
    if _indent(old) != _indent(sf.lines[n - 1]) or not old_parts[1].startswith(("[", '"')):
        return None
    before, _value, after, _key = parts
    new_lines = sf.text.splitlines(keepends=True)
    ending = new_lines[n - 1][len(new_lines[n - 1].rstrip("\r\n")) :]
    new_lines[n - 1] = before + old_parts[1] + after + ending
    step = (
        f"Line {n} is back to the range it allowed before this change ({old_parts[1][:120]}); if more "
        "clients really need it, add their ranges, not the whole internet."
    )
    return suggest(finding, sf, "".join(new_lines), (step,))


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _replaced_line(sf: SourceFile, n: int) -> str | None:
    """The removed line at the same position, in the diff's run of removed and added lines, as added
    line ``n`` (None when there is none)."""
    for hunk in sf.change.hunks:
        run: list[DiffLine] = []
        for dl in (*hunk.lines, None):
            if dl is not None and dl.kind is not LineKind.CONTEXT:
                run.append(dl)
                continue
            removed = [d for d in run if d.kind is LineKind.REMOVED]
            added = [d.new_no for d in run if d.kind is LineKind.ADDED]
            if n in added and added.index(n) < len(removed):
                return str(removed[added.index(n)].text)
            run = []
    return None


def _advice(finding: Finding, sf: SourceFile) -> Finding | None:
    """Steps naming the exact lines for what only the owner can narrow (CIDRs, capabilities, host
    paths); None when the flagged lines hold none of them."""
    steps = []
    for n in finding.lines:
        if not 1 <= n <= len(sf.lines):
            continue
        text = sf.lines[n - 1].strip()
        key = text.partition("=")[0].partition(":")[0].strip().removeprefix("- ")
        if key in CIDR_KEYS and any(c in text for c in OPEN_CIDRS):
            steps.append(
                f"Line {n} (`{text[:120]}`) lets the whole internet in: replace "
                f"{' and '.join(c for c in OPEN_CIDRS if c in text)} with the ranges of the clients that "
                "need it (a VPN, an office network, a load balancer's security group)."
            )
        elif key == "add" and "[" in text:
            steps.append(
                f"Line {n} (`{text[:120]}`) adds Linux capabilities: drop each one the container does "
                "not strictly need; SYS_ADMIN is close to root on the host."
            )
        elif key == "path" and sf.language == "yaml":
            steps.append(
                f"Line {n} (`{text[:120]}`) mounts a host path: use a volume or a narrower, read-only "
                "path (readOnly: true)."
            )
    if not steps:
        return None
    return finding.with_(remediation=(*finding.remediation, *steps))


def _dockerfile(finding: Finding, sf: SourceFile) -> Finding | None:
    lines = sf.text.splitlines(keepends=True)
    users = [n for n, line in enumerate(sf.lines, 1) if _instruction(line)[0] == "USER"]
    if not users or users[-1] not in finding.lines:
        return None  # only the image's final user is changed
    n = users[-1]
    name = _instruction(sf.lines[n - 1])[1]
    if name.split(":")[0] not in ("root", "0"):
        return None
    stage_start = max(
        (i for i, line in enumerate(sf.lines, 1) if _instruction(line)[0] == "FROM" and i < n), default=1
    )
    earlier = [
        _instruction(sf.lines[i - 1])[1]
        for i in users[:-1]
        if i > stage_start and _instruction(sf.lines[i - 1])[1].split(":")[0] not in ("root", "0")
    ]
    user = earlier[-1] if earlier else f"{NON_ROOT}:{NON_ROOT}"
    body = lines[n - 1].rstrip("\r\n")
    keyword = body[: len(body) - len(body.lstrip())] + body.lstrip()[:4]
    lines[n - 1] = f"{keyword} {user}" + lines[n - 1][len(body) :]
    step = (
        f"The container now runs as `{user}`. Files it writes at run time must be owned by that user "
        "(COPY --chown, or a RUN chown before this line); a numeric user needs no account in the image."
    )
    return suggest(finding, sf, "".join(lines), (step,))


def _instruction(line: str) -> tuple[str, str]:
    word, _, rest = line.strip().partition(" ")
    return word.upper(), rest.strip()


_STEPS = {
    "container-privilege": (
        "The container loses the privilege it does not need; if it really needs one capability, add that "
        "capability alone (securityContext.capabilities.add) instead."
    ),
    "infrastructure-exposure": (
        "The resource is no longer public; anything that relied on public access (a CDN, a partner) needs "
        "an explicit, narrower grant."
    ),
}
