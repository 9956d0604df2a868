"""JSON shapes of the advisory store's records, shared by the CLI and the JSON API (one shape for both).

Pure: no I/O, no Flask, no argparse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from bot.store.query import AdvisoryRecord


def record_json(adv: AdvisoryRecord) -> dict[str, Any]:
    """One advisory as JSON: enums as their labels, dates as ISO 8601, with its short id."""
    data = asdict(adv)
    data.update(
        state=adv.state.value,
        severity=adv.severity.label,
        sla_level=adv.sla_level.label,
        confidence=adv.confidence.label,
        short_id=adv.short_id,
        origin=adv.origin,
        remediation=list(adv.remediation),
        owners=list(adv.owners),
    )
    return {k: (v.isoformat() if isinstance(v, dt.date | dt.datetime) else v) for k, v in data.items()}
