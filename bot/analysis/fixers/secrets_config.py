"""A secret written into a configuration file -> the reference that file's platform offers for it.

- Dockerfile: ``ARG NAME=<secret>`` -> ``ARG NAME`` (given with ``--build-arg``, or better a BuildKit
  secret mount, named in the steps); a secret pair of an ``ENV`` line is dropped from it, and a line
  left without pairs becomes a comment saying the value is given at run time;
- Kubernetes workload: ``value: <secret>`` of an ``env`` entry -> ``valueFrom.secretKeyRef`` (Secret
  ``<workload>-secrets``, key the variable's name), the steps saying how to create the Secret;
- Terraform: a ``default = <secret>`` of a ``variable`` block -> ``sensitive = true`` (the value is then
  given at apply time, ``TF_VAR_<name>``); ``key = <secret>`` in a resource or provider block -> a new
  ``var.<block>_<key>`` declared ``sensitive`` right above that block (the AWS provider's keys: a comment
  naming the environment variable the provider reads instead);
- Spring ``application*.properties``: ``key=<secret>`` -> ``key=${KEY_IN_UPPER_SNAKE}``, the placeholder
  Spring resolves from the environment.
- ``.env``: ``NAME=<secret>`` -> ``NAME=${NAME}``, which Docker Compose, python-dotenv and dotenv-expand
  fill from the environment (plain dotenv keeps a variable the environment already sets);
Other formats (JSON, a key block in YAML) have no reference syntax of their own: advice.
Line-based, no regular expression on the file's text. Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, indent_of, to_finding
from bot.analysis.fixers.secrets_env import ROTATE_STEP, _placeholder
from bot.core.models import Finding, SourceFile
from bot.core.redact import contains_secret

SECRET_WORDS: tuple[str, ...] = ("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "API_KEY", "APIKEY")
SECRET_WORDS = (*SECRET_WORDS, "ACCESS_KEY", "PRIVATE_KEY", "CREDENTIAL")
AWS_KEYS = {
    "secret_key": "AWS_SECRET_ACCESS_KEY",
    "access_key": "AWS_ACCESS_KEY_ID",
    "token": "AWS_SESSION_TOKEN",
}
WORKLOADS = {"Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet"}


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "hardcoded-secret" or finding.replacement is not None:
        return None
    handler = {
        "dockerfile": _dockerfile,
        "yaml": _kubernetes,
        "terraform": _terraform,
        "properties": _properties,
        "dotenv": _dotenv,
    }.get(sf.language or "")
    if handler is None or not 1 <= finding.start_line <= len(sf.lines):
        return None
    if finding.start_line not in sf.change.added_lines:
        return None
    return handler(finding, sf, sf.lines)


def _secret_name(name: str) -> bool:
    upper = name.upper().replace("-", "_").replace(".", "_")
    return any(word in upper for word in SECRET_WORDS)


def _literal(value: str) -> bool:
    """A literal value, not a reference to something else (``$X``, ``${X}``, ``{{ x }}``, empty)."""
    bare = value.strip().strip("\"'")
    return bool(bare) and "$" not in bare and "{{" not in bare


def _secret(name: str, value: str, path: str) -> bool:
    """``value``, given to ``name``, is a credential: not a reference, a path, a URL or a placeholder."""
    bare = value.strip().strip("\"'")
    if not _literal(value) or bare.startswith(("/", "./")) or "://" in bare or _placeholder(bare, name, path):
        return False
    return contains_secret(f"{name.upper().replace('.', '_').replace('-', '_')}={bare}")


# -- Dockerfile ------------------------------------------------------------------------------------


def _dockerfile(finding: Finding, sf: SourceFile, lines: list[str]) -> Finding | None:
    n = finding.start_line
    row = lines[n - 1]
    body = row.strip()
    if row.rstrip().endswith("\\") or "#" in body or '"' in body or "'" in body:
        return None  # a continued line, a comment, quoted values (spaces inside): by hand
    keyword, _, rest = body.partition(" ")
    words = rest.split()
    indent = indent_of(row)
    if keyword.upper() == "ARG" and len(words) == 1 and "=" in words[0]:
        name, _, value = words[0].partition("=")
        if not _secret_name(name) or not _secret(name, value, sf.path):
            return None
        steps = (
            f"Pass `{name}` at build time (`docker build --build-arg {name}=...`); better, read it from a "
            f"BuildKit secret mount (`RUN --mount=type=secret,id={name.lower()} ...`), which keeps it out of "
            "the image history.",
            ROTATE_STEP,
        )
        return to_finding(finding, sf, [Edit(n, 0, len(row), f"{indent}{keyword} {name}")], steps)
    if keyword.upper() != "ENV" or not words:
        return None
    if all("=" in w for w in words):
        pairs = [w.partition("=") for w in words]
        dropped = [k for k, _, v in pairs if _secret_name(k) and _secret(k, v, sf.path)]
        kept = [w for w, (k, _, v) in zip(words, pairs, strict=True) if k not in dropped]
    elif len(words) >= 2 and "=" not in words[0]:
        secret = _secret_name(words[0]) and _secret(words[0], " ".join(words[1:]), sf.path)
        dropped = [words[0]] if secret else []
        kept = []
    else:
        return None
    if not dropped:
        return None
    names = ", ".join(dropped)
    new = (
        f"{indent}{keyword} {' '.join(kept)}"
        if kept
        else f"{indent}# {names}: given at run time, not in the image"
    )
    if contains_secret(new):
        return None
    steps = (
        f"Give {names} to the container at run time (the orchestrator's secret, `docker run -e`), not in "
        "the image: ENV values are readable by anyone who can pull it.",
        ROTATE_STEP,
    )
    return to_finding(finding, sf, [Edit(n, 0, len(row), new)], steps)


# -- Kubernetes ------------------------------------------------------------------------------------


def _top_level(lines: list[str], key: str) -> str | None:
    for row in lines:
        if row.startswith(f"{key}:"):
            return row[len(key) + 1 :].strip().strip("\"'")
    return None


def _workload_name(lines: list[str]) -> str | None:
    inside = False
    for row in lines:
        if row.startswith("metadata:"):
            inside = True
            continue
        if inside and row and not row[0].isspace():
            return None
        if inside and row.strip().startswith("name:") and len(indent_of(row)) == 2:
            name = row.strip()[len("name:") :].strip().strip("\"'")
            return name if name and all(c.isalnum() or c in "-." for c in name) else None
    return None


def _kubernetes(finding: Finding, sf: SourceFile, lines: list[str]) -> Finding | None:
    if sum(1 for row in lines if row.strip() == "---") or _top_level(lines, "kind") not in WORKLOADS:
        return None  # one workload per file: the Secret's name is read from its metadata
    n = finding.start_line
    row = lines[n - 1]
    key, colon, value = row.strip().partition(":")
    if key != "value" or not colon or "#" in value or n < 2:
        return None
    above = lines[n - 2].strip().removeprefix("- ")
    name_key, _, env_name = above.partition(":")
    env_name = env_name.strip().strip("\"'")
    indent = indent_of(row)
    if (
        name_key != "name"
        or not env_name
        or not all(c.isalnum() or c in "_-." for c in env_name)
        or len(indent_of(lines[n - 2]) + ("- " if lines[n - 2].strip().startswith("- ") else ""))
        != len(indent)
    ):
        return None
    if not _secret_name(env_name) or not _secret(env_name, value, sf.path):
        return None
    workload = _workload_name(lines)
    if workload is None:
        return None
    secret = f"{workload}-secrets"
    new = "\n".join(
        f"{indent}{row}"
        for row in ("valueFrom:", "  secretKeyRef:", f"    name: {secret}", f"    key: {env_name}")
    )
    steps = (
        f"Create the Secret `{secret}` with the key `{env_name}` in the workload's namespace "
        f"(`kubectl create secret generic {secret} --from-literal={env_name}=...`, or your secret "
        "manager's operator).",
        ROTATE_STEP,
    )
    return to_finding(finding, sf, [Edit(n, 0, len(row), new)], steps)


# -- Terraform -------------------------------------------------------------------------------------


def _block_of(lines: list[str], n: int) -> tuple[int, list[str]] | None:
    """The 1-based line and the words (``resource "a" "b"``) of the top-level block holding line ``n``."""
    for at in range(n - 1, 0, -1):
        row = lines[at - 1]
        if row and not row[0].isspace() and row.rstrip().endswith("{"):
            return at, row.rstrip()[:-1].split()
        if row and not row[0].isspace() and row.strip() not in ("", "}") and not row.startswith("#"):
            return None
    return None


def _assignment(row: str) -> tuple[str, str] | None:
    """``key = "plain string"`` on an HCL line: (key, the quoted value), else None."""
    key, eq, value = row.strip().partition("=")
    key, value = key.strip(), value.strip()
    plain = value.count('"') == 2 and not any(s in value for s in ("${", "%{", "\\"))
    if not eq or not key.isidentifier() or not plain or len(value) < 3 or value[0] + value[-1] != '""':
        return None
    return key, value


def _terraform(finding: Finding, sf: SourceFile, lines: list[str]) -> Finding | None:
    n = finding.start_line
    row = lines[n - 1]
    pair = _assignment(row)
    block = _block_of(lines, n) if pair else None
    if pair is None or block is None or len(block[1]) < 2:
        return None
    key, value = pair
    start, words = block
    labels = [w.strip('"') for w in words[1:]]
    indent = indent_of(row)
    if not _secret(labels[0] if words[0] == "variable" and labels else key, value, sf.path):
        return None
    if words[0] == "variable" and key == "default":
        return _variable_default(finding, sf, lines, start, labels[0])
    if words[0] not in ("resource", "provider", "module", "data") or not _secret_name(key):
        return None
    if words[0] == "provider" and labels == ["aws"] and key in AWS_KEYS:
        env = AWS_KEYS[key]
        steps = (
            f"The AWS provider reads `{env}` from the environment (or a profile or role): set it where "
            "Terraform runs.",
            ROTATE_STEP,
        )
        return to_finding(finding, sf, [Edit(n, 0, len(row), f"{indent}# {key}: read from {env}")], steps)
    owner = labels[-1] if all(c.isalnum() or c in "_-" for c in labels[-1]) else None
    if owner is None:
        return None
    variable = f"{owner.replace('-', '_')}_{key}"
    if any(r.strip().startswith(f'variable "{variable}"') for r in lines):
        return None
    declaration = f'variable "{variable}" {{\n  type      = string\n  sensitive = true\n}}\n\n'
    eq_at = row.index("=")
    steps = (
        f"Give `{variable}` at apply time (`TF_VAR_{variable}`, a tfvars file kept out of git, or a secret "
        "store); the state file still holds it: keep the state encrypted and private.",
        ROTATE_STEP,
    )
    edits = [Edit(start, 0, 0, declaration), Edit(n, eq_at, len(row), f"= var.{variable}")]
    return to_finding(finding, sf, edits, steps)


def _variable_default(
    finding: Finding, sf: SourceFile, lines: list[str], start: int, name: str
) -> Finding | None:
    """``default = <secret>`` of ``variable "name"`` -> ``sensitive = true`` (given at apply time)."""
    n = finding.start_line
    row = lines[n - 1]
    block_end = next((i for i in range(start, len(lines)) if lines[i].startswith("}")), len(lines))
    if not _secret_name(name) or any(
        lines[i].strip().startswith("sensitive") for i in range(start, block_end)
    ):
        return None
    steps = (
        f"Give the value at apply time (`TF_VAR_{name}` or a secret store); `sensitive` keeps it out of "
        "plans and logs.",
        ROTATE_STEP,
    )
    return to_finding(finding, sf, [Edit(n, 0, len(row), f"{indent_of(row)}sensitive = true")], steps)


# -- Spring properties -----------------------------------------------------------------------------


def _properties(finding: Finding, sf: SourceFile, lines: list[str]) -> Finding | None:
    file_name = sf.path.rsplit("/", 1)[-1]
    if not file_name.startswith("application"):
        return None  # only Spring resolves ${...} from the environment in a properties file
    row = lines[finding.start_line - 1]
    if row.lstrip().startswith(("#", "!")) or row.rstrip().endswith("\\"):
        return None
    seps = [i for i in (row.find("="), row.find(":")) if i > 0]
    if not seps:
        return None
    at = min(seps)
    key = row[:at].strip()
    value = row[at + 1 :].strip()
    if (
        not key
        or not all(c.isalnum() or c in "._-" for c in key)
        or not _secret_name(key)
        or not _secret(key, value, sf.path)
    ):
        return None
    env = key.upper().replace(".", "_").replace("-", "")
    start = at + 1 + (len(row[at + 1 :]) - len(row[at + 1 :].lstrip()))
    steps = (f"Set `{env}` in the service's environment (or its secret store) where it runs.", ROTATE_STEP)
    return to_finding(finding, sf, [Edit(finding.start_line, start, len(row), "${" + env + "}")], steps)


# -- .env ------------------------------------------------------------------------------------------


def _dotenv(finding: Finding, sf: SourceFile, lines: list[str]) -> Finding | None:
    row = lines[finding.start_line - 1]
    body = row.strip()
    exported = body.startswith("export ")
    name, eq, value = body.removeprefix("export ").partition("=")
    name = name.strip()
    if not eq or not name or not all(c.isalnum() or c == "_" for c in name) or name[0].isdigit():
        return None
    if value != value.strip() or " #" in value or not _secret(name, value, sf.path):
        return None
    new = f"{indent_of(row)}{'export ' if exported else ''}{name}=${{{name}}}"
    steps = (
        f"Set `{name}` in the environment the service starts from (or its secret store); keep real values "
        "in an untracked `.env.local`, with `.env` listing only the names.",
        ROTATE_STEP,
    )
    return to_finding(finding, sf, [Edit(finding.start_line, 0, len(row), new)], steps)
