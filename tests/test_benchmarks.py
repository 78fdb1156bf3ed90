"""The benchmark scripts still run, at tiny sizes (recorded numbers: benchmarks/README.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_knowledge_benchmark_runs_small() -> None:
    completed = subprocess.run(  # noqa: S603 - our own script with fixed arguments
        [
            sys.executable,
            str(ROOT / "benchmarks" / "knowledge.py"),
            "--offers",
            "300",
            "--contacts",
            "60",
            "--queries",
            "50",
            "--runs",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "load+validate:" in completed.stdout
    assert "search (50 queries" in completed.stdout


def test_chat_throughput_benchmark_runs_small() -> None:
    completed = subprocess.run(  # noqa: S603 - our own script with fixed arguments
        [
            sys.executable,
            str(ROOT / "benchmarks" / "chat_throughput.py"),
            "--users",
            "40",
            "--rounds",
            "1",
            "--offers",
            "200",
            "--contacts",
            "40",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "round 1 (ours then bare)" in completed.stdout
    assert "160 updates per run" in completed.stdout
