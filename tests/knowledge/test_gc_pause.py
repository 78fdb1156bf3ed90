"""The collector settings that keep a large knowledge base cheap to hold."""

from __future__ import annotations

import gc
import weakref

from bot.knowledge.gc_pause import freeze_long_lived


class _Node:
    partner: _Node | None = None


def test_frozen_objects_are_skipped_until_the_next_freeze_collects_what_was_dropped() -> None:
    first, second = _Node(), _Node()
    first.partner, second.partner = second, first  # a cycle: only the collector frees it
    dropped = weakref.ref(first)
    try:
        freeze_long_lived()
        assert gc.get_freeze_count() > 0
        del first, second
        gc.collect()
        assert dropped() is not None  # frozen: full collections no longer walk it
        freeze_long_lived()  # what a reload does
        assert dropped() is None
    finally:
        gc.unfreeze()
