"""Issue 14 item 5: the deployment people copy (deploy/compose.yaml, deploy/kubernetes/*.yaml, the
Dockerfile) rendered and checked against the code, since no Docker engine or cluster runs here: every
setting they name is one Remediator reads, every command is one the CLI has, every port and probe is
one the app serves, containers run unprivileged, and the network policy lets out only what is needed."""

from __future__ import annotations

import importlib
import json
from typing import Any

import yaml

from bot.cli.main import build_parser
from bot.config.settings import SETTINGS
from tests.fixtures import PLATFORM
from webhooks.app import GUNICORN_LOGGER

ROOT = PLATFORM.parents[2]
DEPLOY = ROOT / "deploy"
KNOWN = {spec.name for spec in SETTINGS}


def _compose() -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())  # merge keys resolved
    return doc


def _kubernetes() -> list[dict[str, Any]]:
    docs = []
    for path in sorted((DEPLOY / "kubernetes").glob("*.yaml")):
        docs += [d for d in yaml.safe_load_all(path.read_text()) if d]
    return docs


def _containers(doc: dict[str, Any]) -> list[dict[str, Any]]:
    spec = doc.get("spec", {})
    pod = spec.get("template", {}).get("spec", {}) if "template" in spec else {}
    return list(pod.get("containers", []))


def _ours() -> list[dict[str, Any]]:
    """The compose services that run Remediator's image (not Redis or PostgreSQL)."""
    return [svc for svc in _compose()["services"].values() if "REMEDIATOR_IMAGE" in str(svc.get("image"))]


def _commands() -> list[list[str]]:
    found = [svc["command"] for svc in _ours()]
    found += [svc["healthcheck"]["test"][1:] for svc in _ours() if "healthcheck" in svc]
    for doc in _kubernetes():
        for c in _containers(doc):
            found.append(c["command"])
            probe = c.get("livenessProbe", {}).get("exec")
            if probe:
                found.append(probe["command"])
    return found


def _subcommands(parser: Any) -> dict[str, Any]:
    for action in parser._actions:  # the argparse tree, read-only
        if getattr(action, "choices", None) and isinstance(action.choices, dict):
            return dict(action.choices)
    return {}


def test_every_setting_named_is_one_remediator_reads():
    names: set[str] = set()
    for svc in _compose()["services"].values():
        names |= {n for n in (svc.get("environment") or {}) if n.startswith(("REMEDIATOR_", "OPENAI_"))}
    for line in (DEPLOY / "remediator.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            names.add(line.split("=", 1)[0])
    for doc in _kubernetes():
        if doc["kind"] == "ConfigMap":
            names |= set(doc["data"])
        for c in _containers(doc):
            names |= {e["name"] for e in c.get("env", [])}
    assert names and names <= KNOWN, sorted(names - KNOWN)
    secret_doc = (DEPLOY / "kubernetes" / "config.yaml").read_text()
    for secret in ("REMEDIATOR_GITHUB_WEBHOOK_SECRET", "REMEDIATOR_SECRET_KEY", "REMEDIATOR_DATABASE_URL"):
        assert f"{secret}:" not in secret_doc  # secrets come from the Secret, not the ConfigMap
        assert secret not in _compose()["x-remediator"]["environment"] or secret == "REMEDIATOR_DATABASE_URL"


def test_every_command_is_one_the_cli_or_image_runs():
    commands = _subcommands(build_parser())
    seen = set()
    for argv in _commands():
        if argv[0] == "remediator":
            assert argv[1] in commands, argv
            sub = _subcommands(commands[argv[1]])
            if sub:
                assert argv[2] in sub, argv
            seen.add(" ".join(argv[:3]))
        else:
            assert argv[0] == "gunicorn" and argv[-1] == "webhooks:create_app()", argv
            assert argv[argv.index("--bind") + 1] == "0.0.0.0:8000"
            assert argv[argv.index("--logger-class") + 1] == GUNICORN_LOGGER  # JSON lines throughout
    assert {"remediator worker", "remediator db upgrade", "remediator health"} <= seen
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "EXPOSE 8000" in dockerfile and "webhooks:create_app()" in dockerfile
    [cmd] = [line for line in dockerfile.splitlines() if line.startswith("CMD ")]
    image = json.loads(cmd.removeprefix("CMD "))
    assert (
        image[-1] == "webhooks:create_app()" and image[image.index("--logger-class") + 1] == GUNICORN_LOGGER
    )
    module, _, name = GUNICORN_LOGGER.rpartition(".")
    assert callable(getattr(importlib.import_module(module), name))


def test_ports_probes_and_the_migration_order_match_the_app(tmp_path):
    from bot.config.settings import Settings
    from webhooks import create_app

    app = create_app(Settings(data_dir=tmp_path))
    routes = {rule.rule for rule in app.url_map.iter_rules()}
    web = next(
        d for d in _kubernetes() if d["kind"] == "Deployment" and d["metadata"]["name"] == "remediator-web"
    )
    [container] = _containers(web)
    assert container["ports"] == [{"name": "http", "containerPort": 8000}]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] in routes
    service = next(d for d in _kubernetes() if d["kind"] == "Service")
    assert service["spec"]["ports"][0]["targetPort"] == "http"
    compose = _compose()["services"]
    assert compose["web"]["ports"] == ["8000:8000"]
    for name in ("web", "worker"):
        assert compose[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert compose[name]["environment"]["REMEDIATOR_DB_AUTO_UPGRADE"] == "false"  # migrate is the step
    assert compose["worker"]["environment"]["REMEDIATOR_ROLE"] == "worker"


def test_containers_run_unprivileged_and_the_network_policy_is_narrow():
    for doc in _kubernetes():
        pods = doc.get("spec", {}).get("template", {}).get("spec", {})
        for c in _containers(doc):
            assert pods["securityContext"]["runAsNonRoot"] is True
            ctx = c["securityContext"]
            assert ctx["allowPrivilegeEscalation"] is False and ctx["capabilities"]["drop"] == ["ALL"]
            assert not ctx.get("privileged")
    [policy] = [d for d in _kubernetes() if d["kind"] == "NetworkPolicy"]
    assert policy["spec"]["policyTypes"] == ["Ingress", "Egress"]
    ports = {p["port"] for rule in policy["spec"]["egress"] for p in rule["ports"]}
    assert ports == {53, 443, 5432, 6379}
    ingress = {
        rule["from"][0]["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"]: sorted(
            p["port"] for p in rule["ports"]
        )
        for rule in policy["spec"]["ingress"]
    }
    assert ingress == {"ingress-nginx": [8000], "monitoring": [8000, _worker_metrics_port()]}
    assert "USER remediator" in (ROOT / "Dockerfile").read_text()


def test_the_files_parse_and_name_no_secret_value():
    for path in [DEPLOY / "compose.yaml", *sorted((DEPLOY / "kubernetes").glob("*.yaml"))]:
        text = path.read_text()
        assert "BEGIN" not in text and "ghp_" not in text and "password=" not in text.lower(), path
    example = dict(
        line.split("=", 1)
        for line in (DEPLOY / "remediator.env.example").read_text().splitlines()
        if "=" in line
    )
    assert all(
        not example[k]
        for k in ("REMEDIATOR_GITHUB_WEBHOOK_SECRET", "REMEDIATOR_SECRET_KEY", "OPENAI_API_KEY")
    )


def _mounts(svc: dict[str, Any]) -> dict[str, str]:
    """A compose service's volume mounts: container path -> volume name."""
    return {spec.split(":")[1]: spec.split(":")[0] for spec in svc.get("volumes", [])}


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def test_the_web_reads_the_workers_metrics_and_each_worker_beats_alone():
    # found by reading the file: the web had no volume for the samples the workers wrote, so its
    # /metrics never counted a job, and the scaled workers shared one heartbeat file on their volume
    from bot.config.settings import Settings
    from bot.obs.health import heartbeat_path
    from bot.obs.metrics import metrics_dir

    services = _compose()["services"]
    folders = {}
    for name in ("web", "worker"):
        settings = Settings.from_env({k: str(v) for k, v in services[name]["environment"].items()})
        folder = str(metrics_dir(settings))
        [volume] = [v for target, v in _mounts(services[name]).items() if _inside(folder, target)]
        folders[name] = (folder, volume)
    assert folders["web"] == folders["worker"]  # the same directory on the same named volume
    folder, volume = folders["web"]
    assert volume in _compose()["volumes"]
    dockerfile = (ROOT / "Dockerfile").read_text()  # a new named volume takes the image's owner
    assert f"mkdir -p /var/lib/remediator {folder}" in dockerfile
    assert f"chown remediator:remediator /var/lib/remediator {folder}" in dockerfile
    worker = Settings.from_env({k: str(v) for k, v in services["worker"]["environment"].items()})
    beat = str(heartbeat_path(worker))
    assert not any(_inside(beat, target) for target in _mounts(services["worker"])), beat
    assert beat.startswith("/tmp/")  # the container's own /tmp


def _worker_metrics_port() -> int:
    worker = next(
        d for d in _kubernetes() if d["kind"] == "Deployment" and d["metadata"]["name"] == "remediator-worker"
    )
    [container] = _containers(worker)
    env = {e["name"]: e["value"] for e in container.get("env", [])}
    port = int(env["REMEDIATOR_WORKER_METRICS_PORT"])
    assert container["ports"] == [{"name": "metrics", "containerPort": port}]
    return port


def test_kubernetes_workers_serve_their_metrics_and_the_token_is_a_secret():
    # a worker pod's samples are on no web's volume: it serves them itself, on the port it declares
    from bot.config.settings import Settings

    port = _worker_metrics_port()
    assert Settings.from_env({"REMEDIATOR_WORKER_METRICS_PORT": str(port)}).worker_metrics_port == port
    config = (DEPLOY / "kubernetes" / "config.yaml").read_text()
    assert "--from-literal=REMEDIATOR_METRICS_TOKEN=" in config  # created with the Secret
    [cm] = [d for d in _kubernetes() if d["kind"] == "ConfigMap"]
    assert "REMEDIATOR_METRICS_TOKEN" not in cm["data"]


def test_the_image_is_two_stages_with_dependencies_before_code_and_one_health_check_per_role():
    lines = [line.strip() for line in (ROOT / "Dockerfile").read_text().splitlines()]
    stages = [i for i, line in enumerate(lines) if line.startswith("FROM ")]
    assert len(stages) == 2 and lines[stages[0]].endswith(" AS build")
    build = lines[stages[0] : stages[1]]
    deps = next(i for i, line in enumerate(build) if "-c constraints.txt" in line and "pip install" in line)
    code = next(i for i, line in enumerate(build) if line.startswith("COPY bot"))
    assert deps < code  # a code change rebuilds only the layers after the dependencies
    final = lines[stages[1] :]
    assert any(line.startswith("COPY --from=build /opt/remediator") for line in final)
    assert not any(line.startswith("COPY bot") for line in final)  # no source tree beside the venv
    [check] = [line for line in final if line.startswith("HEALTHCHECK")]
    assert check.endswith('CMD ["remediator", "health"]')  # reads REMEDIATOR_ROLE: web or worker
    assert "ENV REMEDIATOR_ROLE=web" in final
