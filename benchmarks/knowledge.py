"""Benchmark: load + validate a synthetic knowledge base, then search it.

Generates 10,000 offers and 2,000 contacts (plus professions, regions, Jugendämter, topics and
reporting paths) as YAML in a temporary directory, then reports:
- load + validate time (`load_knowledge`: parse, validate every entry, cross-check; wall and
  CPU time) and the search index build time, best and median of several runs;
- search latency p50/p95/p99 over 1,000 mixed queries (exact words, synonyms, prefixes,
  compounds, typos, several words, nonsense, the situation words of knowledge/situationen.yaml,
  which the base includes with its topics);
- peak RSS of the process.

Every entry carries a source URL and date as check requires since 2026-12-02; `--unsourced`
writes them as before (`quelle: synthetisch`), which costs two warnings per entry.

Usage:  .venv/bin/python benchmarks/knowledge.py [--offers 10000] [--contacts 2000] [--runs 3]
        [--unsourced]
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.knowledge.search import SearchIndex  # noqa: E402

TODAY = date(2026, 11, 23)
STAND = "2026-10-01"
SOURCE_DATE = "2026-09"
WORDS = (
    "beratung hilfe familie eltern kinder jugendliche schutz gruppe angebot sprechstunde kurs "
    "fortbildung training begleitung vermittlung therapie praevention netzwerk fachstelle dienst "
    "zentrum verein treff schule kita sport gesundheit erziehung konflikt trennung gewalt sucht "
    "medien krise entwicklung sprache bewegung ernaehrung schlaf trauma angst depression mobbing "
    "alkohol drogen cannabis spielsucht internet handy schwangerschaft baby saeugling geburt "
    "pflege wohnen armut migration inklusion behinderung"
).split()
TOPICS = {
    "sucht": ("Sucht", ["Drogen", "Alkohol", "Abhängigkeit", "Cannabis"]),
    "gewalt": ("Gewalt und sexualisierte Gewalt", ["Missbrauch", "Misshandlung"]),
    "fruehe-hilfen": ("Frühe Hilfen", ["Baby", "Säugling", "Schwangerschaft"]),
    "krisen": ("Umgang mit Krisen", ["Krise", "Notlage"]),
    "medien": ("Medienkompetenz", ["Handy", "Internet", "Cybermobbing"]),
    "entwicklung": ("Entwicklungsauffälligkeiten", ["Sprachentwicklung", "Motorik"]),
    "psyche": ("Psychische Gesundheit", ["Depression", "Angst", "Trauma"]),
    "armut": ("Armut und Existenzsicherung", ["Schulden", "Wohnungslosigkeit"]),
}
PROFESSIONS = {
    "kita": ("Kindertageseinrichtung", ["Erzieherin", "Erzieher", "Kindergarten"]),
    "tagespflege": ("Kindertagespflege", ["Tagesmutter", "Tagesvater"]),
    "schulsozialarbeit": ("Schulsozialarbeit", ["Schulsozialarbeiter"]),
    "lehrkraefte": ("Lehrkräfte", ["Lehrer", "Lehrerin"]),
    "jugendarbeit": ("Offene Kinder- und Jugendarbeit", ["Jugendzentrum"]),
    "sport": ("Sport und Übungsleitung", ["Übungsleiter", "Trainerin", "Trainer"]),
    "gesundheit": ("Ärztinnen, Ärzte und Gesundheitsberufe", ["Kinderarzt", "Ärztin"]),
    "hebammen": ("Hebammen und Familienhebammen", ["Hebamme", "Familienhebamme"]),
}


SOURCED = True  # `--unsourced`: entries as written before sources needed a URL and a date


def _notfall_source() -> str:
    """The notfall section's source lines, at its indentation."""
    if SOURCED:
        return f"quelle: https://example.org/quelle/notfall\n  quelle_datum: {SOURCE_DATE}\n"
    return "quelle: synthetisch\n"


def _common(entry_id: str) -> str:
    if SOURCED:
        return (
            f"    stand: {STAND}\n    quelle: https://example.org/quelle/{entry_id}\n"
            f"    quelle_datum: {SOURCE_DATE}\n"
        )
    return f"    stand: {STAND}\n    quelle: synthetisch\n"


def generate(directory: Path, offers: int, contacts: int, rng: random.Random) -> None:
    kreise = [f"kreis-{k}" for k in range(5)]
    municipalities = [f"gemeinde-{k}-{m}" for k in range(5) for m in range(8)]
    parts = ["berufe:\n"]
    for pid, (name, synonyms) in PROFESSIONS.items():
        parts.append(
            f"  - id: {pid}\n    name: {name}\n    synonyme: [{', '.join(synonyms)}]\n"
            f"    rechtsgrundlage: § 8a SGB VIII\n    meldeweg: weg-{pid}\n" + _common(pid)
        )
    parts.append("regionen:\n")
    for kreis in kreise:
        parts.append(f"  - id: {kreis}\n    name: Kreis {kreis}\n    art: kreis\n" + _common(kreis))
    for municipality in municipalities:
        kreis = "-".join(municipality.split("-")[:2]).replace("gemeinde", "kreis")
        parts.append(
            f"  - id: {municipality}\n    name: Gemeinde {municipality}\n    art: gemeinde\n"
            f"    teil_von: {kreis}\n    jugendamt: ja-{kreis}\n" + _common(municipality)
        )
    parts.append("jugendaemter:\n")
    for kreis in kreise:
        parts.append(
            f"  - id: ja-{kreis}\n    name: Jugendamt {kreis}\n    asd: [kontakt-0]\n"
            + _common(kreis)
        )
    parts.append("themen:\n")
    for tid, (name, synonyms) in TOPICS.items():
        parts.append(
            f"  - id: {tid}\n    name: {name}\n    synonyme: [{', '.join(synonyms)}]\n"
            + _common(tid)
        )
    parts.append("meldewege:\n")
    for pid in PROFESSIONS:
        steps = "".join(
            f"      - titel: Schritt {n} {rng.choice(WORDS)}\n"
            f"        text: {' '.join(rng.choices(WORDS, k=25))}\n"
            f"        rechtsgrundlage: § 8a Abs. 4 SGB VIII\n        beteiligte: [isef, asd]\n"
            for n in range(1, 6)
        )
        parts.append(
            f"  - id: weg-{pid}\n    titel: Meldeweg {pid}\n    kurzfassung: Kurz.\n"
            f"    rechtsgrundlage: § 8a SGB VIII\n    akut:\n      titel: Akut\n"
            f"      text: Notruf 110.\n      beteiligte: [asd]\n    schritte:\n{steps}"
            + _common(pid)
        )
    parts.append(
        "notfall:\n  text: Notruf.\n  notrufe:\n    - {id: polizei, name: Polizei, nummer: '110'}\n"
        f"  stand: {STAND}\n  {_notfall_source()}"
    )
    (directory / "stammdaten.yaml").write_text("".join(parts), encoding="utf-8")
    (directory / "situationen.yaml").write_text(
        yaml.safe_dump({"situationen": situations()}, allow_unicode=True), encoding="utf-8"
    )

    for chunk in range(0, contacts, 500):
        lines = ["kontakte:\n"]
        for n in range(chunk, min(chunk + 500, contacts)):
            region = rng.choice(municipalities + kreise)
            lines.append(
                f"  - id: kontakt-{n}\n    organisation: {rng.choice(WORDS).title()}"
                f"{rng.choice(WORDS)} {n}\n    rolle: {rng.choice(WORDS).title()}\n"
                f"    telefon: '0{rng.randint(2000, 9999)} {rng.randint(10000, 999999)}'\n"
                f"    email: stelle{n}@example.org\n    regionen: [{region}]\n"
                f"    verified: true\n" + _common(str(n))
            )
        (directory / f"kontakte-{chunk // 500}.yaml").write_text("".join(lines), encoding="utf-8")

    topic_ids = list(TOPICS)
    profession_ids = list(PROFESSIONS)
    for chunk in range(0, offers, 500):
        lines = ["angebote:\n"]
        for n in range(chunk, min(chunk + 500, offers)):
            title = f"{rng.choice(WORDS).title()}{rng.choice(WORDS)} {rng.choice(WORDS)} {n}"
            lines.append(
                f"  - id: angebot-{n}\n    titel: {title}\n    traeger: Träger {n % 300}\n"
                f"    beschreibung: {' '.join(rng.choices(WORDS, k=30))}\n"
                f"    themen: [{', '.join(rng.sample(topic_ids, 2))}]\n"
                f"    berufe: [{', '.join(rng.sample(profession_ids, 3))}]\n"
                f"    regionen: [{rng.choice(municipalities + kreise)}]\n"
                f"    kontakte: [kontakt-{rng.randrange(contacts)}]\n"
                f"    url: https://example.org/angebot/{n}\n    verified: true\n" + _common(str(n))
            )
        (directory / f"angebote-{chunk // 500}.yaml").write_text("".join(lines), encoding="utf-8")


SITUATIONS = ROOT / "knowledge" / "situationen.yaml"


def situations() -> list[dict[str, object]]:
    """The shipped situations, with only the topics the synthetic base has."""
    loaded = yaml.safe_load(SITUATIONS.read_text(encoding="utf-8"))["situationen"]
    kept = []
    for entry in loaded:
        entry.pop("anhaltspunkte", None)
        entry["themen"] = [t for t in entry["themen"] if t in TOPICS]
        entry["stand"] = STAND
        if entry["themen"]:
            kept.append(entry)
    return kept


def situation_words() -> list[str]:
    return [str(word) for entry in situations() for word in entry["woerter"]]  # type: ignore[attr-defined]


def make_queries(rng: random.Random, count: int) -> list[str]:
    words_of_situations = situation_words()
    synonyms = [s for _, values in (*TOPICS.values(), *PROFESSIONS.values()) for s in values]

    def typo(word: str) -> str:
        position = rng.randrange(1, len(word))
        return word[:position] + rng.choice("aeiouxrstn") + word[position + 1 :]

    makers = [
        lambda: rng.choice(WORDS),
        lambda: rng.choice(synonyms),
        lambda: rng.choice(WORDS)[:4],
        lambda: rng.choice(WORDS) + rng.choice(WORDS),
        lambda: typo(rng.choice([w for w in WORDS if len(w) >= 6])),
        lambda: " ".join(rng.choices(WORDS, k=3)),
        lambda: rng.choice(["xyzzy", "qwertz uiop", "blubb"]),
        lambda: f"{rng.choice(synonyms)} {rng.choice(WORDS)}",
        lambda: rng.choice(words_of_situations),
        lambda: f"{rng.choice(['Vater', 'Mutter', 'Kind'])} {rng.choice(words_of_situations)}",
    ]
    return [rng.choice(makers)() for _ in range(count)]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--contacts", type=int, default=2_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--unsourced",
        action="store_true",
        help="sources without URL and date, as before 2026-12-02: two warnings per entry",
    )
    args = parser.parse_args()
    global SOURCED
    SOURCED = not args.unsourced
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as temp:
        directory = Path(temp)
        generate(directory, args.offers, args.contacts, rng)
        size = sum(path.stat().st_size for path in directory.iterdir())
        load_times, load_cpu, index_times = [], [], []
        for _ in range(args.runs):
            started, cpu = time.perf_counter(), time.process_time()
            result = load_knowledge(directory, TODAY)
            load_times.append(time.perf_counter() - started)
            load_cpu.append(time.process_time() - cpu)
            assert result.knowledge is not None, [f.format() for f in result.errors[:5]]
            started = time.perf_counter()
            index = SearchIndex(result.knowledge)
            index_times.append(time.perf_counter() - started)

    queries = make_queries(rng, args.queries)
    municipalities = [m for m in result.knowledge.regions if m.startswith("gemeinde")]
    latencies = []
    hits = 0
    for query in queries:
        profession = rng.choice(list(PROFESSIONS))
        municipality = rng.choice(municipalities)
        started = time.perf_counter()
        found = index.search(query, profession_id=profession, municipality_id=municipality)
        latencies.append((time.perf_counter() - started) * 1000)
        hits += bool(found)

    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    print(
        f"knowledge: {args.offers} offers, {args.contacts} contacts, {size / 1e6:.1f} MB YAML, "
        f"{len(result.warnings)} warnings ({'unsourced' if args.unsourced else 'sourced'})"
    )
    print(
        f"load+validate: best {min(load_times):.2f} s, median {statistics.median(load_times):.2f} s"
        f" ({args.runs} runs); CPU time best {min(load_cpu):.2f} s (on a shared machine the"
        " wall time includes waiting for the CPU)"
    )
    print(
        f"index build: best {min(index_times):.2f} s, median {statistics.median(index_times):.2f} s"
    )
    print(
        f"search ({args.queries} queries, {hits} with results): "
        f"p50 {percentile(latencies, 0.50):.2f} ms, p95 {percentile(latencies, 0.95):.2f} ms, "
        f"p99 {percentile(latencies, 0.99):.2f} ms, max {max(latencies):.2f} ms"
    )
    print(f"peak RSS: {peak_rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
