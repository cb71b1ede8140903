import spacy

from toolkit.nlp import ensure_pipeline
from toolkit.structure import sentences_from_doc, split_lines


def roles(text: str) -> list[str]:
    return [line.role for line in split_lines(text)]


def test_seed_roles(seed_text, gold):
    lines = split_lines(seed_text)
    by_text = {seed_text[ln.start : ln.end]: ln.role for ln in lines}
    assert lines[0].role == "headline"
    assert lines[1].role == "standfirst"
    for line, role in gold["roles"].items():
        if not line.startswith("line "):
            assert by_text[line] == role, line
    assert [ln.role for ln in lines].count("subhead") == 2
    assert [ln.role for ln in lines].count("credit") == 1
    assert sum(ln.role == "body" for ln in lines) == len(lines) - 5


def test_credit_and_byline_lines():
    text = "Title here\nBy Jane Doe\nFirst paragraph says a lot of things here.\n(Reuters)"
    assert roles(text) == ["headline", "byline", "body", "credit"]
    assert roles("T\nBody one is a sentence.\nWith inputs from PTI")[-1] == "credit"
    assert roles("T\nBody one is long enough.\nReporting by Jane Doe; Editing by Tom Roe")[-1] == "credit"


def test_body_second_line_with_period_is_not_standfirst():
    text = "Headline\n\nQuarterly profits at the firm jumped 76% to $1.13bn for the quarter.\n\nMore text here."
    assert roles(text) == ["headline", "body", "body"]


def test_subhead_needs_following_longer_line():
    text = "Head\nA body paragraph of a decent length goes here.\nShort line\nAnother body paragraph that is long."
    assert roles(text) == ["headline", "body", "subhead", "body"]


def test_sentences_never_cross_lines_and_slice_exactly():
    nlp = ensure_pipeline(spacy.blank("en"))
    text = "Headline without stop\nStandfirst line also without stop\n  Body. More body.  \n\n(AP)"
    sents = sentences_from_doc(nlp(text), "x")
    for s in sents:
        assert text[s.start : s.end] == s.text
        assert "\n" not in s.text
    assert [s.text for s in sents][:2] == ["Headline without stop", "Standfirst line also without stop"]
    assert sents[-1].role == "credit"


def test_real_model_keeps_headline_apart(seed_analysis, seed_text):
    s = seed_analysis.sentences
    assert s.loc[0, "text"] == seed_text.splitlines()[0]
    assert s.loc[1, "role"] == "standfirst"
    for row in s.itertuples():
        assert seed_text[row.start : row.end] == row.text
    assert s["sentence_id"].tolist() == list(range(len(s)))
    assert (s["n_tokens"] > 0).all()
    assert s[s.role == "subhead"]["text"].tolist() == ["Appeal to China", "Not true, says Russia"]
    assert s.iloc[-1]["role"] == "credit"


def test_invisible_characters_are_split_off_words():
    nlp = ensure_pipeline(spacy.blank("en"))
    doc = nlp("He wants to.\u200b\u201d The move will\u2060 help.")
    assert "to.\u200b" not in [t.text for t in doc]
    assert "." in [t.text for t in doc]
    assert doc.text == "He wants to.\u200b\u201d The move will\u2060 help."
