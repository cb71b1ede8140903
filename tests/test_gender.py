"""Speaker gender: the article's own signals first, a first name only as fallback, never organisations."""

from __future__ import annotations

import pytest

from toolkit import analyze
from toolkit.attribution.gender import decide, first_name_gender, word_gender


@pytest.fixture(scope="module")
def gender_of(nlp):
    def _gender(text: str, needle: str) -> tuple[str, str]:
        a = analyze(text, nlp=nlp)
        row = a.claims[a.claims["content_text"].str.contains(needle, regex=False)].iloc[0]
        sp = a.speakers[a.speakers["speaker_id"] == row["speaker_id"]].iloc[0]
        return sp["gender"], sp["gender_basis"]

    return _gender


def test_words_and_votes():
    assert word_gender("Dame") == ("female", "honorific")
    assert word_gender("chairman") == ("male", "honorific")
    assert word_gender("chair") is None and word_gender("spokesperson") is None
    assert decide([("female", "pronoun")] * 3 + [("male", "pronoun")]) == ("female", "pronoun")
    assert decide([]) == ("unknown", "none")


def test_first_names_only_when_decisive():
    assert first_name_gender("Mary") == "female"
    assert first_name_gender("John") == "male"
    assert first_name_gender("Kim") == "unknown"  # borne by women and men alike
    assert first_name_gender("Zzqxw") == "unknown"


def test_honorific_beats_the_first_name(gender_of):
    # "Jordan" would be guessed; the article says "Ms".
    assert gender_of("Ms Jordan Hale said the plan would work.", "plan would work") == ("female", "honorific")


def test_pronoun_that_follows_the_mention(gender_of):
    text = "Sam Reyes spoke to reporters on Monday.\n\nShe said the budget was too small."
    assert gender_of(text, "budget") == ("female", "pronoun")


def test_first_name_fallback(gender_of):
    assert gender_of("Jennifer Ortiz said the budget was too small.", "budget") == ("female", "first name")


def test_never_for_organisations(gender_of):
    assert gender_of("Acme Corp said the budget was too small.", "budget") == ("unknown", "none")


def test_anonymous_person_from_the_article_words(gender_of):
    assert gender_of("A young woman said the queue was too long.", "queue")[0] == "female"


def _person(name: str | None, *, full: str, votes) -> object:
    from toolkit.attribution.entities import Entity
    from toolkit.attribution.speakers import MentionInfo

    info = MentionInfo("person", True, full, None, None, False, full.split()[-1].lower(), False, frozenset())
    return Entity(infos=[info], name=name, votes=list(votes))


def test_pronouns_against_a_decisive_first_name_prove_nothing():
    from toolkit.attribution.records import speaker_gender

    # "She" tied to Donald Trump by a coreference slip must not make him a woman ...
    assert speaker_gender(_person("Donald Trump", full="Donald Trump", votes=[("female", "pronoun")] * 3)) == ("unknown", "none")
    # ... while pronouns that agree, an honorific, or a first name that decides nothing still count.
    assert speaker_gender(_person("Donald Trump", full="Donald Trump", votes=[("male", "pronoun")])) == ("male", "pronoun")
    assert speaker_gender(_person("Kim Lee", full="Kim Lee", votes=[("female", "pronoun")] * 2)) == ("female", "pronoun")
    assert speaker_gender(_person("Jordan Hale", full="Jordan Hale", votes=[("female", "honorific")])) == ("female", "honorific")


def test_first_name_fallback_for_a_name_read_from_the_mention():
    from toolkit.attribution.records import speaker_gender

    # No personal name recorded on the entity, only its mention ("James Hansen, a climate scientist").
    assert speaker_gender(_person(None, full="James Hansen", votes=[])) == ("male", "first name")
    assert speaker_gender(_person(None, full="Hansen", votes=[])) == ("unknown", "none")
