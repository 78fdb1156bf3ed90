"""The relevance benchmark's labelled sets run fast enough to be a test: what professionals
type finds what helps, and the case-details reminder catches what identifies a child
(figures and command: benchmarks/README.md)."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from tests.conftest import PROJECT_ROOT


def _benchmark() -> ModuleType:
    path = PROJECT_ROOT / "benchmarks" / "relevance.py"
    spec = importlib.util.spec_from_file_location("relevance_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_situation_queries_find_guidance_own_path_and_an_offer() -> None:
    relevance = _benchmark()
    figures = relevance.evaluate_search(relevance.load())
    assert len(figures.results) >= 60
    assert {r.profession for r in figures.results} == set(relevance.load().professions)
    assert figures.recall() >= relevance.TARGETS["recall@3"]
    assert figures.mrr() >= relevance.TARGETS["mrr"]


def test_case_details_reminder_meets_its_targets() -> None:
    relevance = _benchmark()
    reminder = relevance.evaluate_case_details()
    assert len(relevance.CASE_LIKE) + len(relevance.NEUTRAL) >= 100
    assert reminder.recall >= relevance.TARGETS["reminder_recall"], reminder.missed
    assert reminder.false_positive_rate <= relevance.TARGETS["reminder_fp"], reminder.false_alarms
