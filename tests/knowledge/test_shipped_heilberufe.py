"""The shipped path for physicians and midwives states the KJSG duty of § 4 Abs. 3 Satz 3 KKG.

Since the KJSG (in force 10.06.2021) persons under § 4 Abs. 1 Nr. 1 KKG (Ärztinnen, Ärzte,
Zahnärzte, Hebammen, other Heilberufe) should inform the Jugendamt without delay when, in their
own assessment, a dringende Gefahr requires the Jugendamt to act. A path that only says
"befugt – nicht verpflichtet" after the talk with the parents would be legally wrong for them.
"""

from __future__ import annotations

import pytest

from bot.knowledge.base import KnowledgeBase

REFERENCE = "§ 4 Abs. 3 Satz 3 KKG"


@pytest.mark.parametrize("profession_id", ["gesundheit", "hebammen"])
def test_heilberufe_path_states_the_duty_with_a_source(
    shipped: KnowledgeBase, profession_id: str
) -> None:
    path = shipped.meldeweg_for(profession_id)
    assert path is not None, profession_id
    texts = [path.summary, path.acute.text, *path.legal_basis]
    for step in path.steps:
        texts += [step.text, step.legal_reference]
    assert any(REFERENCE in text for text in texts), path.id
    # the acute box is what a physician reads first: it must carry the exception itself
    assert REFERENCE in path.acute.text
    assert "unverzüglich" in path.acute.text
    assert any(source.startswith(("https://", "http://")) for source in path.sources)
