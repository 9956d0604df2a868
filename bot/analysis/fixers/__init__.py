"""Mechanical fixers: a finding without a rule-provided fix gets one where a safe rewrite exists; the
pipeline then verifies it like every fix (``bot.analysis.verify``: apply to a scratch copy, parse,
re-scan with the analyzers that can see the flaw: gone at its location, nothing new).

Every fixer is a function ``(finding, source file) -> finding with a replacement, or None``: pure (text
in, text out), it answers None for anything it does not handle (another category or language, a shape
it cannot rewrite safely) and may widen the finding's span to the added lines it rewrites. The first
fixer in ``FIXERS`` that answers wins. To add one, write a module here and list its ``propose`` below;
``tests/unit/test_fixers_benign.py`` then runs the corpus's benign cases through it.

Must not import the hosts, the store, the LLM package or the web.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.analysis.fixers import (
    c_strings,
    cors_origins,
    escaping,
    github_actions,
    go_ciphers,
    go_host_redirects,
    go_integers,
    go_paths,
    go_web,
    golang,
    iac,
    java,
    java_ciphers,
    java_guards,
    java_passwords,
    java_redirects,
    java_trust,
    java_web,
    javascript,
    javascript_ldap,
    javascript_markup,
    javascript_web,
    js_ciphers,
    js_eval,
    js_passwords,
    jwt,
    platform_defaults,
    prompt_text,
    python_ciphers,
    python_eval,
    python_jwt,
    python_pickle,
    python_pipeline,
    python_popen,
    python_prompt,
    python_query,
    python_routes,
    python_secrets,
    python_shell,
    python_sql,
    python_tempfile,
    python_web,
    python_xml,
    python_xss,
    python_yaml,
    queries,
    regex_repeats,
    ruby,
    ruby_web,
    secrets_config,
    secrets_env,
    settings_flip,
    workflow_trust,
)
from bot.core.models import Finding, SourceFile

Fixer = Callable[[Finding, SourceFile], "Finding | None"]

FIXERS: tuple[Fixer, ...] = (
    python_sql.propose,
    python_web.propose,
    python_secrets.propose,
    python_ciphers.propose,
    python_query.propose,
    python_pickle.propose,
    python_tempfile.propose,
    python_prompt.propose,
    python_routes.propose,
    python_jwt.propose,
    python_xss.propose,
    ruby_web.propose,
    ruby.propose,
    python_shell.propose,
    python_pipeline.propose,
    python_popen.propose,
    github_actions.propose,
    workflow_trust.propose,
    javascript.propose,
    javascript_web.propose,
    javascript_markup.propose,
    js_eval.propose,
    js_ciphers.propose,
    js_passwords.propose,
    iac.propose,
    go_web.propose,
    go_host_redirects.propose,
    go_paths.propose,
    java.propose,
    java_web.propose,
    java_guards.propose,
    java_trust.propose,
    java_ciphers.propose,
    java_passwords.propose,
    java_redirects.propose,
    golang.propose,
    go_ciphers.propose,
    go_integers.propose,
    python_yaml.propose,
    python_xml.propose,
    cors_origins.propose,
    secrets_env.propose,
    secrets_config.propose,
    settings_flip.propose,
    jwt.propose,
    escaping.propose,
    queries.propose,
    javascript_ldap.propose,
    prompt_text.propose,
    platform_defaults.propose,
    c_strings.propose,
    regex_repeats.propose,
    python_eval.propose,
)


def propose(finding: Finding, files: Mapping[str, SourceFile]) -> Finding:
    """``finding`` with a mechanical fix where one applies (to be verified), else unchanged."""
    sf = files.get(finding.path)
    if sf is None or finding.replacement is not None:
        return finding
    advice = None
    for fixer in FIXERS:
        try:
            fixed = fixer(finding, sf)
        except (RecursionError, MemoryError):
            fixed = None  # deeply nested untrusted code: no fix, the finding stays
        if fixed is not None and fixed.replacement is None and advice is None:
            advice = fixed  # steps only (no safe rewrite): kept when no other fixer rewrites it
        if fixed is not None and fixed.replacement is not None:
            return fixed
    return advice or finding
