"""The callback vocabulary: every area declared once, routed once, and on the same wire as the
buttons already in people's chats."""

from __future__ import annotations

from bot.chat.callbacks import (
    AREA_OF,
    Area,
    EventAction,
    MenuAction,
    OnboardingAction,
    decode,
)
from bot.chat.setup import ROUTES


def test_every_area_has_one_action_set_and_one_route() -> None:
    assert sorted(AREA_OF.values()) == sorted(Area)
    assert set(ROUTES) == set(Area)


def test_the_wire_format_stays_as_old_buttons_carry_it() -> None:
    assert EventAction.JOIN.data("fachtag-kita") == "v1:te:j:fachtag-kita"
    assert MenuAction.GO.data(Area.EVENTS) == "v1:mn:go:te"
    assert OnboardingAction.MUNICIPALITY.data("kita", "nettetal") == "v1:on:m:kita:nettetal"
    assert Area.EVENTS.pattern == "^v1:te:"


def test_an_action_is_read_only_in_its_own_area() -> None:
    join = decode("v1:te:j:fachtag-kita")
    assert join is not None
    assert EventAction.of(join) is EventAction.JOIN
    assert MenuAction.of(join) is None
    unknown = decode("v1:te:zz:fachtag-kita")
    assert unknown is not None and EventAction.of(unknown) is None
