"""The organisation file's profile and asset map (issue 11, item 3): parsing, every problem named with
its key and the allowed values, first-match lookup, and the glob matcher on hostile input."""

from __future__ import annotations

import contextlib
import fnmatch

import hypothesis.strategies as st
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from bot.config.org import parse_org_config
from bot.core.globs import MAX_GLOB, glob_match, glob_problem
from bot.core.risk import DataKind, Exposure
from bot.errors import ConfigError
from tests.unit.timing import best_of_three, repeats_for

EXAMPLE = """
version: 1
security_team: [github:alice]
profile:
  sector: transport
  size: large
assets:
  - repo: acme/payments
    exposure: internet
    data: [payment, personal]
    tier: 1
    paths:
      - glob: "scripts/**"
        exposure: internal
        tier: 3
      - glob: "*.tf"
        data: [credentials]
  - repo: "gitlab:ops/*"
    exposure: ot
    data: safety-control
  - repo: acme
    exposure: partner
"""


def test_the_example_profile_is_read_whole():
    org = parse_org_config(EXAMPLE)
    assets = org.assets
    assert (assets.profile.sector, assets.profile.size) == ("transport", "large")
    app = assets.asset("github", "acme/payments", "app/views.py")
    assert app.exposure is Exposure.INTERNET and app.tier == 1
    assert app.data == (DataKind.PAYMENT, DataKind.PERSONAL)
    assert app.exposure_source == "asset map: acme/payments" and app.name == "acme/payments"
    # a path entry overrides what it names and inherits the rest from its repository
    script = assets.asset("github", "acme/payments", "scripts/deploy/run.py")
    assert (script.exposure, script.tier, script.data) == (Exposure.INTERNAL, 3, app.data)
    assert script.name == "acme/payments:scripts/**"
    tf = assets.asset("github", "acme/payments", "infra/net/main.tf")  # a bare name matches at any depth
    assert tf.data == (DataKind.CREDENTIALS,) and tf.exposure is Exposure.INTERNET


def test_hosts_globs_and_groups_choose_the_entry_in_file_order():
    assets = parse_org_config(EXAMPLE).assets
    ot = assets.asset("gitlab", "ops/scada", "plc/io.py")
    assert ot.exposure is Exposure.ISOLATED and ot.data == (DataKind.SAFETY_CONTROL,)
    # the same name on GitHub is not the GitLab entry: it falls through to nothing
    other_host = assets.asset("github", "ops/scada", "plc/io.py")
    assert other_host.exposure is Exposure.UNKNOWN and other_host.exposure_source == ""
    # "acme" covers the whole group; acme/payments matched first above
    group = assets.asset("github", "acme/tools", "x.py")
    # transport's default tier (2), one tier more critical for a large (essential) organisation
    assert group.exposure is Exposure.PARTNER and group.tier == 1


def test_what_the_map_does_not_name_gets_the_sector_default_tier_and_no_exposure():
    for sector, tier in (("energy", 2), ("water", 2), ("manufacturing", 3), ("general", 3)):
        asset = parse_org_config(f"profile: {{sector: {sector}}}").assets.asset("github", "x/y", "a.py")
        assert (asset.tier, asset.exposure) == (tier, Exposure.UNKNOWN)
        assert asset.tier_source == f"sector default ({sector})"
    explicit = parse_org_config("profile: {sector: energy, default_tier: 4}").assets.asset(
        "github", "x/y", "a"
    )
    assert explicit.tier == 4 and explicit.tier_source == "the profile's default tier"
    assert parse_org_config("").assets.asset("github", "x/y", "a.py").tier == 3


def test_the_size_moves_an_essential_sectors_default_tier_and_says_why():
    def unnamed(profile: str):
        return parse_org_config(f"profile: {profile}").assets.asset("github", "x/y", "a.py")

    expected = {"large": 1, "medium": 2, "small": 3, "micro": 3}
    for size, tier in expected.items():
        asset = unnamed(f"{{sector: energy, size: {size}}}")
        assert asset.tier == tier, size
        if size == "medium":
            assert asset.tier_source == "sector default (energy)"
        else:
            assert asset.tier_source.startswith(f"sector default (energy, {size}: ")
            assert "NIS2" in asset.tier_source
    # other sectors: the size changes nothing
    for size in expected:
        for sector, tier in (("manufacturing", 3), ("general", 3)):
            asset = unnamed(f"{{sector: {sector}, size: {size}}}")
            assert (asset.tier, asset.tier_source) == (tier, f"sector default ({sector})")
    # an explicit default tier wins over sector and size
    assert unnamed("{sector: transport, size: large, default_tier: 4}").tier == 4
    # the asset map's own tier wins too
    named = parse_org_config(
        "profile: {sector: transport, size: large}\nassets:\n  - {repo: x/y, tier: 3}"
    ).assets.asset("github", "x/y", "a.py")
    assert named.tier == 3 and named.tier_source == "asset map: x/y"


def test_the_same_finding_ranks_higher_in_a_large_essential_operator():
    from bot.core.models import Confidence, Severity
    from bot.core.risk import RiskFactors

    def score(size: str) -> float:
        asset = parse_org_config(f"profile: {{sector: water, size: {size}}}").assets.asset(
            "github", "x/y", "a.py"
        )
        return RiskFactors(Severity.HIGH, Confidence.HIGH, asset).score

    assert score("large") > score("medium") > score("small") == score("micro")


BAD = """
profile: {sector: space, size: huge, colour: red}
assets:
  - repo: bitbucket:a/b
  - repo: a/b
    exposure: web
    data: [payment, secrets]
    tier: 0
    owner: me
    paths:
      - glob: ../etc
      - {glob: "ok/**", exposure: [internet]}
      - just-a-string
  - exposure: internet
"""


def test_every_problem_is_reported_with_its_key_and_the_allowed_values():
    with pytest.raises(ConfigError) as err:
        parse_org_config(BAD, "REMEDIATOR_ORG_CONFIG=/etc/org.yml")
    text = str(err.value)
    assert text.startswith("REMEDIATOR_ORG_CONFIG=/etc/org.yml: ")
    expected = [
        "profile.colour: unknown key (allowed: default_tier, sector, size)",
        "profile.sector: 'space' is not allowed (allowed: energy, water, transport, health, finance, "
        "government, telecom, manufacturing, general)",
        "profile.size: 'huge' is not allowed (allowed: micro, small, medium, large)",
        "assets[0].repo: 'bitbucket:a/b': the host before ':' must be github or gitlab",
        "assets[1].owner: unknown key (allowed: data, exposure, paths, repo, tier)",
        "assets[1].exposure: 'web' is not allowed (allowed: internet, partner, internal, isolated; "
        "ot = isolated)",
        "assets[1].data: 'secrets' is not allowed (allowed: credentials, personal, payment, health, "
        "safety-control)",
        "assets[1].tier: 0 is not allowed (allowed: 1, 2, 3, 4; 1 is the most critical)",
        "assets[1].paths[0].glob: '../etc' is not a path glob (an empty, '.' or '..' segment)",
        "assets[1].paths[1].exposure: ['internet'] is not allowed",
        "assets[1].paths[2]: must be a mapping with at least `glob`",
        "assets[2].repo: missing or not text",
    ]
    for problem in expected:
        assert problem in text, problem
    assert text.count("; assets[") + text.count("; profile.") >= len(expected) - 1


def test_a_wrong_shape_at_each_level_is_named():
    cases = {
        "profile: [transport]": "profile: must be a mapping",
        "assets: {acme/x: {tier: 1}}": "assets: must be a list of repositories",
        "assets: [{repo: a/b, paths: {x: 1}}]": "assets[0].paths: must be a list",
        "assets: [{repo: a/b, data: 3}]": "assets[0].data: must be a list",
        "assets: [{repo: ''}]": "assets[0].repo: '' is not a repository name or glob (an empty pattern)",
        f"assets: [{{repo: a/b, paths: [{{glob: '{'x' * (MAX_GLOB + 1)}'}}]}}]": "longer than 200 characters",
    }
    for text, problem in cases.items():
        with pytest.raises(
            ConfigError, match=problem.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")
        ):
            parse_org_config(text)


def test_an_alias_bomb_is_refused_before_it_is_built():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "".join(f"c{i}: &c{i} [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" for i in range(6))
    with pytest.raises(ConfigError, match="alias"):
        parse_org_config(bomb)


# ------------------------------------------------------------------------------ untrusted input
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.text(max_size=30),
    st.sampled_from(["internet", "ot", "payment", "acme/*", "**", "github:a/b", "../x", "tier", "glob"]),
)
_keys = st.sampled_from(
    ["repo", "exposure", "data", "tier", "paths", "glob", "sector", "size", "x", "profile"]
)
_docs = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=5)),
    max_leaves=30,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(profile=_docs, assets=_docs)
def test_any_structure_gives_a_profile_or_a_config_error(profile, assets):
    text = yaml.safe_dump({"profile": profile, "assets": assets})
    try:
        org = parse_org_config(text)
    except ConfigError as exc:
        assert str(exc).startswith("org config: ")
    else:
        asset = org.assets.asset("github", "acme/payments", "app/x.py")
        assert asset.tier in (1, 2, 3, 4)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_profile_or_a_config_error(text):
    with contextlib.suppress(ConfigError):
        parse_org_config(text)


_glob_alphabet = st.text(alphabet="ab*?/", min_size=1, max_size=12)
_path_alphabet = st.text(alphabet="ab/", min_size=1, max_size=16)


def _reference(pattern: str, path: str) -> bool:
    """The documented meaning, by brute force: fnmatch per segment, ``**`` any run of segments."""
    parts = [p for p in path.strip("/").split("/") if p]
    segs = pattern.strip("/").split("/")
    if len(segs) == 1:
        segs = ["**", *segs]
    segs = [*segs, "**"]

    def match(i: int, j: int) -> bool:
        if i == len(segs):
            return j == len(parts)
        if segs[i] == "**":
            return any(match(i + 1, k) for k in range(j, len(parts) + 1))
        return (
            j < len(parts)
            and fnmatch.fnmatchcase(parts[j], segs[i].replace("[", "[[]"))
            and match(i + 1, j + 1)
        )

    return bool(parts) and match(0, 0)


@settings(max_examples=500, deadline=None)
@given(_glob_alphabet, _path_alphabet)
def test_the_glob_matcher_agrees_with_its_documented_meaning(pattern, path):
    if glob_problem(pattern) is not None:
        assert not glob_match(pattern, path)
        return
    assert glob_match(pattern, path) == _reference(pattern, path)


def test_globs_on_hostile_paths_take_time_linear_in_the_path():
    """For one pattern, a path four times longer costs about four times the time (a ratio measured
    in the same run); a quadratic matcher costs sixteen, a backtracking one would explode."""
    hostile = [
        ("*a*a*a*a*a*a*a*a*a*b", lambda n: "a" * n),
        ("**/**/**/**/**/**/x", lambda n: "a/" * (n // 2)),
        ("a*/" * 60 + "b", lambda n: "aa/" * (n // 3)),
    ]
    for pattern, path in hostile:
        short, long = path(1000), path(4000)
        assert not glob_match(pattern, short) and not glob_match(pattern, long)
        repeats = repeats_for(lambda g=pattern, p=short: glob_match(g, p))

        def runs(p: str, g: str = pattern, k: int = repeats):
            return lambda: [glob_match(g, p) for _ in range(k)]

        small, large = best_of_three(runs(short)), best_of_three(runs(long))
        assert large < 10 * small + 0.05, (pattern, repeats, small, large)


def test_glob_examples():
    assert glob_match("app/**", "app/views/x.py") and glob_match("app", "app/x.py")
    assert glob_match("*.tf", "infra/main.tf") and not glob_match("*.tf", "main.tfvars")
    assert glob_match("src/*/api.py", "src/shop/api.py") and not glob_match("src/*/api.py", "src/a/b/api.py")
    assert glob_match("**/migrations", "db/app/migrations/0001.py")
    assert not glob_match("app/**", "application/x.py")
