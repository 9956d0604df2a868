"""Server-drawn SVG charts for the dashboard: opened vs resolved per week, open by severity.

Pure: values in, autoescaped SVG markup out (no script, no inline style: the page's CSP allows
neither). Must not import openai, PyGithub or python-gitlab.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from bot.store.reports import SeverityRow, Week

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 28, 40


MAX_TICKS = 5


def nice_ticks(value: int, max_ticks: int = MAX_TICKS) -> list[int]:
    """Gridline values from 0 to an axis maximum at or above ``value``, evenly spaced by a round step
    (1, 2 or 5 x 10^n), at most ``max_ticks`` of them above 0: each label is exactly its line's value
    (the maximum 5 gives 0 1 2 3 4 5, never 1.25 printed as 1)."""
    value = max(value, 1)
    step = 1
    while True:
        for m in (1, 2, 5):
            if -(-value // (step * m)) <= max_ticks:
                size = step * m
                return [size * i for i in range(-(-value // size) + 1)]
        step *= 10


def _nice_max(value: int) -> int:
    return nice_ticks(value)[-1]


def _text(x: float, y: float, text: object, cls: str, anchor: str = "middle") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}" text-anchor="{anchor}">{escape(str(text))}</text>'


def weekly_chart(weeks: Sequence[Week]) -> Markup:
    """Grouped bars: opened (left) and resolved (right) per ISO week, with a labelled y axis."""
    ticks = nice_ticks(max([w.opened for w in weeks] + [w.resolved for w in weeks] + [1]))
    top = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(weeks), 1)
    bar = max(2.0, slot * 0.36)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="chart" role="img" '
        'aria-labelledby="trend-title">'
        '<title id="trend-title">Advisories opened and resolved per week</title>'
    ]
    for value in ticks:
        y = TOP + plot_h - plot_h * value / top
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(_text(LEFT - 6, y + 4, value, "axis", "end"))
    for i, week in enumerate(weeks):
        x0 = LEFT + slot * i + (slot - 2 * bar) / 2
        for j, (value, cls, label) in enumerate(
            ((week.opened, "opened", "opened"), (week.resolved, "resolved", "resolved"))
        ):
            h = plot_h * value / top
            x, y = x0 + j * bar, TOP + plot_h - h
            tip = f"week of {week.start.isoformat()}: {value} {label}"
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 1:.1f}" height="{h:.1f}" class="{cls}" '
                f'data-value="{value}"><title>{escape(tip)}</title></rect>'
            )
        if len(weeks) <= 13 or i % 2 == 0:
            parts.append(
                _text(LEFT + slot * (i + 0.5), HEIGHT - BOTTOM + 16, week.start.strftime("%b %d"), "axis")
            )
    parts.append(f'<rect x="{LEFT}" y="6" width="12" height="12" class="opened"/>')
    parts.append(_text(LEFT + 18, 16, "opened", "legend", "start"))
    parts.append(f'<rect x="{LEFT + 90}" y="6" width="12" height="12" class="resolved"/>')
    parts.append(_text(LEFT + 108, 16, "resolved (fixed, dismissed, risk accepted)", "legend", "start"))
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text and value above is escaped or numeric


def severity_chart(rows: Sequence[SeverityRow]) -> Markup:
    """Horizontal bars per severity: open advisories, the overdue part drawn darker."""
    width, row_h, left, right = 720, 34, 90, 150
    height = row_h * len(rows) + 12
    top = _nice_max(max([r.open for r in rows] + [1]))
    plot_w = width - left - right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart" role="img" '
        'aria-labelledby="sev-title"><title id="sev-title">Open advisories by severity</title>'
    ]
    for i, row in enumerate(rows):
        y = 6 + i * row_h
        w_open = plot_w * row.open / top
        w_late = plot_w * row.overdue / top
        label = row.severity.label
        parts.append(_text(left - 8, y + 18, label, "axis", "end"))
        parts.append(
            f'<rect x="{left}" y="{y}" width="{w_open:.1f}" height="24" class="sev-{label}" '
            f'data-value="{row.open}"><title>{row.open} open {label}</title></rect>'
        )
        parts.append(
            f'<rect x="{left}" y="{y}" width="{w_late:.1f}" height="24" class="overdue-bar" '
            f'data-value="{row.overdue}"><title>{row.overdue} past their SLA</title></rect>'
        )
        parts.append(
            _text(left + w_open + 6, y + 17, f"{row.open:,} open, {row.overdue:,} overdue", "value", "start")
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text and value above is escaped or numeric
