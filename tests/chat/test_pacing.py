"""The dispatcher's pacing, on stepped time (no real waiting)."""

from __future__ import annotations

import itertools

from bot.chat.pacing import Pacer
from tests.chat.conftest import SteppedTime


async def test_starts_keep_the_overall_and_per_chat_spacing() -> None:
    time = SteppedTime()
    pacer = Pacer(per_second=29, per_chat_seconds=1.1, monotonic=time.monotonic, sleep=time.sleep)
    starts: list[tuple[float, int]] = []
    for chat_id in [*range(100), 7, 7]:
        await pacer.slot(chat_id)
        starts.append((time.now, chat_id))
    times = [t for t, _ in starts]
    # Never more than 30 starts within any one second.
    assert max(sum(1 for t in times if s <= t < s + 1.0) for s in times) <= 30
    # 100 different chats take 99 intervals of 1/29 s.
    assert abs(times[99] - times[0] - 99 / 29) < 1e-9
    sevens = [t for t, chat in starts if chat == 7]
    assert all(b - a >= 1.1 - 1e-9 for a, b in itertools.pairwise(sevens))


async def test_hold_delays_every_later_start() -> None:
    time = SteppedTime()
    pacer = Pacer(monotonic=time.monotonic, sleep=time.sleep)
    await pacer.slot(1)
    before = time.now
    pacer.hold(5.0)
    await pacer.slot(2)
    assert time.now >= before + 5.0
