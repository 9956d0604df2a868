"""``remediator vulndb sync``: fill the local OSV database from ``<base>/<ecosystem>/all.zip``.

Each archive is downloaded into a partial file (an interrupted download resumes with an HTTP Range
request), verified (a sound zip whose every member is an OSV JSON record with an id), unpacked into a
new directory, and swapped in atomically: a failed or corrupt download leaves the old database as it
was. The time of the last sync is kept in ``synced_at`` for the age reported in reviews.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.errors import InputError, Retryable

DEFAULT_ECOSYSTEMS = ("PyPI", "npm", "Go", "Maven", "RubyGems", "crates.io")
CHUNK = 1 << 16
MAX_ARCHIVE_BYTES = 2_000_000_000
STAMP = "synced_at"

Opener = Callable[[urllib.request.Request, float], object]


def _open(request: urllib.request.Request, timeout: float) -> object:
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - https/http base URL checked


def _download(url: str, part: Path, *, timeout: float, opener: Opener) -> None:
    """Download ``url`` into ``part``, resuming after what ``part`` already holds."""
    have = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        response = opener(request, timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 416 and have:  # nothing left to fetch
            return
        raise Retryable(f"{url}: HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise Retryable(f"{url}: {exc}") from None
    status = getattr(response, "status", 200)
    mode = "ab" if have and status == 206 else "wb"
    written = have if mode == "ab" else 0
    length = response.headers.get("Content-Length")  # type: ignore[attr-defined]
    expected = written + int(length) if length and length.isdigit() else None
    with response, part.open(mode) as out:  # type: ignore[attr-defined]
        while chunk := response.read(CHUNK):  # type: ignore[attr-defined]
            written += len(chunk)
            if written > MAX_ARCHIVE_BYTES:
                raise InputError(f"{url}: larger than {MAX_ARCHIVE_BYTES} bytes")
            out.write(chunk)
    if expected is not None and written < expected:
        raise Retryable(
            f"{url}: the download stopped at {written:,} of {expected:,} bytes; sync again to resume"
        )


def verify_archive(path: Path) -> int:
    """Number of OSV records in the archive; ``InputError`` when it is not a sound OSV archive."""
    try:
        with zipfile.ZipFile(path) as zf:
            if zf.testzip() is not None:
                raise InputError(f"{path.name}: a member fails its CRC check")
            count = 0
            for info in zf.infolist():
                if not info.filename.endswith(".json"):
                    continue
                record = json.loads(zf.read(info))
                if not isinstance(record, dict) or not record.get("id"):
                    raise InputError(f"{path.name}: {info.filename} is not an OSV record")
                count += 1
    except (zipfile.BadZipFile, ValueError, UnicodeDecodeError, EOFError) as exc:
        raise InputError(f"{path.name}: not a valid OSV archive ({type(exc).__name__})") from None
    return count


def sync(
    target: Path,
    base_url: str,
    ecosystems: Sequence[str] = DEFAULT_ECOSYSTEMS,
    *,
    timeout: float = 60.0,
    opener: Opener = _open,
    now: Callable[[], float] = time.time,
) -> dict[str, int]:
    """Records per ecosystem now in ``target`` (replaced as a whole only when every archive verified)."""
    scheme = urllib.parse.urlsplit(base_url).scheme
    if scheme not in ("https", "http"):
        raise InputError("REMEDIATOR_VULNDB_URL must be an https:// (or http://) URL")
    target = target.resolve()
    partial = target.with_name(target.name + ".partial")
    partial.mkdir(parents=True, exist_ok=True)
    counts = {}
    for eco in ecosystems:
        part = partial / f"{eco}.zip.part"
        _download(
            f"{base_url.rstrip('/')}/{urllib.parse.quote(eco)}/all.zip", part, timeout=timeout, opener=opener
        )
        try:
            counts[eco] = verify_archive(part)
        except InputError:
            part.unlink(missing_ok=True)  # a corrupt file is not resumed next time
            raise
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    for eco in ecosystems:
        (staging / eco).mkdir(parents=True)
        (partial / f"{eco}.zip.part").replace(staging / eco / "all.zip")
    (staging / STAMP).write_text(f"{now():.0f}\n")
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.replace(old)
    staging.replace(target)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(partial, ignore_errors=True)
    return counts


def age_days(target: Path, now: float) -> float | None:
    try:
        return max(0.0, (now - float((target / STAMP).read_text().strip())) / 86400)
    except (OSError, ValueError):
        return None
