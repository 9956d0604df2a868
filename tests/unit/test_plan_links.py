"""Issue 12 item 4: each work item of a plan links to each of its advisories (the dashboard) and to the
pull/merge requests they were seen in (GitHub, GitHub Enterprise Server, GitLab.com, self-managed
GitLab), in every rendering; links come only from the settings' URLs, repository names are quoted."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from bot.config.settings import Settings
from bot.core.links import Links, http_base, repo_path
from bot.store.plan import build_plan, plan_csv, plan_json, plan_markdown, plan_text, pull_requests
from tests.unit.test_plan_validation import record

GITHUB = Settings(public_url="https://remediator.example.com/")
GHES = Settings(
    public_url="https://sec.corp.example/remediator", github_api_url="https://ghe.corp.example/api/v3"
)
GITLAB_SELF = Settings(gitlab_url="https://gitlab.corp.example")


def test_github_links():
    links = GITHUB.links()
    assert links.advisory(12) == "https://remediator.example.com/advisories/12"
    assert links.pull_request("github", "acme/app", 7) == "https://github.com/acme/app/pull/7"


def test_github_enterprise_links():
    links = GHES.links()
    assert links.pull_request("github", "acme/app", 7) == "https://ghe.corp.example/acme/app/pull/7"
    assert links.advisory(3) == "https://sec.corp.example/remediator/advisories/3"


def test_gitlab_and_self_managed_gitlab_links():
    assert (
        Settings().links().pull_request("gitlab", "grp/sub/proj", 4)
        == "https://gitlab.com/grp/sub/proj/-/merge_requests/4"
    )
    assert (
        GITLAB_SELF.links().pull_request("gitlab", "grp/proj", 4)
        == "https://gitlab.corp.example/grp/proj/-/merge_requests/4"
    )


def test_no_public_url_no_advisory_url_and_no_link_for_a_baseline_or_unknown_host():
    links = Settings().links()
    assert links.advisory(5) is None
    assert links.pull_request("github", "acme/app", 0) is None
    assert links.pull_request("github", "acme/app", None) is None
    assert links.pull_request("bitbucket", "acme/app", 3) is None
    baseline = record(1, first_pr=0, last_pr=0, merged_pr=None)
    assert pull_requests(baseline) == []
    assert pull_requests(record(2, first_pr=0, last_pr=9, merged_pr=11)) == [9, 11]
    assert pull_requests(record(3, first_pr=7, last_pr=7)) == [7]


def test_base_urls_must_be_plain_http_or_https():
    for bad in ("javascript:alert(1)", "ftp://x.example", "https://u:p@x.example", "https://x.example/?a=1",
                "https://x.example/#f", "https://x.example/a b", "//x.example", "https://x.example/)",
                "data:,x", "https://x.example/a\nb", "https://exämple.com", ""):  # fmt: skip
        assert http_base(bad) == "", bad
    assert http_base(" https://x.example/ ") == "https://x.example"
    links = Settings(public_url="javascript:alert(1)//", gitlab_url="javascript:alert(1)").links()
    assert links.advisory(1) is None and links.pull_request("gitlab", "a/b", 1) is None


def test_hostile_repository_names_are_quoted_or_get_no_link():
    links = GITHUB.links()
    url = links.pull_request("github", 'ev"il/<x>?a=1#f', 3)
    assert url == "https://github.com/ev%22il/%3Cx%3E%3Fa%3D1%23f/pull/3"
    assert links.pull_request("github", "a b/c\nd", 3) == "https://github.com/a%20b/c%0Ad/pull/3"
    for bad in ("../evil", "acme/..", "acme//app", "noslash", "", "/acme/app", "a/" + "b" * 600):
        assert links.pull_request("github", bad, 3) is None, bad
        assert links.pull_request("gitlab", bad, 3) is None, bad


@given(st.text(max_size=80))
def test_a_repo_path_never_leaves_its_segments(repo):
    path = repo_path(repo)
    if path is None:
        return
    assert path.count("/") == repo.count("/")
    assert all(c.isalnum() or c in "%-._~/" for c in path)
    assert ".." not in path.split("/") and "." not in path.split("/")


def _items():
    records = [
        record(1, first_pr=7, last_pr=9, merged_pr=9),
        record(2, repo="grp/sub/proj", host="gitlab", first_pr=4, last_pr=4),
        record(3, first_pr=0, last_pr=0, path="app/base.py"),  # a baseline's: no pull request
        record(4, repo='x/"><script>alert(1)</script>', first_pr=5, last_pr=5, category="xss",
               rule_id="js.xss"),
    ]  # fmt: skip
    return records, build_plan(records)


def test_json_links_each_advisory_and_pull_request():
    records, items = _items()
    doc = json.loads(plan_json(items, len(records), GITHUB.links()))
    entries = {a["id"]: a for w in doc["work_items"] for a in w["advisories"]}
    assert entries[1]["url"] == "https://remediator.example.com/advisories/1"
    assert entries[1]["pull_requests"] == [
        {"number": 7, "url": "https://github.com/acme/app/pull/7"},
        {"number": 9, "url": "https://github.com/acme/app/pull/9"},
    ]
    assert entries[2]["pull_requests"] == [
        {"number": 4, "url": "https://gitlab.com/grp/sub/proj/-/merge_requests/4"}
    ]
    assert entries[3]["pull_requests"] == []
    assert entries[4]["pull_requests"][0]["url"] == (
        "https://github.com/x/%22%3E%3Cscript%3Ealert%281%29%3C/script%3E/pull/5"  # 3 segments, each quoted
    )
    # with no settings' links, the keys are there and say "no link"
    bare = json.loads(plan_json(items, len(records)))
    first = bare["work_items"][0]["advisories"][0]
    assert first["url"] is None and all(p["url"] is None for p in first["pull_requests"])


def test_csv_has_url_columns():
    _, items = _items()
    rows = {r["repo"]: r for r in csv.DictReader(io.StringIO(plan_csv(items, GITHUB.links())))}
    app = rows["acme/app"]
    assert app["advisory_urls"].split() == [  # riskiest first, then by place
        "https://remediator.example.com/advisories/3",
        "https://remediator.example.com/advisories/1",
    ]
    assert app["pull_request_urls"].split() == [
        "https://github.com/acme/app/pull/7",
        "https://github.com/acme/app/pull/9",
    ]
    assert rows["grp/sub/proj"]["pull_request_urls"] == "https://gitlab.com/grp/sub/proj/-/merge_requests/4"


def test_markdown_links_and_hostile_names_stay_inert():
    records, items = _items()
    md = plan_markdown(items, len(records), GITHUB.links())
    assert "[#7](<https://github.com/acme/app/pull/7>)" in md
    assert "(<https://remediator.example.com/advisories/1>)" in md
    assert "[#4](<https://gitlab.com/grp/sub/proj/-/merge_requests/4>)" in md
    assert "<script>" not in md
    # a baseline's advisory links to the dashboard only
    assert "`app/base.py:13` ([00000003](<https://remediator.example.com/advisories/3>)), " in md


def test_text_lists_each_advisory_with_its_links():
    records, items = _items()
    text = plan_text(items, len(records), GITHUB.links())
    assert (
        "- https://remediator.example.com/advisories/1 app/db.py:11 PR https://github.com/acme/app/pull/7, "
        in text
    )
    assert "- https://remediator.example.com/advisories/3 app/base.py:13\n" in text
    bare = plan_text(items, len(records), Links(dashboard="", github="", gitlab=""))
    assert f"- {records[0].short_id} app/db.py:11 PR #7, #9" in bare
    assert all(c.isprintable() or c == "\n" for c in text)
