"""Benchmark: `kinderschutz-lotse website` on the shipped knowledge base and on the synthetic
base of benchmarks/knowledge.py (10,000 offers, 2,000 contacts, 40 municipalities).

Each run is the real command (`bot.cli.main`: load and check the knowledge base, build every
page, the search index, write the folder and swap it in). Reports the wall time per run, the
number of pages, the folder's size and the peak RSS of the process after each base. Targets
(issue [13]): under 10 s for the shipped knowledge, under 60 s for the 10,000-offer base.

Usage:  .venv/bin/python benchmarks/website.py [--offers 10000] [--contacts 2000] [--runs 3]
        [--aushang]   (also the PDFs for the shipped base: needs Pango)
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.cli import main  # noqa: E402


def _sibling(name: str) -> ModuleType:
    """Another benchmark script as a module (they are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(
        f"benchmark_{name}", ROOT / "benchmarks" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _sibling("knowledge").generate  # the synthetic base of benchmarks/knowledge.py
peak_rss_mb = _sibling("report").peak_rss_mb

SHIPPED = ROOT / "knowledge"


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len([p for p in files if p.suffix == ".html"]), sum(p.stat().st_size for p in files)


def measure(label: str, knowledge: Path, out: Path, runs: int, *extra: str) -> None:
    times = []
    for _ in range(runs):
        printed = io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stdout(printed):
            code = main(["website", "--knowledge", str(knowledge), "--out", str(out), *extra])
        times.append(time.perf_counter() - started)
        assert code == 0, printed.getvalue()
    pages, size = folder_size(out)
    print(
        f"{label}: {runs} runs {' / '.join(f'{t:.2f}' for t in times)} s "
        f"(median {statistics.median(times):.2f} s); {pages} pages, "
        f"{size / 1024 / 1024:.1f} MiB; peak RSS so far {peak_rss_mb():.0f} MB"
    )


def run(offers: int, contacts: int, runs: int, aushang: bool) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        measure("shipped knowledge", SHIPPED, root / "site-shipped", runs)
        if aushang:
            measure("shipped knowledge + Aushang PDFs", SHIPPED, root / "site-pdf", 1, "--aushang")
        synthetic = root / "synthetic"
        synthetic.mkdir()
        generate(synthetic, offers, contacts, random.Random(42))
        measure(
            f"synthetic {offers} offers, {contacts} contacts",
            synthetic,
            root / "site-synthetic",
            runs,
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--contacts", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--aushang", action="store_true")
    arguments = parser.parse_args()
    run(arguments.offers, arguments.contacts, arguments.runs, arguments.aushang)
