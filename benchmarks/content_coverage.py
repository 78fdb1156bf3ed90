"""Answer quality of the content: for each topic × municipality, how many real offers a person
can reach (a phone number or a web address), local and supra-regional counted apart.

Real means: not an example, not the network's own meetings (`netzwerk: true`, or an id given
with --umbrella for a knowledge base from before that field existed).

    .venv/bin/python benchmarks/content_coverage.py                 # the shipped knowledge/
    .venv/bin/python benchmarks/content_coverage.py --rev c92dd5b   # knowledge/ at a commit

For an old commit the knowledge base is exported with `git archive`; source URLs that today's
`check` refuses (mirrors, other regions) are replaced by a note before loading, since they
change no count. Results are recorded in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.knowledge.base import KnowledgeBase  # noqa: E402
from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.knowledge.models import Offer  # noqa: E402
from bot.knowledge.sources import REFUSED_HOSTS  # noqa: E402
from bot.services.content_gaps import is_supra_regional, municipalities, reachable  # noqa: E402

# The network's own entries in the knowledge base before `netzwerk: true` existed.
OLD_UMBRELLA = ("netzwerktreffen-lev", "fachveranstaltungen-vie", "nik-netzwerk")


def export(rev: str, target: Path) -> Path:
    archive = subprocess.run(  # noqa: S603 - fixed git command on our own repository
        ["git", "-C", str(ROOT), "archive", rev, "knowledge"],  # noqa: S607
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    refused = re.compile(
        r"https?://(?:[\w-]+\.)*(?:" + "|".join(re.escape(h) for h in REFUSED_HOSTS) + r")\S*"
    )
    for path in (target / "knowledge").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(refused.sub("entfernt (unzulaessige Quelle)", text), encoding="utf-8")
    return target / "knowledge"


def counts(knowledge: KnowledgeBase, offer: Offer, umbrella: set[str]) -> bool:
    return (
        not offer.example
        and not offer.network
        and offer.id not in umbrella
        and reachable(knowledge, offer)
    )


def table(knowledge: KnowledgeBase, umbrella: set[str]) -> str:
    topics = sorted(knowledge.topics.values(), key=lambda t: t.name.lower())
    header = "| Ort | " + " | ".join(t.name for t in topics) + " |"
    lines = [header, "|" + "---|" * (len(topics) + 1)]
    empty = 0
    for municipality_id, name in municipalities(knowledge):
        cells = []
        for topic in topics:
            offers = [
                o
                for o in knowledge.offers_for(None, municipality_id, topic.id)
                if counts(knowledge, o, umbrella)
            ]
            supra = sum(1 for o in offers if is_supra_regional(knowledge, o))
            local = len(offers) - supra
            empty += local == 0
            cells.append(f"{local} / {supra}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"cells without a local offer: {empty} of {len(topics) * len(lines[2:-1])}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", help="a commit whose knowledge/ to count")
    parser.add_argument("--umbrella", default=",".join(OLD_UMBRELLA))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        directory = export(args.rev, Path(temp)) if args.rev else ROOT / "knowledge"
        result = load_knowledge(directory, date(2026, 12, 2))
        if result.knowledge is None:
            print("\n".join(f.format() for f in result.errors[:20]))
            return 1
        umbrella = {u for u in args.umbrella.split(",") if u}
        print(f"knowledge {args.rev or 'working tree'} (local / supra-regional)")
        print(table(result.knowledge, umbrella))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
