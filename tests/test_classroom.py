"""The student's cards: enough context to answer, denials asked the right question, readable words."""

from __future__ import annotations

import re
from html import unescape

import pandas as pd
import pytest
import textstat
from widget_analysis import claim_row, sentence_rows

from toolkit.analysis import Analysis
from toolkit.types import frame
from toolkit.widgets.answers import (
    DENIAL_QUESTION,
    QUESTIONS,
    answer_key,
    question_text,
    quote,
    why,
)
from toolkit.widgets.classroom import exercise

TEXT = (
    "Town denies flood claim\n"
    "The river will flood the town, engineers said. Later the mayor said the river will flood the town.\n"
    "\u201cThat is false,\u201d the council said.\n"
    "Roads were closed, a report noted."
)
# The reading grade every string a student reads must stay within (issue 15: a 14-year-old).
MAX_GRADE = 8


def _analysis() -> Analysis:
    t = TEXT
    second = t.index("the river will flood")
    claims = [
        claim_row(t, "t", 0, speaker="engineers", speaker_id=0, name="engineers", kind="vague", cue="said",
                  content="The river will flood the town", quote_type="indirect"),
        claim_row(t, "t", 1, speaker="the mayor", speaker_id=1, name="the mayor", kind="person", cue="said",
                  cue_after=second - 6, content="the river will flood the town", quote_type="indirect"),
        claim_row(t, "t", 2, speaker="the council", speaker_id=2, name="the council", kind="organization",
                  cue="said", cue_after=t.index("the council"), content="That is false", quote_type="direct",
                  stance="deny"),
        claim_row(t, "t", 3, speaker="Town", speaker_id=3, name="Town", kind="organization", cue="denies",
                  content="claim", quote_type="indirect", stance="deny"),
    ]
    claims[1].update(content_start=second, content_end=second + len("the river will flood the town"))
    claims[1]["content_spans"] = [[claims[1]["content_start"], claims[1]["content_end"]]]
    return Analysis({
        "articles": frame([{"article_id": "t", "text": t, "title": "Town denies flood claim"}], "articles"),
        "sentences": frame(sentence_rows(t, "t"), "sentences"),
        "claims": frame(claims, "claims"),
        # The council denies the engineers only; the mayor said the same words.
        "links": frame([{"article_id": "t", "claim_id": 2, "target_claim_id": 0, "relation": "denies", "score": 0.8},
                        {"article_id": "t", "claim_id": 3, "target_claim_id": 0, "relation": "denies",
                         "score": 0.5}], "links"),
    })


@pytest.fixture()
def key() -> pd.DataFrame:
    return answer_key(_analysis(), "t").set_index("claim_id")


def test_the_claim_is_shown_inside_its_paragraph(key):
    excerpt = key.loc[0, "excerpt_html"]
    # The whole paragraph (both sentences), not the next one.
    assert excerpt.startswith("<mark>The river will flood the town</mark>, engineers said. Later the mayor")
    assert excerpt.endswith("flood the town.") and "council" not in excerpt


def test_a_one_word_content_is_marked_with_its_verb(key):
    marked = re.findall(r"<mark>(.*?)</mark>", key.loc[3, "excerpt_html"])
    assert marked == ["denies flood claim"] and "<mark>Town" not in key.loc[3, "excerpt_html"]


def test_the_same_words_get_the_same_answer(key):
    assert key.loc[0, "denied"] == key.loc[1, "denied"] == "yes"
    assert key.loc[1, "denied_by"] == ["the council", "Town"]


def test_denied_is_explained_by_quoting_the_denial(key):
    text = why("denied", key.loc[1])
    assert "denied in the article by \u201cthe council\u201d and \u201cTown\u201d" in text
    assert "\u2018That is false,\u2019 the council said" in text  # the denying words, quoted once


def test_a_denial_is_labelled_and_asked_what_it_denies(key):
    assert key.loc[2, "denial"] and key.loc[3, "denial"] and not key.loc[0, "denial"]
    assert question_text("denied", key.loc[2]) == DENIAL_QUESTION
    assert question_text("denied", key.loc[0]) == QUESTIONS["denied"]
    assert key.loc[2, "denied"] == "yes"
    explained = why("denied", key.loc[2])
    assert explained.startswith("It denies another claim.") and "The river will flood the town" in explained
    assert "Nobody" not in explained
    ui, state = exercise(_analysis(), "t")
    card = ui.cards[2].children[0].value
    assert "This claim is a denial." in card and DENIAL_QUESTION in ui.cards[2].children[4].children[0].value
    assert "This claim is a denial." not in ui.cards[0].children[0].value
    ui.questions[2]["denied"].value = "yes"
    assert state.score == 1


def test_claims_are_numbered_from_one(key):
    ui, _ = exercise(_analysis(), "t")
    assert [label for label, _ in ui.picker.options] == ["Claim 1", "Claim 2", "Claim 3", "Claim 4"]
    assert "<h4>Claim 1 " in ui.cards[0].children[0].value


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ('"by the back door"', 8, "\u201cby the back door\u201d"),
        ("\u201cIt is fine,\u201d she said.", 8, "\u201c\u2018It is fine,\u2019 she said\u201d"),
        ("a partnership of equals, they said", 2, "\u201ca partnership\u2026\u201d"),
        ("that the plan failed", 8, "\u201cthe plan failed\u201d"),
    ],
)
def test_quotes_cut_at_words_and_never_nest(text, words, expected):
    assert quote(text, words=words) == expected


def _student_strings(analysis: Analysis, article_id: str) -> list[str]:
    """Every sentence of ours a student reads on the cards: questions, feedback, labels, buttons."""
    ui, _ = exercise(analysis, article_id)
    key = answer_key(analysis, article_id)
    shown = []
    for rec in key.to_dict("records"):
        row = pd.Series(rec)
        shown += [question_text(q, rec) for q in QUESTIONS] + [why(q, row) for q in QUESTIONS]
    for card in ui.cards.values():
        head = re.sub(r"<blockquote.*?</blockquote>", "", card.children[0].value, flags=re.S)
        shown += [unescape(re.sub(r"<[^>]+>", " ", head))]
    # Button labels are names, not sentences: Flesch-Kincaid says nothing about them.
    shown += ["Type your name at the top, so your answers are saved."]
    return [" ".join(s.split()) for s in shown if s.strip()]


def test_every_string_a_student_reads_is_easy_to_read(seed_analysis):
    strings = _student_strings(seed_analysis, "russia-china-drones") + _student_strings(_analysis(), "t")
    hard = sorted({(textstat.flesch_kincaid_grade(s), s) for s in strings if textstat.flesch_kincaid_grade(s) > MAX_GRADE})
    assert not hard, hard
    # The check can fail: a long sentence of hard words is over the line.
    assert textstat.flesch_kincaid_grade(
        "Notwithstanding considerable methodological heterogeneity, the investigators' conclusions remain "
        "substantially uncorroborated by independent verification.") > MAX_GRADE
    for s in strings:
        assert not re.search(r"[\u201c\"]\s*[\u201c\"]", s), s  # never quoted twice


def test_a_pronoun_tied_to_no_one_is_offered_as_written_not_as_a_code(nlp):
    import toolkit

    analysis = toolkit.analyze(["Storm\n\nHe said the bridge would fall. The mayor said roads would close."],
                               nlp=nlp, progress=False)
    aid = str(analysis.articles["article_id"][0])
    key = answer_key(analysis, aid)
    assert "he (never named)" in set(key["source"]), key["source"].tolist()
    assert not key["source"].str.contains("unresolved").any()
    for _, row in key.iterrows():
        assert "unresolved" not in why("source", row) + why("anonymity", row)
    widget, _ = exercise(analysis, aid)
    assert "unresolved" not in repr(widget)
