"""The write pacer's contract, the same assertions against every slot backend (memory, files under
the data directory, Redis): writes of one key start ``interval`` apart, other keys are not delayed,
a wait the forge asked for holds the key, a long hold re-queues instead of parking a thread. Time
is a fake clock that the fake sleep advances; nothing sleeps."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.errors import Retryable
from bot.hosts.pacing import FileSlots, MemorySlots, Pacer, Slots

REDIS_URL = os.environ.get("REMEDIATOR_TEST_REDIS_URL", "")
PREFIX = "remediator:test-pacing:"
T0 = 1_800_000_000.0


class FakeTime:
    def __init__(self) -> None:
        self.t = T0
        self.slept: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += seconds


@pytest.fixture(params=["memory", "file", "redis"])
def slots(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Slots]:
    if request.param == "memory":
        yield MemorySlots()
    elif request.param == "file":
        yield FileSlots(tmp_path / "pacing")
    else:
        if not REDIS_URL:
            pytest.skip("REMEDIATOR_TEST_REDIS_URL is not set: Redis pacing NOT RUN (.ci/run sets it)")
        import redis

        from bot.hosts.pacing_redis import RedisSlots

        client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
        for key in client.scan_iter(PREFIX + "*"):
            client.delete(key)
        yield RedisSlots(client, prefix=PREFIX)
        for key in client.scan_iter(PREFIX + "*"):
            client.delete(key)


def test_writes_of_one_key_start_an_interval_apart_and_other_keys_are_not_delayed(slots: Slots) -> None:
    clock = FakeTime()
    pacer = Pacer(slots, 1.0, clock.now, clock.sleep)
    starts = []
    for _ in range(4):
        pacer.before_write("inst-1")
        starts.append(clock.now())
    assert starts == [T0, T0 + 1.0, T0 + 2.0, T0 + 3.0]
    assert pacer.before_write("inst-2") == 0.0  # another installation: no wait
    assert clock.now() == T0 + 3.0


def test_slots_reserved_together_are_distinct(slots: Slots) -> None:
    # several workers ask at the same instant: each gets its own slot, an interval apart
    got = [slots.reserve("inst-1", T0, 0.5, 30.0) for _ in range(5)]
    assert got == [(T0 + 0.5 * n, True) for n in range(5)]
    assert slots.reserve("inst-2", T0, 0.5, 30.0) == (T0, True)


def test_time_that_passed_is_not_owed(slots: Slots) -> None:
    clock = FakeTime()
    pacer = Pacer(slots, 1.0, clock.now, clock.sleep)
    pacer.before_write("inst-1")
    clock.t += 5.0  # a quiet spell: the next write goes at once
    assert pacer.before_write("inst-1") == 0.0
    assert clock.slept == []


def test_a_wait_the_forge_asked_for_holds_the_key_for_everyone(slots: Slots) -> None:
    clock = FakeTime()
    one = Pacer(slots, 1.0, clock.now, clock.sleep)
    other = Pacer(slots, 1.0, clock.now, clock.sleep)  # another worker sharing the slots
    one.hold("inst-1", 20.0)
    assert other.before_write("inst-1") == 20.0
    assert clock.now() == T0 + 20.0
    assert other.before_write("inst-2") == 0.0
    one.hold("inst-1", 0.5)  # a shorter hold never moves the next slot earlier
    assert other.before_write("inst-1") == 1.0


def test_a_long_hold_re_queues_the_job_and_takes_no_slot(slots: Slots) -> None:
    clock = FakeTime()
    pacer = Pacer(slots, 1.0, clock.now, clock.sleep, max_wait=30.0)
    pacer.hold("inst-1", 120.0)
    with pytest.raises(Retryable) as caught:
        pacer.before_write("inst-1")
    assert caught.value.retry_after == 120.0
    assert clock.slept == []
    clock.t += 120.0
    assert pacer.before_write("inst-1") == 0.0  # the refused attempt did not push the slot further


def test_redis_slots_expire_once_their_time_has_passed() -> None:
    if not REDIS_URL:
        pytest.skip("REMEDIATOR_TEST_REDIS_URL is not set: Redis pacing NOT RUN (.ci/run sets it)")
    import redis

    from bot.hosts.pacing_redis import RedisSlots

    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    slots = RedisSlots(client, prefix=PREFIX)
    slots.reserve("inst-ttl", T0, 2.0, 30.0)
    slots.hold("inst-held", T0 + 100.0, T0)
    ttls = [client.pttl(key) for key in client.scan_iter(PREFIX + "*")]
    for key in client.scan_iter(PREFIX + "*"):
        client.delete(key)
    assert sorted(ttls) == [3000, 101_000] or (
        len(ttls) == 2 and 2000 < min(ttls) <= 3000 and 100_000 < max(ttls) <= 101_000
    )


def test_file_slots_survive_a_torn_file(tmp_path: Path) -> None:
    slots = FileSlots(tmp_path / "pacing")
    slots.reserve("inst-1", T0, 1.0, 30.0)
    for path in (tmp_path / "pacing").iterdir():
        path.write_bytes(b"\x00garbage")
    assert slots.reserve("inst-1", T0, 1.0, 30.0) == (T0, True)
