"""Redis job ledger (when REMEDIATOR_REDIS_URL is set): every state change is one Lua script.

Imports redis (the optional extra). Keys: ``<prefix>job:<id>`` hashes, ``delivery:<id>`` strings,
``key:<key>`` sets of active jobs, ``queued`` / ``running`` / ``dead`` sorted sets, ``counts`` hash.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import redis

from bot.core.clock import Clock
from bot.core.events import JobSpec
from bot.jobqueue.model import (
    LEASE_EXPIRED,
    Job,
    JobState,
    Owner,
    dump_payload,
    gave_up,
    load_payload,
    new_job_id,
)

# ownership: a claim (worker, attempts) holds a running job while its lease has not passed
_HOLDS = """
local function holds(jk, worker, attempts, now)
  if worker == '' then return true end
  local f = redis.call('HMGET', jk, 'worker', 'attempts', 'lease_expires')
  return f[1] == worker and f[2] == attempts and tonumber(f[3] or '0') > tonumber(now)
end
"""

_MOVE = (
    _HOLDS
    + """
local function move(p, id, from, to)
  redis.call('HINCRBY', p .. 'counts', from, -1)
  redis.call('HINCRBY', p .. 'counts', to, 1)
  redis.call('ZREM', p .. from, id)
end
"""
)

SUBMIT = (
    _MOVE
    + """
local p, delivery, id, handler, key, payload, supersede, now =
  ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local seen = redis.call('GET', p .. 'delivery:' .. delivery)
if seen then return {seen, 0} end
local keyset = p .. 'key:' .. key
if supersede == '1' then
  for _, other in ipairs(redis.call('SMEMBERS', keyset)) do
    local jk = p .. 'job:' .. other
    local f = redis.call('HMGET', jk, 'state', 'handler')
    if f[1] == 'queued' and f[2] == handler then
      redis.call('HSET', jk, 'state', 'obsolete', 'updated_at', now)
      redis.call('SREM', keyset, other)
      move(p, other, 'queued', 'obsolete')
      if ARGV[9] ~= '' then redis.call('EXPIRE', jk, ARGV[9]) end
    end
  end
end
redis.call('HSET', p .. 'job:' .. id, 'id', id, 'handler', handler, 'key', key, 'payload', payload,
  'state', 'queued', 'attempts', 0, 'run_at', now, 'delivery_id', delivery,
  'created_at', now, 'updated_at', now)
redis.call('SET', p .. 'delivery:' .. delivery, id)
if ARGV[9] ~= '' then redis.call('EXPIRE', p .. 'delivery:' .. delivery, ARGV[9]) end
redis.call('HINCRBY', p .. 'counts', 'deliveries', 1)
redis.call('HINCRBY', p .. 'counts', 'queued', 1)
redis.call('SADD', keyset, id)
redis.call('ZADD', p .. 'queued', now, id)
return {id, 1}
"""
)

CLAIM = (
    _MOVE
    + """
local p, id, worker, now, lease = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local jk = p .. 'job:' .. id
local f = redis.call('HMGET', jk, 'state', 'run_at', 'key')
if f[1] ~= 'queued' or tonumber(f[2]) > now then return false end
for _, other in ipairs(redis.call('SMEMBERS', p .. 'key:' .. f[3])) do
  if other ~= id then
    local o = redis.call('HMGET', p .. 'job:' .. other, 'state', 'lease_expires')
    if o[1] == 'running' and tonumber(o[2]) > now then return false end
  end
end
redis.call('HINCRBY', jk, 'attempts', 1)
redis.call('HSET', jk, 'state', 'running', 'lease_expires', lease, 'worker', worker, 'updated_at', ARGV[4])
move(p, id, 'queued', 'running')
redis.call('ZADD', p .. 'running', lease, id)
return redis.call('HGETALL', jk)
"""
)

FINISH = (
    _MOVE
    + """
local p, id, now = ARGV[1], ARGV[2], ARGV[3]
local jk = p .. 'job:' .. id
local f = redis.call('HMGET', jk, 'state', 'key')
if f[1] ~= 'running' then return false end
if not holds(jk, ARGV[4], ARGV[5], now) then return false end
redis.call('HSET', jk, 'state', 'done', 'updated_at', now)
redis.call('HDEL', jk, 'lease_expires')
if ARGV[6] ~= '' then redis.call('EXPIRE', jk, ARGV[6]) end
redis.call('SREM', p .. 'key:' .. f[2], id)
move(p, id, 'running', 'done')
return true
"""
)

# ARGV: prefix, id, now, retry_at ('' = dead now), error, reason if dead, max_attempts,
# only_if_lease_expired ('1' for recover: then anything but an expired running job is left alone),
# owner's worker ('' = any) and attempts
FAIL = (
    _MOVE
    + """
local p, id, now, retry_at, error, reason, max_attempts = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5],
  ARGV[6], tonumber(ARGV[7])
local jk = p .. 'job:' .. id
local f = redis.call('HMGET', jk, 'state', 'key', 'attempts', 'lease_expires')
if not f[1] then return redis.error_reply('no such job') end
if f[1] ~= 'running' then
  if ARGV[8] == '1' then return false end
  return f[1]
end
if ARGV[8] == '1' and tonumber(f[4]) > tonumber(now) then return false end
if not holds(jk, ARGV[9], ARGV[10], now) then return 'running' end
redis.call('HDEL', jk, 'lease_expires')
if retry_at == '' or tonumber(f[3]) >= max_attempts then
  redis.call('HSET', jk, 'state', 'dead', 'last_error', reason, 'updated_at', now)
  redis.call('SREM', p .. 'key:' .. f[2], id)
  move(p, id, 'running', 'dead')
  redis.call('ZADD', p .. 'dead', now, id)
  return 'dead'
end
redis.call('HSET', jk, 'state', 'queued', 'run_at', retry_at, 'last_error', error, 'updated_at', now)
move(p, id, 'running', 'queued')
redis.call('ZADD', p .. 'queued', retry_at, id)
return 'queued'
"""
)

HEARTBEAT = (
    _HOLDS
    + """
local p, id, worker, attempts, now, lease = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local jk = p .. 'job:' .. id
if redis.call('HGET', jk, 'state') ~= 'running' or not holds(jk, worker, attempts, now) then return false end
redis.call('HSET', jk, 'lease_expires', lease)
redis.call('ZADD', p .. 'running', lease, id)
return true
"""
)

RETRY = (
    _MOVE
    + """
local p, id, now = ARGV[1], ARGV[2], ARGV[3]
local jk = p .. 'job:' .. id
local f = redis.call('HMGET', jk, 'state', 'key')
if f[1] ~= 'dead' then return false end
redis.call('HSET', jk, 'state', 'queued', 'attempts', 0, 'run_at', now, 'updated_at', now)
redis.call('HDEL', jk, 'lease_expires')
move(p, id, 'dead', 'queued')
redis.call('ZADD', p .. 'queued', now, id)
redis.call('SADD', p .. 'key:' .. f[2], id)
return true
"""
)

# ARGV: prefix, id, before, states... : delete the job when it is in one of them, updated before
PURGE = """
local p, id, before = ARGV[1], ARGV[2], tonumber(ARGV[3])
local jk = p .. 'job:' .. id
local f = redis.call('HMGET', jk, 'state', 'updated_at', 'key')
if not f[1] or tonumber(f[2]) >= before then return 0 end
for i = 4, #ARGV do
  if f[1] == ARGV[i] then
    redis.call('DEL', jk)
    redis.call('ZREM', p .. f[1], id)
    redis.call('SREM', p .. 'key:' .. f[3], id)
    redis.call('HINCRBY', p .. 'counts', f[1], -1)
    return 1
  end
end
return 0
"""

DEFER = """
local p, id, run_at, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local jk = p .. 'job:' .. id
if redis.call('HGET', jk, 'state') ~= 'queued' then return false end
redis.call('HSET', jk, 'run_at', run_at, 'updated_at', now)
redis.call('ZADD', p .. 'queued', run_at, id)
return true
"""


def _float(value: str | None) -> float | None:
    return None if value is None or value == "" else float(value)


def _job(fields: dict[str, str]) -> Job:
    return Job(
        id=fields["id"],
        handler=fields["handler"],
        key=fields["key"],
        payload=load_payload(fields["payload"]),
        state=JobState(fields["state"]),
        attempts=int(fields.get("attempts", "0")),
        run_at=float(fields["run_at"]),
        lease_expires=_float(fields.get("lease_expires")),
        worker=fields.get("worker", ""),
        last_error=fields.get("last_error", ""),
        delivery_id=fields.get("delivery_id", ""),
        created_at=float(fields["created_at"]),
        updated_at=float(fields["updated_at"]),
    )


class RedisLedger:
    """Ledger in Redis; atomic through Lua scripts. All keys start with ``prefix``."""

    errors: tuple[type[Exception], ...] = (redis.RedisError, OSError)

    def __init__(
        self,
        client: redis.Redis,
        clock: Clock,
        *,
        max_attempts: int,
        lease_seconds: float,
        prefix: str = "remediator:ledger:",
        retention_seconds: float = 0.0,
    ) -> None:
        self._r = client
        self._clock = clock
        self._max_attempts = max_attempts
        self._lease = lease_seconds
        self.prefix = prefix
        self._submit = client.register_script(SUBMIT)
        self._claim = client.register_script(CLAIM)
        self._finish = client.register_script(FINISH)
        self._fail = client.register_script(FAIL)
        self._defer = client.register_script(DEFER)
        self._heartbeat = client.register_script(HEARTBEAT)
        self._retry = client.register_script(RETRY)
        self._purge = client.register_script(PURGE)
        # finished jobs and delivery ids expire after the retention period ('' = kept)
        self._expiry = str(max(1, int(retention_seconds))) if retention_seconds > 0 else ""

    @classmethod
    def from_url(cls, url: str, clock: Clock, **kwargs: Any) -> RedisLedger:
        return cls(redis.Redis.from_url(url, decode_responses=True), clock, **kwargs)

    def _now(self) -> str:
        return repr(self._clock.now())

    def submit(self, spec: JobSpec, delivery_id: str) -> tuple[str, bool]:
        payload = dump_payload(spec.payload)
        args = [self.prefix, delivery_id, new_job_id(), spec.handler, spec.key, payload]
        job_id, created = self._submit(
            args=[*args, "1" if spec.supersede else "0", self._now(), self._expiry]
        )
        return str(job_id), bool(created)

    def get(self, job_id: str) -> Job | None:
        fields: dict[str, str] = self._r.hgetall(f"{self.prefix}job:{job_id}")  # type: ignore[assignment]
        return _job(fields) if fields else None

    def claim(self, job_id: str, worker: str, now: float) -> Job | None:
        flat = self._claim(args=[self.prefix, job_id, worker, repr(now), repr(now + self._lease)])
        if not flat:
            return None
        return _job(dict(zip(flat[::2], flat[1::2], strict=True)))

    def finish(self, job_id: str, owner: Owner | None = None) -> bool:
        worker, attempts = owner if owner is not None else ("", 0)
        args = [self.prefix, job_id, self._now(), worker, str(attempts), self._expiry]
        return bool(self._finish(args=args))

    def heartbeat(self, job_id: str, owner: Owner, now: float) -> bool:
        args = [self.prefix, job_id, owner[0], str(owner[1]), repr(now), repr(now + self._lease)]
        return bool(self._heartbeat(args=args))

    def fail(self, job_id: str, error: str, retry_at: float | None, owner: Owner | None = None) -> JobState:
        job = self.get(job_id)
        if job is None:
            raise KeyError(job_id)
        reason = error if retry_at is None else gave_up(error, job.attempts)
        when = "" if retry_at is None else repr(retry_at)
        worker, attempts = owner if owner is not None else ("", 0)
        args = [self.prefix, job_id, self._now(), when, error, reason, str(self._max_attempts), "0"]
        return JobState(self._fail(args=[*args, worker, str(attempts)]))

    def defer(self, job_id: str, run_at: float) -> None:
        self._defer(args=[self.prefix, job_id, repr(run_at), self._now()])

    def expired(self, now: float) -> list[str]:
        ids: list[str] = self._r.zrangebyscore(f"{self.prefix}running", "-inf", now)  # type: ignore[assignment]
        return ids

    def recover(self, job_id: str, now: float) -> JobState | None:
        job = self.get(job_id)
        if job is None:
            return None
        args = [self.prefix, job_id, repr(now), repr(now), LEASE_EXPIRED]
        state = self._fail(
            args=[*args, gave_up(LEASE_EXPIRED, job.attempts), str(self._max_attempts), "1", "", "0"]
        )
        return JobState(state) if state else None

    def overdue(self, before: float) -> list[str]:
        ids: list[str] = self._r.zrangebyscore(f"{self.prefix}queued", "-inf", before)  # type: ignore[assignment]
        return ids

    def dead_letters(self) -> list[Job]:
        ids: list[str] = self._r.zrange(f"{self.prefix}dead", 0, -1)  # type: ignore[assignment]
        jobs = (self.get(i) for i in ids)
        return [j for j in jobs if j is not None]

    def _ids(self, state: JobState | None) -> list[str]:
        if state in (JobState.QUEUED, JobState.RUNNING, JobState.DEAD):
            found: list[str] = self._r.zrange(f"{self.prefix}{state}", 0, -1)  # type: ignore[assignment]
            return found
        start = len(f"{self.prefix}job:")
        return [key[start:] for key in self._r.scan_iter(match=f"{self.prefix}job:*", count=500)]

    def jobs(self, state: JobState | None = None, limit: int = 100) -> list[Job]:
        found = (self.get(i) for i in self._ids(state))
        chosen = [j for j in found if j is not None and (state is None or j.state is state)]
        return sorted(chosen, key=lambda j: -j.updated_at)[:limit]

    def retry(self, job_id: str, now: float) -> bool:
        return bool(self._retry(args=[self.prefix, job_id, repr(now)]))

    def purge(self, states: Collection[JobState], before: float) -> int:
        names = [s.value for s in states]
        if not names:
            return 0
        ids = self._ids(next(iter(states)) if len(names) == 1 else None)
        return sum(int(self._purge(args=[self.prefix, i, repr(before), *names])) for i in ids)

    def forget_deliveries(self, before: float) -> int:
        return 0  # delivery keys carry their own expiry (the retention period); Redis deletes them

    def count(self, state: JobState | None = None) -> int:
        counts: dict[str, str] = self._r.hgetall(f"{self.prefix}counts")  # type: ignore[assignment]
        if state is not None:
            return int(counts.get(state.value, "0"))
        return sum(int(counts.get(s.value, "0")) for s in JobState)

    def deliveries(self) -> int:
        return int(self._r.hget(f"{self.prefix}counts", "deliveries") or 0)

    def ping(self) -> None:
        """A real write (a key that expires): a down, read-only or out-of-memory Redis fails."""
        self._r.set(f"{self.prefix}ready", self._now(), ex=300)
