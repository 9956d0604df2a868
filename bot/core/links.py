"""Web addresses of what an advisory points at: its page on the dashboard and the pull (merge) requests
it was seen in, on GitHub, GitHub Enterprise Server, GitLab.com or a self-managed GitLab.

Built only from the operator's settings (the base URLs, http or https only) and numbers; a repository
name is untrusted text, so each of its path segments is percent-quoted and a name with an empty, ``.``
or ``..`` segment gets no link. Pure: imports only the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

GITHUB_API = "https://api.github.com"
GITHUB_WEB = "https://github.com"
MAX_REPO_PATH = 512
_UNSAFE_IN_BASE = frozenset(" \"'<>()[]{}\\^`|")


def github_web_url(api_url: str) -> str:
    """github.com's web address for the public API, else the GitHub Enterprise Server host
    (``https://HOST/api/v3`` -> ``https://HOST``)."""
    api = api_url.strip().rstrip("/")
    return GITHUB_WEB if api in ("", GITHUB_API) else api.removesuffix("/api/v3")


def http_base(url: str) -> str:
    """``url`` without its trailing slash when it is a plain http(s) base URL (a host, an optional path;
    no credentials, query or fragment, nothing a link or a Markdown destination would misread); else ''."""
    url = url.strip().rstrip("/")
    if not url or len(url) > 2048 or not url.isascii() or not url.isprintable():
        return ""
    if any(c in _UNSAFE_IN_BASE for c in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return ""
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return ""
    return url


def repo_path(repo: str) -> str | None:
    """``owner/name`` (GitLab ``group/sub/project``) as a URL path, each segment percent-quoted; None
    for a name no host would have made (empty, ``.`` or ``..`` segments, or far too long)."""
    segments = repo.split("/")
    if len(repo) > MAX_REPO_PATH or len(segments) < 2 or any(s in ("", ".", "..") for s in segments):
        return None
    return "/".join(quote(s, safe="") for s in segments)


@dataclass(frozen=True, slots=True)
class Links:
    """The base URLs links are built from; an empty one means "no link of that kind"."""

    dashboard: str = ""
    """The dashboard's public URL (``REMEDIATOR_PUBLIC_URL``); empty: no absolute advisory links."""
    github: str = GITHUB_WEB
    gitlab: str = "https://gitlab.com"

    @classmethod
    def from_urls(cls, public_url: str, github_api_url: str, gitlab_url: str) -> Links:
        """From the settings' URLs; a base that is not a plain http(s) URL gives no links."""
        return cls(http_base(public_url), http_base(github_web_url(github_api_url)), http_base(gitlab_url))

    def advisory(self, advisory_id: int) -> str | None:
        """The advisory's page on the dashboard (``/advisories/<number>``)."""
        if not self.dashboard or advisory_id < 1:
            return None
        return f"{self.dashboard}/advisories/{int(advisory_id)}"

    def pull_request(self, host: str, repo: str, number: int | None) -> str | None:
        """The pull request (GitHub) or merge request (GitLab) ``number`` of ``repo``; None for none
        (a baseline's 0), an unknown host, an unusable base URL or repository name."""
        if number is None or number < 1:
            return None
        path = repo_path(repo)
        if path is None:
            return None
        if host == "github" and self.github:
            return f"{self.github}/{path}/pull/{int(number)}"
        if host == "gitlab" and self.gitlab:
            return f"{self.gitlab}/{path}/-/merge_requests/{int(number)}"
        return None
