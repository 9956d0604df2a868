"""Plans for security leads (issue 12, item 4): open advisories grouped into work items by root
cause, each with its owners, a size, the risk it removes and the date it is due, in risk order.

A work item is one kind of flaw (rule and class; for a vulnerable dependency, the package) in one
repository: fixing it is one change by one team. A group of more than ``SPLIT_ABOVE`` advisories is
split by top-level folder so every item stays a reviewable change. Owners come from the repository's
CODEOWNERS as the review or baseline that last saw each advisory read them, most frequent first; the
due date is the earliest of the advisories' (their SLA follows the adjusted risk). Pure: records in,
items out; rendering to text, Markdown, JSON and CSV here too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.core.links import Links
from bot.core.models import Severity
from bot.core.terminal import printable
from bot.core.validation import Validation, validation
from bot.store.export import csv_cell
from bot.store.query import AdvisoryRecord

SPLIT_ABOVE = 25
DEPENDENCY = "vulnerable-dependency"
CSV_COLUMNS = (
    "rank",
    "title",
    "host",
    "repo",
    "area",
    "category",
    "cwe",
    "advisories",
    "files",
    "size",
    "severity",
    "risk",
    "owners",
    "due",
    "overdue",
    "first_step",
    "advisory_ids",
    "validation_test",
    "validation_staging",
    "advisory_urls",
    "pull_request_urls",
)
NO_LINKS = Links(dashboard="", github="", gitlab="")


@dataclass
class WorkItem:
    host: str
    repo: str
    category: str
    cwe: str
    cause: str
    """What the advisories share: the rule (code) or the package (a dependency)."""
    area: str = ""
    """The top-level folder, when a large group was split."""
    records: list[AdvisoryRecord] = field(default_factory=list)
    rank: int = 0

    @property
    def title(self) -> str:
        where = f"{self.host}:{self.repo}" + (f" ({self.area}/)" if self.area else "")
        if self.category == DEPENDENCY:
            return f"Upgrade {self.cause} in {where}"
        lead = max(self.records, key=lambda r: r.risk)
        return f"{lead.title.split(':')[0]} ({self.cwe}) in {where}"

    @property
    def files(self) -> list[str]:
        return sorted({r.path for r in self.records})

    @property
    def size(self) -> str:
        """S: one or two places in one file; M: up to ten places in up to five files; L: more."""
        places, files = len(self.records), len(self.files)
        if places <= 2 and files == 1:
            return "S"
        return "M" if places <= 10 and files <= 5 else "L"

    @property
    def risk(self) -> float:
        return max(r.risk for r in self.records)

    @property
    def total_risk(self) -> float:
        return sum(r.risk for r in self.records)

    @property
    def severity(self) -> Severity:
        return max(r.severity for r in self.records)

    @property
    def due(self) -> dt.datetime:
        return min(r.due_at for r in self.records)

    @property
    def overdue(self) -> bool:
        return any(r.overdue for r in self.records)

    @property
    def owners(self) -> list[str]:
        counts = Counter(o for r in self.records for o in r.owners)
        return [o for o, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    @property
    def steps(self) -> tuple[str, ...]:
        return max(self.records, key=lambda r: r.risk).remediation

    @property
    def validation(self) -> Validation:
        """The test to add and what to check in staging before the fix is deployed (its class's)."""
        return validation(self.category)

    def ordered(self) -> list[AdvisoryRecord]:
        """The advisories riskiest first, then by place."""
        return sorted(self.records, key=lambda r: (-r.risk, r.path, r.start_line))

    def as_dict(self, links: Links = NO_LINKS) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "title": self.title,
            "host": self.host,
            "repo": self.repo,
            "area": self.area,
            "category": self.category,
            "cwe": self.cwe,
            "cause": self.cause,
            "size": self.size,
            "severity": self.severity.label,
            "risk": round(self.risk, 3),
            "total_risk": round(self.total_risk, 3),
            "owners": self.owners,
            "due": self.due.isoformat(),
            "overdue": self.overdue,
            "files": self.files,
            "steps": list(self.steps),
            "validation": {"test": self.validation.test, "staging": self.validation.staging},
            "advisories": [
                {
                    "id": r.id,
                    "short_id": r.short_id,
                    "path": r.path,
                    "line": r.start_line,
                    "risk": r.risk,
                    "url": links.advisory(r.id),
                    "pull_requests": [
                        {"number": n, "url": links.pull_request(r.host, r.repo, n)} for n in pull_requests(r)
                    ],
                }
                for r in self.ordered()
            ],
        }


def pull_requests(record: AdvisoryRecord) -> list[int]:
    """The pull (merge) requests the advisory was seen in: first, last, merged; none for a baseline's."""
    return sorted({n for n in (record.first_pr, record.last_pr, record.merged_pr) if n and n > 0})


def _cause(record: AdvisoryRecord) -> str:
    if record.category == DEPENDENCY:
        name = record.title.split(":", 1)[-1].strip()
        return name.rsplit(" ", 1)[0] if " " in name else name
    return record.rule_id


def build_plan(records: Iterable[AdvisoryRecord]) -> list[WorkItem]:
    """Open advisories -> work items, highest risk first (then the earliest due, then the largest)."""
    groups: dict[tuple[str, str, str, str], list[AdvisoryRecord]] = defaultdict(list)
    for record in records:
        if not record.is_open:
            continue
        groups[(record.host, record.repo, record.category, _cause(record))].append(record)
    items: list[WorkItem] = []
    for (host, repo, category, cause), members in groups.items():
        cwe = Counter(r.cwe for r in members).most_common(1)[0][0]
        by_area: dict[str, list[AdvisoryRecord]] = defaultdict(list)
        for r in members:
            by_area[r.path.split("/", 1)[0] if "/" in r.path else "."].append(r)
        if len(members) <= SPLIT_ABOVE or len(by_area) == 1:
            items.append(WorkItem(host, repo, category, cwe, cause, "", members))
            continue
        items += [WorkItem(host, repo, category, cwe, cause, area, rs) for area, rs in by_area.items()]
    items.sort(key=lambda i: (-i.risk, i.due, -len(i.records), i.host, i.repo, i.cause, i.area))
    for n, item in enumerate(items, start=1):
        item.rank = n
    return items


def plan_json(items: Sequence[WorkItem], advisories: int, links: Links = NO_LINKS) -> str:
    doc = {"advisories": advisories, "work_items": [i.as_dict(links) for i in items]}
    return json.dumps(doc, indent=2) + "\n"


def _pr_urls(items: Iterable[AdvisoryRecord], links: Links) -> list[str]:
    urls = (links.pull_request(r.host, r.repo, n) for r in items for n in pull_requests(r))
    return list(dict.fromkeys(u for u in urls if u))


def plan_csv(items: Sequence[WorkItem], links: Links = NO_LINKS) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for i in items:
        row = {
            "rank": i.rank,
            "title": i.title,
            "host": i.host,
            "repo": i.repo,
            "area": i.area,
            "category": i.category,
            "cwe": i.cwe,
            "advisories": len(i.records),
            "files": len(i.files),
            "size": i.size,
            "severity": i.severity.label,
            "risk": f"{i.risk:.2f}",
            "owners": " ".join(i.owners),
            "due": i.due.date().isoformat(),
            "overdue": "true" if i.overdue else "false",
            "first_step": i.steps[0] if i.steps else "",
            "advisory_ids": " ".join(r.short_id for r in i.records),
            "validation_test": i.validation.test,
            "validation_staging": i.validation.staging,
            "advisory_urls": " ".join(u for u in (links.advisory(r.id) for r in i.ordered()) if u),
            "pull_request_urls": " ".join(_pr_urls(i.ordered(), links)),
        }
        writer.writerow([csv_cell(row[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def _md(text: str) -> str:
    """Table-cell text: pipes, markup and line breaks neutralised (advisory text is untrusted)."""
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def _md_place(r: AdvisoryRecord, links: Links) -> str:
    """``path:line`` (id, linked to the dashboard when it has a public URL) and its pull requests."""
    url = links.advisory(r.id)
    ident = f"[{r.short_id}](<{url}>)" if url else r.short_id
    prs = [(n, links.pull_request(r.host, r.repo, n)) for n in pull_requests(r)]
    shown = [f"[#{n}](<{u}>)" if u else f"#{n}" for n, u in prs]
    return f"`{_md(r.path)}:{r.start_line}` ({ident}" + (f", PR {', '.join(shown)}" if shown else "") + ")"


def plan_markdown(items: Sequence[WorkItem], advisories: int, links: Links = NO_LINKS) -> str:
    lines = [
        "# Remediation plan",
        "",
        f"{advisories} open advisories in {len(items)} work items, highest risk first.",
        "",
        "| # | Work item | Size | Advisories | Severity | Risk | Owners | Due |",
        "|--:|---|:-:|--:|---|--:|---|---|",
    ]
    for i in items:
        due = i.due.date().isoformat() + (" (overdue)" if i.overdue else "")
        owners = ", ".join(_md(o) for o in i.owners) or "no owner in CODEOWNERS"
        lines.append(
            f"| {i.rank} | {_md(i.title)} | {i.size} | {len(i.records)} in {len(i.files)} file(s) | "
            f"{i.severity.label} | {i.risk:.2f} | {owners} | {due} |"
        )
    for i in items:
        lines += ["", f"## {i.rank}. {_md(i.title)}", ""]
        lines += [f"{n}. {_md(step)}" for n, step in enumerate(i.steps, start=1)]
        lines += [
            "",
            "Before deploying:",
            "",
            f"- Test to add: {_md(i.validation.test)}",
            f"- Check in staging: {_md(i.validation.staging)}",
        ]
        lines += [
            "",
            "Places: " + ", ".join(_md_place(r, links) for r in i.ordered()),
        ]
    return "\n".join(lines) + "\n"


def plan_text(items: Sequence[WorkItem], advisories: int, links: Links = NO_LINKS) -> str:
    lines = [f"{advisories} open advisories -> {len(items)} work items (highest risk first)", ""]
    for i in items:
        owners = ", ".join(i.owners) or "no owner"
        due = i.due.date().isoformat() + (" OVERDUE" if i.overdue else "")
        lines.append(
            printable(
                f"{i.rank:>3}. [{i.size}] {i.title}: {len(i.records)} advisories in {len(i.files)} "
                f"file(s), {i.severity.label}, risk {i.risk:.2f}, due {due}, owners {owners}"
            )
        )
        lines += [printable(f"       {n}. {step}") for n, step in enumerate(i.steps, start=1)]
        lines.append(printable(f"       test to add: {i.validation.test}"))
        lines.append(printable(f"       check in staging: {i.validation.staging}"))
        for r in i.ordered():
            prs = ", ".join(links.pull_request(r.host, r.repo, n) or f"#{n}" for n in pull_requests(r))
            where = links.advisory(r.id) or r.short_id
            lines.append(
                printable(f"       - {where} {r.path}:{r.start_line}" + (f" PR {prs}" if prs else ""))
            )
    return "\n".join(lines) + "\n"
