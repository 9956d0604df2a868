"""Admin commands: ``remediator github manifest | convert`` and ``remediator check-config``.

check-config reads the settings, the credentials, the data directory, the queue storage and the
analyzers, and says what is missing or wrong, one line each; it never prints a secret.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bot.config.org import load_org_config
from bot.config.repo import parse_repo_config
from bot.config.settings import Settings
from bot.deps.sync import age_days
from bot.errors import ConfigError, InputError
from bot.hosts.github_manifest import app_manifest, convert_manifest_code


def manifest_text(webhook_url: str, name: str, redirect_url: str | None = None) -> str:
    if not webhook_url.startswith("https://"):
        raise ValueError("--webhook-url must be an https:// URL ending in /webhooks/github")
    if redirect_url is not None and not redirect_url.startswith(
        ("https://", "http://127.0.0.1", "http://localhost")
    ):
        raise ValueError("--redirect-url must be an https:// URL (or http://127.0.0.1 for a local browser)")
    return json.dumps(app_manifest(webhook_url, name=name, redirect_url=redirect_url), indent=2) + "\n"


def _write_private(path: Path, text: str) -> None:
    """Create ``path`` readable by its owner only; never overwrite an existing file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def writable_folder(folder: Path) -> Path:
    """``folder``, created if need be, once a file could be created in it; else ``InputError``.
    Checked before GitHub's single-use code is exchanged: a folder found unwritable afterwards lost
    the new App's private key and webhook secret (GitHub shows neither again)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".remediator-probe-"):
            pass
    except OSError as exc:
        raise InputError(
            f"cannot write the App's files to {folder}: {exc.strerror or exc}; pick another with --out "
            "(GitHub's code was not used)"
        ) from None
    return folder


def convert_manifest(code: str, settings: Settings, out_dir: Path | None) -> str:
    """Exchange the manifest code for the new App's id, key and secret; write them; say where."""
    folder = writable_folder(out_dir or settings.data_dir)
    app = convert_manifest_code(code, api_url=settings.github_api_url)
    key_path = (folder / f"github-app-{app.app_id}.pem").resolve()
    env_path = (folder / f"github-app-{app.app_id}.env").resolve()
    for path in (key_path, env_path):
        if path.exists():
            raise InputError(f"{path} exists already; move it away or pass --out DIR")
    _write_private(key_path, app.pem)
    _write_private(
        env_path,
        f"REMEDIATOR_GITHUB_APP_ID={app.app_id}\n"
        f"REMEDIATOR_GITHUB_PRIVATE_KEY_PATH={key_path}\n"
        f"REMEDIATOR_GITHUB_WEBHOOK_SECRET={app.webhook_secret}\n",
    )
    install = f"{app.html_url}/installations/new" if app.html_url else "the App's page on GitHub"
    return (
        f"Created GitHub App {app.slug or app.app_id} (id {app.app_id}).\n"
        f"Private key: {key_path} (mode 0600)\n"
        f"Settings: {env_path} (mode 0600; REMEDIATOR_GITHUB_APP_ID, REMEDIATOR_GITHUB_PRIVATE_KEY_PATH,"
        f" REMEDIATOR_GITHUB_WEBHOOK_SECRET): load it into the service's and workers' environment.\n"
        f"Then install the App on the repositories to review: {install}\n"
    )


def _check_data_dir(settings: Settings) -> list[str]:
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        probe = settings.data_dir / ".remediator-write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        return [f"REMEDIATOR_DATA_DIR={settings.data_dir} is not writable: {exc.strerror}"]
    return []


def _check_queue(settings: Settings) -> list[str]:
    if not settings.redis_url:
        return []
    try:
        import redis  # noqa: PLC0415 - only when Redis is configured
    except ImportError:
        return [
            "REMEDIATOR_REDIS_URL is set but the redis package is missing: pip install 'remediator[redis]'"
        ]
    try:
        redis.Redis.from_url(settings.redis_url, socket_timeout=3).ping()
    except (redis.RedisError, ValueError) as exc:
        return [f"REMEDIATOR_REDIS_URL: Redis does not answer ({type(exc).__name__})"]
    return []


def _check_analyzers() -> list[str]:
    from bot.analysis.semgrep import rule_files, semgrep_binary  # noqa: PLC0415
    from bot.errors import AnalyzerError  # noqa: PLC0415

    problems = []
    try:
        semgrep_binary()
    except AnalyzerError as exc:
        problems.append(str(exc))
    if not rule_files():
        problems.append("the rule pack is missing from the installation")
    if shutil.which("git") is None:
        problems.append("git is not on PATH (needed for `remediator review --repo`)")
    return problems


def _check_github_online(settings: Settings) -> list[str]:
    from bot.errors import RemediatorError  # noqa: PLC0415
    from bot.hosts.github_auth import GitHubClients  # noqa: PLC0415
    from bot.hosts.github_errors import translate  # noqa: PLC0415

    clients = GitHubClients(settings, clock=time.time)
    try:
        if clients.app_mode:
            login = clients.bot_login()
            print(f"ok: GitHub App answers as {login}")
        else:
            client = clients.for_repo("", None)
            with translate("checking the token"):
                client.get_rate_limit()
            print("ok: GitHub token accepted")
    except RemediatorError as exc:
        return [f"GitHub: {exc}"]
    return []


def _check_gitlab_online(settings: Settings) -> list[str]:
    from bot.errors import RemediatorError  # noqa: PLC0415
    from bot.hosts.gitlab_auth import GitLabClients  # noqa: PLC0415

    try:
        username = GitLabClients(settings).bot_username()
    except RemediatorError as exc:
        return [f"GitLab: {exc}"]
    print(f"ok: GitLab token accepted; comments will come from {username}")
    return []


def _check_vulndb(settings: Settings) -> list[str]:
    """The vulnerability database's age: a note when there is none, a problem when it is too old."""
    age = age_days(settings.vulndb_path, time.time())
    if age is None:
        print(
            f"note: no vulnerability database in {settings.vulndb_path}: dependency advice is off until "
            "`remediator vulndb sync`"
        )
        return []
    if age > settings.vulndb_max_age_days:
        return [
            f"the vulnerability database in {settings.vulndb_path} is {age:.0f} days old "
            f"(REMEDIATOR_VULNDB_MAX_AGE_DAYS={settings.vulndb_max_age_days:g}): run `remediator vulndb sync`"
        ]
    print(f"ok: vulnerability database {settings.vulndb_path}, synced {age:.1f} day(s) ago")
    return []


def _check_org(settings: Settings) -> list[str]:
    """The organisation file: every problem with its key, or what it holds."""
    if not settings.org_config:
        print("note: no organisation file (REMEDIATOR_ORG_CONFIG): default SLA, no asset map")
        return []
    try:
        org = load_org_config(settings.org_config)
    except ConfigError as exc:
        return [str(exc)]
    profile = org.assets.profile
    print(
        f"ok: organisation file {settings.org_config}: sector {profile.sector}, "
        f"{len(org.assets.entries)} asset map entr(ies), {len(org.security_team)} security team member(s)"
    )
    return []


def check_config(
    settings: Settings, *, repo_config: Path | None, online: bool, github: bool, gitlab: bool | None = None
) -> int:
    """Print every problem found; 0 when none, 2 otherwise.

    ``gitlab`` None means: check the GitLab settings when any of them is set.
    """
    from bot.hosts.github_auth import check_credentials  # noqa: PLC0415

    if gitlab is None:
        gitlab = bool(settings.gitlab_token or settings.gitlab_webhook_secret)
    checks: list[Callable[[], list[str]]] = [
        lambda: _check_data_dir(settings),
        lambda: _check_queue(settings),
        _check_analyzers,
        lambda: _check_vulndb(settings),
        lambda: _check_org(settings),
    ]
    if github:
        checks.append(lambda: check_credentials(settings))
    if gitlab:
        from bot.hosts.gitlab_auth import check_credentials as gitlab_credentials  # noqa: PLC0415

        checks.append(lambda: gitlab_credentials(settings))
    problems: list[str] = []
    for check in checks:
        problems += check()
    if repo_config is not None:
        try:
            parsed = parse_repo_config(repo_config.read_bytes())
        except OSError as exc:
            problems.append(f"{repo_config}: cannot read ({exc.strerror})")
        else:
            problems += [f"{repo_config}: {err}" for err in parsed.errors]
    if online and github and not problems:
        problems += _check_github_online(settings)
    if online and gitlab and not problems:
        problems += _check_gitlab_online(settings)
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    if problems:
        return 2
    print("ok: configuration is complete")
    return 0
