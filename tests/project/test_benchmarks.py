"""The benchmark scripts still run, at tiny sizes (recorded numbers: benchmarks/README.md).
Each starts Python with the bot in a subprocess: slow, so they run in CI and with --run-slow."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.publish.pdf import available as pdf_available
from tests.conftest import PROJECT_ROOT as ROOT

pytestmark = pytest.mark.slow


def run_script(name: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(  # noqa: S603 - our own script with fixed arguments
        [sys.executable, str(ROOT / "benchmarks" / name), *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    return completed


def test_knowledge_benchmark_runs_small() -> None:
    output = run_script(
        "knowledge.py", "--offers", "300", "--contacts", "60", "--queries", "50", "--runs", "1"
    ).stdout
    assert "load+validate:" in output
    assert "search (50 queries" in output


def test_chat_throughput_benchmark_runs_small() -> None:
    output = run_script(
        "chat_throughput.py",
        "--users",
        "40",
        "--rounds",
        "1",
        "--offers",
        "200",
        "--contacts",
        "40",
    ).stdout
    assert "round 1 (ours then bare)" in output
    assert "160 updates per run" in output


def test_signup_benchmark_runs_small() -> None:
    output = run_script("signup.py", "--people", "60", "--seats", "10", "--runs", "1").stdout
    assert "confirmed 10, waiting 50, overbooked 0" in output
    assert "told their right waiting place 50/50" in output
    assert "calendar files 10/10" in output


def test_fanout_benchmark_survives_kills_small() -> None:
    output = run_script("fanout.py", "--reminders", "60", "--kills", "1").stdout
    assert "60/60 chats reached" in output
    duplicates = int(output.split(" duplicates")[0].rsplit(" ", 1)[-1])
    assert duplicates <= 1


def test_fanout_benchmark_with_slow_chats_and_an_outage_runs_small() -> None:
    output = run_script("fanout.py", "--reminders", "40", "--slow", "2").stdout
    assert "2 slow chats: " in output and "every healthy chat after" in output
    output = run_script("fanout.py", "--reminders", "40", "--outage", "60").stdout
    assert "guard on: 40 sent, 0 parked, 0 pending" in output


def test_report_benchmark_runs_small() -> None:
    output = run_script("report.py", "--people", "200", "--runs", "1").stdout
    assert "200 registrations, 1 runs" in output


def test_website_benchmark_runs_small() -> None:
    output = run_script("website.py", "--offers", "200", "--contacts", "40", "--runs", "1").stdout
    assert "shipped knowledge: 1 runs" in output
    assert "synthetic 200 offers, 40 contacts: 1 runs" in output


def test_content_coverage_counts_the_shipped_knowledge() -> None:
    output = run_script("content_coverage.py").stdout
    assert "| Leverkusen |" in output
    assert "cells without a local offer:" in output


@pytest.mark.skipif(not pdf_available(), reason="WeasyPrint cannot load Pango")
def test_printouts_benchmark_runs_small() -> None:
    output = run_script("printouts.py", "--region", "leverkusen", "--probes", "3").stdout
    assert "region leverkusen: 8 pages" in output
    assert "second /aushang_alle (cache)" in output and "pages made 0" in output
