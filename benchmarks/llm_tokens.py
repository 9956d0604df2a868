"""Tokens and wall time of the LLM review against a naive whole-file baseline.

Measurements, not tests. Uses the local OpenAI-compatible server of the tests (tests/sim/
openai_server.py) through the real openai client: the server reports prompt tokens counted with the
same offline tiktoken encoding, answers a deterministic share of chunks with one candidate finding,
and can add a simulated model latency.

    /work/venv/bin/python benchmarks/llm_tokens.py                 # 24 PRs, re-push, wall time (~2-3 min)
    /work/venv/bin/python benchmarks/llm_tokens.py --no-wall       # token tables only (~10 s)

1. 24 realistic PRs (Python, JavaScript, Go, Java services; 2-8 files of 120-700 lines, 1-4 hunks per
   file), generated deterministically. Tokens sent per review (detection + verification) against a
   naive baseline that sends every changed file whole, once, with the same system prompt. Target <= 40%.
2. The same PRs re-pushed with one hunk changed: tokens of the second review against the first.
   Target <= 10%.
3. A 30-file PR with a simulated 2-second model latency: wall time against parallel requests.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.analysis.workspace import select_files  # noqa: E402
from bot.cli.sources import diff_change  # noqa: E402
from bot.config.settings import Settings  # noqa: E402
from bot.llm import prompting as pr  # noqa: E402
from bot.llm.augment import augment  # noqa: E402
from bot.llm.store import MemoryLLMStore  # noqa: E402
from bot.llm.tokencount import token_counter  # noqa: E402
from bot.llm.types import ReviewContext  # noqa: E402
from tests.sim.openai_server import EXPLOITABLE, FakeOpenAI, Recorded, Reply, chat  # noqa: E402

COUNTER = token_counter()

PY_FUNC = '''

def {name}(request, db):
    """{doc}"""
    user = db.users.get(request.session.get("user_id"))
    if user is None:
        raise PermissionError("login required")
    items = []
    for row in db.query("SELECT id, name, price FROM {table} WHERE owner = %s", (user.id,)):
        if row.price > {limit}:
            items.append({{"id": row.id, "name": row.name.strip(), "price": round(row.price, 2)}})
    total = sum(i["price"] for i in items)
    log.info("{name}: %d items, total %.2f", len(items), total)
    return {{"items": items, "total": total, "currency": settings.CURRENCY}}
'''
JS_FUNC = """

async function {name}(req, res) {{
  // {doc}
  const user = await db.users.findById(req.session.userId);
  if (!user) {{
    return res.status(401).json({{ error: 'login required' }});
  }}
  const rows = await db.query('SELECT id, name, price FROM {table} WHERE owner = $1', [user.id]);
  const items = rows.filter((r) => r.price > {limit}).map((r) => ({{ id: r.id, name: r.name.trim() }}));
  logger.info(`{name}: ${{items.length}} items`);
  return res.json({{ items, total: items.length }});
}}
"""
GO_FUNC = """

// {name}: {doc}
func {name}(w http.ResponseWriter, r *http.Request) {{
	user, err := store.UserFromSession(r)
	if err != nil {{
		http.Error(w, "login required", http.StatusUnauthorized)
		return
	}}
	rows, err := db.Query("SELECT id, name, price FROM {table} WHERE owner = $1", user.ID)
	if err != nil {{
		http.Error(w, "database error", http.StatusInternalServerError)
		return
	}}
	defer rows.Close()
	count := 0
	for rows.Next() {{
		count += {limit}
	}}
	json.NewEncoder(w).Encode(map[string]int{{"count": count}})
}}
"""
JAVA_FUNC = """

    /** {doc} */
    public List<Item> {name}(HttpServletRequest request) throws SQLException {{
        User user = users.fromSession(request.getSession());
        if (user == null) {{
            throw new SecurityException("login required");
        }}
        List<Item> items = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement("SELECT id, name FROM {table} WHERE owner = ?")) {{
            st.setLong(1, user.getId());
            ResultSet rs = st.executeQuery();
            while (rs.next() && items.size() < {limit}) {{
                items.add(new Item(rs.getLong("id"), rs.getString("name")));
            }}
        }}
        return items;
    }}
"""
HEADERS = {
    ".py": "import logging\nfrom decimal import Decimal\n\nfrom app import settings\n"
    "from app.db import db\n\nlog = logging.getLogger(__name__)\n",
    ".js": "const express = require('express');\nconst db = require('./db');\n"
    "const logger = require('./log');\n",
    ".go": 'package handlers\n\nimport (\n\t"encoding/json"\n\t"net/http"\n)\n',
    ".java": "package com.acme.shop;\n\nimport java.sql.*;\nimport java.util.*;\n"
    "import javax.servlet.http.*;\n\npublic class Service {\n",
}
FOOTER = {".java": "}\n"}
TEMPLATES = {".py": PY_FUNC, ".js": JS_FUNC, ".go": GO_FUNC, ".java": JAVA_FUNC}
NAMES = [
    "orders",
    "invoices",
    "carts",
    "refunds",
    "coupons",
    "reviews",
    "payments",
    "shipments",
    "users",
    "stock",
]


def _func(ext: str, rng: random.Random, i: int) -> str:
    table = rng.choice(NAMES)
    return TEMPLATES[ext].format(
        name=f"list_{table}_{i}",
        doc=f"List the {table} a signed-in user may see.",
        table=table,
        limit=rng.randint(1, 500),
    )


def make_file(ext: str, rng: random.Random, n_funcs: int) -> list[str]:
    body = HEADERS[ext] + "".join(_func(ext, rng, i) for i in range(n_funcs)) + FOOTER.get(ext, "")
    return body.splitlines(keepends=True)


def edit(lines: list[str], ext: str, rng: random.Random, hunks: int) -> list[str]:
    """``hunks`` edits inside existing functions: a changed line plus one or two added lines."""
    out = list(lines)
    body_lines = [i for i, t in enumerate(out) if ("price" in t or "count" in t or "items" in t) and i > 10]
    for index in sorted(rng.sample(body_lines, min(hunks, len(body_lines))), reverse=True):
        indent = out[index][: len(out[index]) - len(out[index].lstrip())]
        comment = "#" if ext == ".py" else "//"
        extra = [f"{indent}{comment} audit: reviewed change {rng.randint(1, 10**6)}\n"]
        if rng.random() < 0.5:
            extra.append(f"{indent}{comment} limit raised for the {rng.choice(NAMES)} export\n")
        out[index : index + 1] = [out[index].replace("strip()", "strip().lower()"), *extra]
    return out


def make_pr(seed: int, n_files: int | None = None) -> tuple[dict[str, str], dict[str, str]]:
    rng = random.Random(seed)
    before, after = {}, {}
    for f in range(n_files or rng.randint(2, 8)):
        ext = rng.choice(list(TEMPLATES))
        lines = make_file(ext, rng, rng.randint(8, 40))
        path = f"services/{rng.choice(NAMES)}_{f}{ext}"
        before[path] = "".join(lines)
        after[path] = "".join(edit(lines, ext, rng, rng.randint(1, 4)))
    return before, after


def diff_of(before: dict[str, str], after: dict[str, str]) -> str:
    parts = []
    for path in sorted(after):
        body = difflib.unified_diff(
            before[path].splitlines(True), after[path].splitlines(True), f"a/{path}", f"b/{path}"
        )
        parts.append(f"diff --git a/{path} b/{path}\n" + "".join(body))
    return "".join(parts)


def responder(rate: float, latency: float):
    def respond(req: Recorded) -> Reply:
        tokens = sum(COUNTER.count(m["content"]) + 4 for m in req.body["messages"]) + 3
        if req.kind == "verification":
            return chat(EXPLOITABLE, prompt_tokens=tokens, completion_tokens=120, delay=latency)
        added = [int(m.group(1)) for m in re.finditer(r"^\s*(\d+) \+ ", req.user, re.M)]
        findings = []
        if added and (sum(added) % 100) / 100 < rate:
            line = added[0]
            findings.append(
                {
                    "category": "other",
                    "title": "Authorisation gap",
                    "severity": "medium",
                    "confidence": "medium",
                    "start_line": line,
                    "end_line": line,
                    "message": "The new branch skips the owner check.",
                }
            )
        return chat(
            {"findings": findings},
            prompt_tokens=tokens,
            completion_tokens=40 + 60 * len(findings),
            delay=latency,
        )

    return respond


def review(settings: Settings, before: dict[str, str], after: dict[str, str], store: MemoryLLMStore):
    changeset = diff_change(diff_of(before, after).encode())
    files, _ = select_files(changeset, lambda p: after[p].encode(), max_file_bytes=10**7)
    return augment(
        [], files, changeset, settings, ReviewContext(repo="bench/shop"), store=store, sleep=lambda s: None
    )


def naive_tokens(before: dict[str, str], after: dict[str, str]) -> int:
    """Every changed file whole, one request each, with the same detection prompt."""
    changeset = diff_change(diff_of(before, after).encode())
    files, _ = select_files(changeset, lambda p: after[p].encode(), max_file_bytes=10**7)
    prompts = pr.load_prompts()
    total = 0
    for sf in files:
        fence = pr.Fence([sf.text])
        code = pr.render_lines(
            sf.path, sf.language, sf.lines, range(1, len(sf.lines) + 1), sf.change.added_lines
        )
        total += COUNTER.count_messages(pr.detection_messages(prompts, fence, code, ""))
    return total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prs", type=int, default=24)
    parser.add_argument("--no-wall", action="store_true")
    parser.add_argument("--latency", type=float, default=2.0)
    parser.add_argument("--output", default=str(ROOT / "benchmarks/results/llm_tokens.json"))
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    base = Settings(
        data_dir=tmp,
        openai_api_key="bench",
        llm_model="gpt-4o-mini",
        llm_review_tokens=10**7,
        llm_monthly_tokens=0,
        llm_monthly_cost=0,
    )
    rows, repush_rows = [], []
    with FakeOpenAI(responder(0.2, 0.0)) as server:
        settings = replace(base, openai_base_url=server.url)
        for seed in range(args.prs):
            before, after = make_pr(seed)
            store = MemoryLLMStore()
            first = review(settings, before, after, store)
            naive = naive_tokens(before, after)
            sent = first.usage.prompt_tokens
            rows.append(
                {
                    "pr": seed,
                    "files": len(after),
                    "lines": sum(t.count("\n") for t in after.values()),
                    "naive": naive,
                    "sent": sent,
                    "ratio": sent / naive,
                    "requests": first.usage.requests,
                }
            )
            # re-push: one more edit inside one hunk of one file
            rng = random.Random(1000 + seed)
            path = rng.choice(sorted(after))
            lines = after[path].splitlines(True)
            added = [i for i, t in enumerate(lines) if "audit: reviewed change" in t]
            i = rng.choice(added)
            lines[i] = lines[i].rstrip("\n") + " (again)\n"
            second = review(settings, before, {**after, path: "".join(lines)}, store)
            repush_rows.append(
                {
                    "pr": seed,
                    "first": sent,
                    "second": second.usage.prompt_tokens,
                    "ratio": second.usage.prompt_tokens / max(1, sent),
                    "cached": second.usage.cached,
                }
            )
    total_naive = sum(r["naive"] for r in rows)
    total_sent = sum(r["sent"] for r in rows)
    total_first = sum(r["first"] for r in repush_rows)
    total_second = sum(r["second"] for r in repush_rows)
    print("| PR | files | lines | naive tokens | sent tokens | sent/naive | requests |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['pr']} | {r['files']} | {r['lines']} | {r['naive']:,} | {r['sent']:,} | "
            f"{r['ratio']:.0%} | {r['requests']} |"
        )
    print(
        f"| **all** | | | **{total_naive:,}** | **{total_sent:,}** | **{total_sent / total_naive:.0%}** "
        f"(target <= 40%) | |\n"
    )
    print("| PR | first review | re-push one hunk | ratio | answers from cache |")
    print("|---|---|---|---|---|")
    for r in repush_rows:
        print(f"| {r['pr']} | {r['first']:,} | {r['second']:,} | {r['ratio']:.1%} | {r['cached']} |")
    print(
        f"| **all** | **{total_first:,}** | **{total_second:,}** | **{total_second / total_first:.1%}** "
        "(target <= 10%) | |\n"
    )
    wall = []
    if not args.no_wall:
        before, after = make_pr(4242, n_files=30)
        with FakeOpenAI(responder(0.1, args.latency)) as server:
            for workers in (1, 2, 4, 8, 16):
                settings = replace(base, openai_base_url=server.url, llm_concurrency=workers)
                start = time.perf_counter()
                out = review(settings, before, after, MemoryLLMStore())
                wall.append(
                    {
                        "parallel": workers,
                        "seconds": time.perf_counter() - start,
                        "requests": out.usage.requests,
                    }
                )
                print(f"  parallel={workers}: {wall[-1]['seconds']:.1f} s", file=sys.stderr)
        print(f"30-file PR, simulated model latency {args.latency:.0f} s per request\n")
        print("| parallel requests | requests | wall time (s) | speed-up |")
        print("|---|---|---|---|")
        for w in wall:
            print(
                f"| {w['parallel']} | {w['requests']} | {w['seconds']:.1f} | "
                f"{wall[0]['seconds'] / w['seconds']:.1f}x |"
            )
    Path(args.output).write_text(
        json.dumps(
            {
                "prs": rows,
                "repush": repush_rows,
                "wall": wall,
                "tiktoken_exact": COUNTER.exact,
                "totals": {
                    "naive": total_naive,
                    "sent": total_sent,
                    "first": total_first,
                    "second": total_second,
                },
            },
            indent=1,
        )
        + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
