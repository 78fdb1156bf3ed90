"""Guidance: reporting paths with roles resolved per municipality; the emergency view."""

from __future__ import annotations

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import JugendamtRole
from bot.services.guidance import GuidanceService
from bot.services.snapshot import KnowledgeStore, Snapshot


@pytest.fixture
def guidance(fixture_knowledge: KnowledgeBase) -> GuidanceService:
    return GuidanceService(KnowledgeStore(Snapshot.of(fixture_knowledge)))


@pytest.mark.parametrize(
    ("municipality", "asd"),
    [
        ("musterstadt", "asd-musterstadt"),
        ("nordheim", "asd-nordheim"),
        ("suedheim", "asd-kreis-beispiel"),
    ],
)
def test_asd_is_the_municipalitys(guidance: GuidanceService, municipality: str, asd: str) -> None:
    view = guidance.meldeweg("kita", municipality)
    assert view is not None
    assert [c.id for c in view.acute.reach.asd] == [asd]
    last = view.steps[-1]
    assert last.participants[0].role is JugendamtRole.ASD
    assert [c.id for c in last.participants[0].contacts] == [asd]


def test_unfilled_role_stays_visible_without_contacts(guidance: GuidanceService) -> None:
    view = guidance.meldeweg("kita", "nordheim")
    assert view is not None
    isef = view.steps[1].participants[0]
    assert isef.role is JugendamtRole.ISEF and isef.contacts == ()
    assert "IseF" in isef.label


def test_contact_participants_and_step_numbers(guidance: GuidanceService) -> None:
    view = guidance.meldeweg("aerzte", "musterstadt")
    assert view is not None
    assert [s.number for s in view.steps] == [1, 2, 3]
    hotline = view.steps[1].participants[1]
    assert hotline.role is None and hotline.contacts[0].id == "kinderschutzhotline"


def test_without_municipality_roles_are_unresolved(guidance: GuidanceService) -> None:
    view = guidance.meldeweg("sport", None)
    assert view is not None
    assert view.acute.reach.jugendamt is None
    assert all(p.contacts == () for s in view.steps for p in s.participants)


def test_unknown_profession(guidance: GuidanceService) -> None:
    assert guidance.meldeweg("astronaut", "musterstadt") is None


def test_emergency(guidance: GuidanceService) -> None:
    view = guidance.emergency("musterstadt")
    assert [n.number for n in view.numbers] == ["110", "112"]
    assert [c.id for c in view.hotlines] == ["kinderschutzhotline"]
    assert view.reach.out_of_hours is not None and "110" in view.reach.out_of_hours
    assert guidance.emergency(None).reach.jugendamt is None
