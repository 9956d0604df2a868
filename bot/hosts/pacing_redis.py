"""Write-pacing slots in Redis (``REMEDIATOR_REDIS_URL``), shared by every worker on every host.

One key per pacing key, ``<prefix><sha256>``, holding the next free time; reserving and holding are
Lua scripts, so concurrent workers never take the same slot. Keys expire once their time has passed.
Imports redis (the optional extra); hosts' clocks are assumed NTP-synchronised (a skew between hosts
shifts their spacing by the skew).
"""

from __future__ import annotations

import hashlib
from typing import Any

import redis

# KEYS[1]: the key. ARGV: now, interval, max_wait. Returns {slot as text, 1 taken | 0 not}.
_RESERVE = """
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local max_wait = tonumber(ARGV[3])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local slot = math.max(now, nxt)
if slot - now > max_wait then
  return {string.format('%.6f', slot), 0}
end
local free = slot + interval
local ttl = math.ceil((free - now) * 1000) + 1000
redis.call('SET', KEYS[1], string.format('%.6f', free), 'PX', ttl)
return {string.format('%.6f', slot), 1}
"""

# KEYS[1]: the key. ARGV: until, now. Moves the next free time to `until` when that is later.
_HOLD = """
local untl = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if untl > nxt then
  redis.call('SET', KEYS[1], string.format('%.6f', untl), 'PX', math.ceil((untl - now) * 1000) + 1000)
end
return 1
"""


class RedisSlots:
    """Pacing slots in Redis; see the module docstring."""

    def __init__(self, client: redis.Redis, prefix: str = "remediator:pacing:") -> None:
        self._r = client
        self._prefix = prefix
        self._reserve = client.register_script(_RESERVE)
        self._hold = client.register_script(_HOLD)

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> RedisSlots:
        return cls(redis.Redis.from_url(url, decode_responses=True), **kwargs)

    def _key(self, key: str) -> str:
        return self._prefix + hashlib.sha256(key.encode()).hexdigest()[:32]

    def reserve(self, key: str, now: float, interval: float, max_wait: float) -> tuple[float, bool]:
        slot, taken = self._reserve(keys=[self._key(key)], args=[repr(now), repr(interval), repr(max_wait)])
        return float(slot), int(taken) == 1

    def hold(self, key: str, until: float, now: float) -> None:
        self._hold(keys=[self._key(key)], args=[repr(until), repr(now)])
