"""Command line: ``remediator review | scan | eval | serve | worker``; later issues add more.

Entry point only: builds Settings once, configures logging, maps errors to exit codes
(0 clean, 1 findings at or above --fail-on, 2 bad input, 3 review incomplete).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot import __version__
from bot.config.settings import Settings
from bot.core.models import Confidence, Severity
from bot.core.review import Review
from bot.errors import ConfigError, InputError, RemediatorError
from bot.obs import metrics
from bot.obs.health import HeartbeatFile, heartbeat_path
from bot.obs.health import check as check_health
from bot.obs.logs import configure_logging

if TYPE_CHECKING:
    from bot.analysis.exposure import Site

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INCOMPLETE = 0, 1, 2, 3
FORMATS = ("text", "markdown", "json", "sarif", "gitlab-sast")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_INPUT, f"remediator: {message}\n")


_CORE_COMMANDS = frozenset({"review", "serve", "worker", "github", "check-config", "eval"})
"""Sub-commands declared in this module; the others' parsers live with their (heavier) modules."""


def _command_of(argv: Sequence[str]) -> str | None:
    """The sub-command named on the command line (the first argument that is not an option)."""
    return next((a for a in argv if not a.startswith("-")), None)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The CLI's parser. For a ``command`` declared here, the other sub-commands' modules (the store,
    the job queue, the vulnerability database) are not imported: `review` starts in a fraction of the
    time. Without one (``--help``, ``--version``, another command) every sub-command is declared."""
    parser = _Parser(prog="remediator", description="Security review for pull and merge requests.")
    parser.add_argument("--version", action="version", version=f"remediator {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    review = sub.add_parser("review", help="review a change and print the review the bot would post")
    src = review.add_argument_group("the change")
    src.add_argument(
        "--repo", metavar="PATH", help="a git checkout (with --base), or file contents for --diff"
    )
    src.add_argument("--base", metavar="REV", help="base revision (the PR's target branch)")
    src.add_argument("--head", metavar="REV", help="head revision (default HEAD)")
    src.add_argument("--diff", metavar="FILE", help="a unified diff file, or - for standard input")
    src.add_argument(
        "--staged", action="store_true", help="what git would commit now (the index against HEAD), for hooks"
    )
    review.add_argument("--format", choices=FORMATS, default="text")
    review.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    review.add_argument(
        "--fail-on",
        metavar="SEVERITY",
        type=_severity,
        help="exit 1 when a finding in the change is at least this severe",
    )
    review.add_argument(
        "--min-severity",
        metavar="SEVERITY",
        type=_severity,
        help="inline threshold (default REMEDIATOR_MIN_SEVERITY)",
    )
    review.add_argument(
        "--min-confidence",
        metavar="LEVEL",
        type=_confidence,
        help="inline threshold (default REMEDIATOR_MIN_CONFIDENCE)",
    )
    review.add_argument(
        "--max-comments",
        metavar="N",
        type=_count,
        help="cap on inline comments (default REMEDIATOR_MAX_INLINE_COMMENTS)",
    )
    review.add_argument(
        "--exclude",
        metavar="GLOB",
        action="append",
        default=[],
        help="skip paths matching this glob (repeatable)",
    )
    review.add_argument(
        "--no-llm",
        action="store_true",
        help="static analysis only, even when OPENAI_API_KEY or OPENAI_BASE_URL is set",
    )
    review.add_argument(
        "--repo-name",
        metavar="[HOST:]OWNER/NAME",
        default="",
        help="the repository's name in the organisation file's asset map (REMEDIATOR_ORG_CONFIG)",
    )

    _add_scan_parser(sub)

    serve = sub.add_parser(
        "serve",
        help="serve the webhook endpoint with gunicorn",
        description=(
            "Run gunicorn on 'webhooks:create_app()'. The README gives the equivalent gunicorn command "
            "for process managers that start gunicorn themselves."
        ),
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port to bind (default 8000)")
    serve.add_argument("--workers", type=_positive, default=2, help="gunicorn worker processes (default 2)")

    sub.add_parser(
        "worker",
        help="run queued jobs (REMEDIATOR_WORKER_THREADS threads) and recover expired leases",
    )
    sub.add_parser(
        "health",
        help="exit 0 when healthy: REMEDIATOR_ROLE=web probes /healthz, =worker reads the heartbeat file",
    )

    _add_github_parser(sub)
    cc = sub.add_parser("check-config", help="say what is missing or wrong in the configuration")
    cc.add_argument("--repo-config", metavar="FILE", help="also validate a .remediator.yml file")
    cc.add_argument("--no-github", action="store_true", help="skip the GitHub credential checks")
    cc.add_argument("--online", action="store_true", help="also call GitHub with the credentials")
    cc.add_argument(
        "--gitlab",
        action="store_true",
        help="check the GitLab settings even when none is set (they are checked whenever one is)",
    )

    ev = sub.add_parser(
        "eval",
        help="measure precision and recall on a labelled corpus, or recall, fix-side false positives "
        "and discrimination on real-world cases (detected from their layout)",
    )
    ev.add_argument("corpus", nargs="?", default="tests/corpus", help="corpus or real-world directory")
    ev.add_argument(
        "--realworld",
        action="store_true",
        help="read the directory as real-world cases (vulnerable/ and fixed/); detected when omitted",
    )
    ev.add_argument(
        "--language",
        action="append",
        default=[],
        help="real-world cases: only this language (repeatable; default all)",
    )
    ev.add_argument("--format", choices=("text", "json"), default="text")
    ev.add_argument("--output", metavar="FILE")

    if command in _CORE_COMMANDS:
        return parser
    from bot.cli.advisories import add_parsers as add_advisory_parsers

    add_advisory_parsers(sub, _Parser)
    from bot.cli.api_tokens import add_parsers as add_token_parsers

    add_token_parsers(sub, _Parser)
    from bot.cli.vulndb import add_parsers as add_vulndb_parsers

    add_vulndb_parsers(sub, _Parser)
    from bot.cli.sbom import add_parsers as add_sbom_parsers

    add_sbom_parsers(sub, _Parser)
    from bot.cli.jobs import add_parsers as add_job_parsers

    add_job_parsers(sub, _Parser)
    from bot.cli.baseline import add_parsers as add_baseline_parsers

    add_baseline_parsers(sub, _Parser)
    from bot.cli.plan import add_parsers as add_plan_parsers

    add_plan_parsers(sub, _Parser)
    return parser


def _add_github_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    gh = sub.add_parser("github", help="GitHub App set-up")
    gh_sub = gh.add_subparsers(dest="github_command", required=True, parser_class=_Parser)
    man = gh_sub.add_parser("manifest", help="print the least-privilege GitHub App manifest (JSON)")
    man.add_argument("--webhook-url", required=True, help="https://YOUR-HOST/webhooks/github")
    man.add_argument("--name", default="Remediator", help="App name (default Remediator)")
    man.add_argument(
        "--redirect-url",
        help="where GitHub sends the browser with ?code=... once the App is created (for `github convert`)",
    )
    man.add_argument(
        "--serve",
        action="store_true",
        help="run the whole flow: a page on 127.0.0.1 posts the manifest to GitHub, saves the App",
    )
    man.add_argument(
        "--port", type=int, default=0, help="with --serve: the local port (default: any free one)"
    )
    man.add_argument("--org", help="with --serve: create the App for this organisation")
    man.add_argument("--out", metavar="DIR", help="with --serve: where to write the key and settings")
    conv = gh_sub.add_parser(
        "convert", help="exchange the code GitHub returned for the new App's id, private key and secret"
    )
    conv.add_argument("--code", required=True, help="the code from the redirect URL (?code=...)")
    conv.add_argument("--out", metavar="DIR", help="where to write the key and settings (default: data dir)")


def _add_scan_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    scan = sub.add_parser(
        "scan",
        help="review a whole tree (every file, every line) and print the report",
        description=(
            "Review every file of a directory, or of a git revision read without checking it out, "
            "with the same analyzers and rules as review. Results are cached per file in the data "
            "directory, so a second scan re-analyses only what changed."
        ),
    )
    scan.add_argument("--repo", metavar="PATH", help="the directory or git repository to scan")
    scan.add_argument(
        "--rev", metavar="REV", help="scan this git revision (read with git, never checked out)"
    )
    scan.add_argument("--format", choices=(*FORMATS, "html"), default="text")
    scan.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    scan.add_argument(
        "--fail-on", metavar="SEVERITY", type=_severity, help="exit 1 at or above this severity"
    )
    scan.add_argument("--min-severity", metavar="SEVERITY", type=_severity, help="inline threshold")
    scan.add_argument("--min-confidence", metavar="LEVEL", type=_confidence, help="inline threshold")
    scan.add_argument("--max-comments", metavar="N", type=_count, help="cap on inline-tier findings")
    scan.add_argument("--exclude", metavar="GLOB", action="append", default=[], help="skip matching paths")
    scan.add_argument(
        "--no-cache", action="store_true", help="analyse every file; neither read nor write the cache"
    )
    scan.add_argument("--quiet", action="store_true", help="no progress on stderr")
    scan.add_argument(
        "--repo-name",
        metavar="[HOST:]OWNER/NAME",
        default="",
        help="the repository's name in the organisation file's asset map (REMEDIATOR_ORG_CONFIG)",
    )


def _severity(text: str) -> Severity:
    try:
        return Severity.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _confidence(text: str) -> Confidence:
    try:
        return Confidence.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _positive(text: str) -> int:
    value = _count(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _port(text: str) -> int:
    value = _count(text)
    if value > 65535:
        raise argparse.ArgumentTypeError("must be a port number, 0-65535")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_of(arguments))
    args = parser.parse_args(arguments)
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"remediator: configuration error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    configure_logging(settings, service=args.command == "worker")
    try:
        handler = _COMMANDS.get(args.command)
        if handler is not None:
            return handler(args, settings)
    except InputError as exc:
        print(f"remediator: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except RemediatorError as exc:
        print(f"remediator: {exc}", file=sys.stderr)
        return EXIT_INCOMPLETE
    parser.error(f"unknown command {args.command}")


def _github(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.admin import convert_manifest, manifest_text

    if args.github_command == "convert":
        out_dir = Path(args.out) if args.out else None
        sys.stdout.write(convert_manifest(args.code, settings, out_dir))
        return EXIT_OK
    try:
        text = manifest_text(args.webhook_url, args.name, args.redirect_url)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if not args.serve:
        sys.stdout.write(text)
        return EXIT_OK
    from bot.cli.admin import writable_folder
    from bot.cli.manifest_serve import ManifestFlow, serve_manifest

    out_dir = writable_folder(Path(args.out) if args.out else settings.data_dir)  # before GitHub's code
    flow = ManifestFlow(settings, args.webhook_url, args.name, args.org, out_dir)

    def ready(url: str) -> None:
        print(
            f"Open {url} in a browser on this machine and press the button; waiting for GitHub.", flush=True
        )

    status = serve_manifest(flow, port=args.port, ready=ready)
    if flow.result:
        sys.stdout.write(flow.result)
    else:
        print(f"remediator: {flow.error or 'no App was created'}", file=sys.stderr)
    return EXIT_OK if status == 0 else EXIT_INCOMPLETE


def _check_config(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.admin import check_config

    repo_config = Path(args.repo_config) if args.repo_config else None
    return check_config(
        settings,
        repo_config=repo_config,
        online=args.online,
        github=not args.no_github,
        gitlab=True if args.gitlab else None,
    )


def _advisories(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.advisories import run as run_advisories
    from bot.jobqueue import SystemClock

    return run_advisories(args, settings, SystemClock())


def _jobs(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.jobs import run as run_jobs

    return run_jobs(args, settings)


def _baseline(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.baseline import run as run_baseline

    return run_baseline(args, settings)


def _plan(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.plan import run as run_plan
    from bot.jobqueue import SystemClock

    return run_plan(args, settings, SystemClock())


def _tokens(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.api_tokens import run as run_tokens
    from bot.jobqueue import SystemClock

    return run_tokens(args, settings, SystemClock())


def _vulndb(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.vulndb import run as run_vulndb

    return run_vulndb(args, settings)


def _sbom(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.sbom import run as run_sbom

    return run_sbom(args, settings)


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        print(f"remediator: {message}...", file=sys.stderr, flush=True)


def _site(args: argparse.Namespace, settings: Settings) -> Site:
    """The repository named by --repo-name, with the organisation's asset map."""
    from bot.analysis.exposure import Site  # the analysis stack loads only for a review
    from bot.config.org import load_org_config

    host, sep, name = str(args.repo_name).partition(":")
    if not sep:
        host, name = "", host
    return Site(host.lower(), name.strip("/"), load_org_config(settings.org_config).assets)


def _review(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import replace

    from bot.analysis.pipeline import review_change
    from bot.analysis.workspace import Reader
    from bot.cli.output import write_output
    from bot.cli.sources import diff_change, git_change, read_diff, staged_change, tree_files, tree_reader
    from bot.core.formats import review_gitlab_sast, review_json, review_sarif
    from bot.core.render import markdown_report, text_report
    from bot.deps.reach import is_source

    if sum(bool(x) for x in (args.diff, args.base, args.staged)) > 1:
        raise InputError("use one of --diff, --repo with --base, or --staged")
    if args.head and not args.base:
        raise InputError("--head needs --base")
    if args.diff is None and not args.staged and not (args.repo and args.base):
        raise InputError("nothing to review: give --repo PATH --base REV, --diff FILE or --staged")
    started = dt.datetime.now(dt.UTC)
    reader: Reader | None
    if args.staged:
        changeset, reader = staged_change(Path(args.repo or "."))
        repository_files = None
    elif args.diff is not None:
        changeset = diff_change(read_diff(args.diff))
        reader = tree_reader(Path(args.repo)) if args.repo else None
        repository_files = None
    else:
        changeset, reader = git_change(Path(args.repo), args.base, args.head)
        repo, head = Path(args.repo), args.head or "HEAD"
        repository_files = lambda: tree_files(repo, head, is_source).items()  # noqa: E731
    settings = replace(
        settings,
        min_severity=args.min_severity or settings.min_severity,
        min_confidence=args.min_confidence or settings.min_confidence,
        max_inline_comments=(
            args.max_comments if args.max_comments is not None else settings.max_inline_comments
        ),
        exclude_paths=(*settings.exclude_paths, *args.exclude),
        llm_enabled=settings.llm_enabled and not args.no_llm,
    )
    _progress(f"reviewing {len(changeset.files)} changed file(s), {changeset.added_line_count} added line(s)")
    llm_store = None
    if settings.llm_configured:
        # the store modules import sqlalchemy (~0.35 s of every review's start-up): only when needed
        from bot.jobs.llm_state import llm_store_for

        llm_store = llm_store_for(settings)
    review = review_change(
        changeset,
        reader,
        settings,
        progress=_progress,
        llm_store=llm_store,
        repository_files=repository_files,
        site=_site(args, settings),
    )
    if args.format == "json":
        text = json.dumps(review_json(review), indent=2) + "\n"
    elif args.format == "sarif":
        text = json.dumps(review_sarif(review), indent=2) + "\n"
    elif args.format == "gitlab-sast":
        report = review_gitlab_sast(review, started, dt.datetime.now(dt.UTC))
        text = json.dumps(report, indent=2) + "\n"
    elif args.format == "markdown":
        text = markdown_report(review)
    else:
        text = text_report(review)
    write_output(text, args.output)
    return _exit_code(review, args.fail_on)


def _scan(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import replace

    from bot.cli.output import write_output
    from bot.cli.scan import ProgressDisplay, render, run_scan

    settings = replace(
        settings,
        min_severity=args.min_severity or settings.min_severity,
        min_confidence=args.min_confidence or settings.min_confidence,
        max_inline_comments=(
            args.max_comments if args.max_comments is not None else settings.max_inline_comments
        ),
    )
    progress = None if args.quiet else ProgressDisplay(sys.stderr, tty=sys.stderr.isatty())
    result = run_scan(args, settings, progress=progress, site=_site(args, settings))
    write_output(render(result, args.format), args.output)
    if not args.quiet:
        print(
            f"remediator: {result.files:,} file(s): {result.analysed:,} analysed, "
            f"{result.cached:,} from the cache",
            file=sys.stderr,
        )
    return _exit_code(result.review, args.fail_on)


def _exit_code(review: Review, fail_on: Severity | None) -> int:
    """The exit code of a review or a scan: incomplete (3) before findings (1) before clean (0)."""
    if not review.complete:
        # An analyzer failed, or a file that should have been analysed was not (unreadable, too
        # large, partly parsed): a gate such as --fail-on cannot pass on what was never looked at.
        for failure in review.failures:
            print(f"remediator: review incomplete: {failure}", file=sys.stderr)
        if not review.coverage.complete:
            print(
                "remediator: review incomplete: files that should have been analysed were not "
                "(the report's coverage says which and why)",
                file=sys.stderr,
            )
        return EXIT_INCOMPLETE
    if fail_on is not None:
        worst = review.worst_severity()
        if worst is not None and worst >= fail_on:
            return EXIT_FINDINGS
    return EXIT_OK


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.evaluate import evaluate_corpus, format_scores
    from bot.cli.output import write_output
    from bot.cli.realworld import evaluate_realworld, format_realworld, is_realworld

    if args.realworld or is_realworld(Path(args.corpus)):
        runs = evaluate_realworld(Path(args.corpus), settings, languages=args.language, progress=_progress)
        body = {"runs": [r.as_dict() for r in runs]}
        text = json.dumps(body, indent=2) + "\n" if args.format == "json" else format_realworld(runs)
        write_output(text, args.output)
        return EXIT_OK
    scores = evaluate_corpus(Path(args.corpus), settings, progress=_progress)
    text = json.dumps(scores.as_dict(), indent=2) + "\n" if args.format == "json" else format_scores(scores)
    write_output(text, args.output)
    return EXIT_OK


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    """The gunicorn command ``remediator serve`` runs (the README shows the same)."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--logger-class",
        "webhooks.app.GunicornLogger",
        "webhooks:create_app()",
    ]


def _serve(args: argparse.Namespace) -> int:
    argv = gunicorn_argv(args.host, args.port, args.workers)
    os.execv(argv[0], argv)  # noqa: S606 - replaces this process with gunicorn, fixed arguments


def _worker(settings: Settings) -> int:
    from bot.jobqueue import open_queue
    from bot.store.bootstrap import engine_for

    # the schema is checked (or, with REMEDIATOR_DB_AUTO_UPGRADE, upgraded under the migration
    # lock) before any job runs: a worker refuses an old schema at start, not in its first job
    engine_for(settings)
    queue = open_queue(settings)
    metrics.enable(settings)
    beat = HeartbeatFile(heartbeat_path(settings), HEARTBEAT_SECONDS).start()
    served = None
    if settings.worker_metrics_port:
        from bot.obs.serve_metrics import MetricsServer

        try:
            served = MetricsServer(
                "0.0.0.0",  # noqa: S104 - scraped from outside the pod or host; the token guards it
                settings.worker_metrics_port,
                settings.metrics_token,
                queue.backlog,
            ).start()
        except OSError as exc:
            beat.stop()
            port = settings.worker_metrics_port
            raise ConfigError(
                f"REMEDIATOR_WORKER_METRICS_PORT={port}: cannot listen: {exc.strerror}"
            ) from None
    sweeper = queue.sweeper().start()  # crash recovery that no backlog in the queue can delay
    logging.getLogger(__name__).info("worker starting with %d thread(s)", settings.worker_threads)
    try:
        queue.consumer().run()
    finally:
        sweeper.stop()
        beat.stop()
        if served is not None:
            served.stop()
    return EXIT_OK


HEARTBEAT_SECONDS = 10.0


def _health(_args: argparse.Namespace, settings: Settings) -> int:
    """Exit 0 when the role's check passes (``REMEDIATOR_ROLE``), 1 with the reason otherwise."""
    reason = check_health(settings, time.time())
    if reason is None:
        print(f"remediator {settings.role}: healthy")
        return EXIT_OK
    print(f"remediator {settings.role}: unhealthy: {reason}", file=sys.stderr)
    return EXIT_FINDINGS


EXIT_BROKEN_PIPE = 141
"""What a shell reports for a command killed by SIGPIPE (128 + 13): ``remediator ... | head -1``."""


# Sub-command -> what runs it (each imports its heavy modules only when chosen).
_COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "review": _review,
    "scan": _scan,
    "eval": _eval,
    "github": _github,
    "check-config": _check_config,
    "serve": lambda args, _settings: _serve(args),
    "worker": lambda _args, settings: _worker(settings),
    "health": _health,
    "advisories": _advisories,
    "db": _advisories,
    "jobs": _jobs,
    "baseline": _baseline,
    "plan": _plan,
    "tokens": _tokens,
    "vulndb": _vulndb,
    "sbom": _sbom,
}


def run() -> None:
    """The console script: ``main()``, where a reader that goes away (``| head -1``) ends the
    command quietly, whatever it was printing, instead of with a BrokenPipeError traceback."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's last flush at exit cannot raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        code = EXIT_BROKEN_PIPE
    sys.exit(code)


if __name__ == "__main__":
    run()
