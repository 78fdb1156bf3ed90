"""The YAML reader keeps text as typed and knows the line of every value."""

from __future__ import annotations

import pytest
import yaml

from bot.knowledge import yaml_source
from bot.knowledge.checks import PLACEHOLDER
from bot.knowledge.yaml_source import parse_yaml


def test_plain_scalars_stay_text_as_typed() -> None:
    document = parse_yaml(
        "land: NO\nschalter: on\nvorwahl: 0221\nnummer: 0800 19 210 00\n"
        "zahl: 12\nleer:\nnichts: ~\n"
    )
    assert document.problems == []
    assert document.data == {
        "land": "NO",
        "schalter": "on",
        "vorwahl": "0221",
        "nummer": "0800 19 210 00",
        "zahl": "12",
        "leer": None,
        "nichts": None,
    }


def test_quoted_null_word_is_text() -> None:
    assert parse_yaml('wert: "null"\n').data == {"wert": "null"}


def test_lines_are_recorded_for_nested_paths() -> None:
    document = parse_yaml(
        "angebote:\n  - id: a\n    titel: A\n  - id: b\n    kontakte:\n      - x\n"
    )
    assert document.line_of(("angebote", 0, "titel")) == 3
    assert document.line_of(("angebote", 1, "kontakte", 0)) == 6
    # A missing key falls back to the nearest known parent.
    assert document.line_of(("angebote", 1, "fehlt")) == 4


def test_syntax_error_reports_its_line() -> None:
    document = parse_yaml("angebote:\n  - id: a\n    titel: [offen\n  - id: b\n")
    assert document.data is None
    assert len(document.problems) == 1
    assert document.problems[0].line >= 3
    assert "YAML-Syntaxfehler" in document.problems[0].message


def test_python_tags_are_refused_not_constructed() -> None:
    document = parse_yaml("x: !!python/object/apply:os.system ['echo boom']\n")
    assert document.data == {"x": None}
    assert "unerlaubtes YAML-Tag" in document.problems[0].message


def test_aliases_are_refused() -> None:
    document = parse_yaml("a: &anker [1, 2]\nb: *anker\n")
    assert document.problems[0].line == 2
    assert "Anker" in document.problems[0].message


def test_merge_keys_are_refused() -> None:
    document = parse_yaml("basis: {a: 1}\nx:\n  <<: {a: 2}\n")
    assert any("'<<'" in p.message for p in document.problems)


def test_duplicate_keys_name_both_lines() -> None:
    document = parse_yaml("id: a\ntitel: eins\ntitel: zwei\n")
    assert document.data == {"id": "a", "titel": "eins"}
    assert document.problems[0].line == 3
    assert "Zeile 2 und 3" in document.problems[0].message


def test_several_documents_are_a_syntax_error() -> None:
    document = parse_yaml("a: 1\n---\nb: 2\n")
    assert document.problems and "YAML-Syntaxfehler" in document.problems[0].message


TRICKY = """\
angebote:
  - id: eins
    # quelle: a comment is no key
    beschreibung: >-
      Text mit quelle: im Fließtext
    quelle: https://example.org
  - {id: zwei, quelle: https://example.org}
  - id: drei
    "quelle": https://example.org
  -
    id: vier
    quelle: https://example.org
  - id: fuenf
    woerter: [a,
      b]

    stand: 2026-12-02
kontakte:
  - id: sechs
"""


def test_a_fields_line_noted_while_building_is_the_line_of_its_node() -> None:
    """`field_line` (key lines noted while building, so findings need no second parse) says
    what `line_of` says for every field of every entry, also after the tree is released."""
    document = parse_yaml(TRICKY)
    expected = {
        (section, index, key): document.line_of((section, index, key))
        for section, entries in document.data.items()
        for index, entry in enumerate(entries)
        for key in [*entry, "quelle", "gibt-es-nicht"]
    }
    starts = {
        (section, index): document.line_of((section, index)) for section, index, _ in expected
    }
    document.release()
    for (section, index, key), line in expected.items():
        assert document.field_line(starts[section, index], key) == line, (section, index, key)
    assert document.field_line(2, "quelle") == 6
    assert document.field_line(2, "fehlt") == 2  # missing: the entry's line, as line_of says
    assert document.field_line(7, "quelle") == 7  # flow style
    assert document.field_line(8, "quelle") == 9  # a quoted key
    assert document.field_line(13, "stand") == 17  # past a blank line and a flow list
    assert document.field_line(3, "quelle") is None  # no entry starts there: line_of decides


@pytest.mark.parametrize(
    "text",
    [
        TRICKY,
        TRICKY + "notiz: &a x\nnoch: *a\n",  # an alias: the careful build reports it
        TRICKY.replace("https://example.org", "TODO", 1),  # a placeholder, flagged
        TRICKY.replace("Text mit", 'Text "mit\\u0020"', 1),  # an escape
        "angebote:\n  - id: a\n    id: b\n",  # a duplicate key
        "angebote:\n  - !!python/object:os.system {id: a}\n",  # a tag
    ],
)
def test_the_quick_build_gives_what_the_careful_one_gives(text: str) -> None:
    """The quick build (no paths, no alias bookkeeping) runs only where the careful builder
    would report nothing: same data, problems, flags and key lines either way."""
    quick = parse_yaml(text, PLACEHOLDER)
    careful = yaml_source.SourceDocument(data=None, text=text)
    root = yaml.compose(text, Loader=yaml_source._TextLoader)
    careful.data = yaml_source._Builder(careful, PLACEHOLDER).build(root, ())
    assert quick.data == careful.data
    assert quick.problems == careful.problems
    assert quick.flagged == careful.flagged
    assert quick.entry_keys == careful.entry_keys
