"""The start payload that lands on a Meldeweg fits Telegram's rules for every id."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.publish.deeplink import (
    bot_link,
    clean_username,
    meldeweg_payload,
    parse_meldeweg_payload,
)

SLUG = st.from_regex(r"\A[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?\Z")
TELEGRAM_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@given(SLUG, st.none() | SLUG)
def test_every_pair_of_ids_makes_a_valid_payload_that_reads_back(
    profession: str, municipality: str | None
) -> None:
    payload = meldeweg_payload(profession, municipality)
    assert TELEGRAM_PAYLOAD.match(payload)
    assert parse_meldeweg_payload(payload) == (profession, municipality)


def test_other_payloads_are_not_meldewege() -> None:
    for payload in ("notfall", "termine", "mw", "mw_", "mw_Kita", "mw_kita_kempen_x", "xmw_kita"):
        assert parse_meldeweg_payload(payload) is None, payload


def test_the_link_and_the_username() -> None:
    assert clean_username("@KinderschutzLotseBot") == "KinderschutzLotseBot"
    assert clean_username("kein name") is None and clean_username(None) is None
    assert bot_link("LotseBot", "mw_kita_kempen") == "https://t.me/LotseBot?start=mw_kita_kempen"
