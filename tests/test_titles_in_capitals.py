"""Titles the tagger misreads (real model): "MP" in capitals is a common noun, an entity label on
a title's place or club does not make the title a body or a name, and words joined inside a
modifier are one source."""

from __future__ import annotations

import pytest

from toolkit import analyze
from toolkit.attribution.speakers import describe


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text: str):
        a = analyze(text, nlp=nlp)
        return a.claims, a.speakers

    return _run


def _speaker_of(claims, speakers, needle: str):
    row = claims[claims["content_text"].str.contains(needle, regex=False)].iloc[0]
    return speakers[speakers["speaker_id"] == row["speaker_id"]].iloc[0]


def test_mp_in_capitals_is_a_common_noun(nlp):
    doc = nlp("Tory MPs said the vote was lost. A senior MEP agreed.")
    assert [(t.text, t.pos_, t.tag_) for t in doc if t.text in ("MPs", "MEP")] == [("MPs", "NOUN", "NNS"), ("MEP", "NOUN", "NN")]


def test_members_of_parliament_are_unnamed_office_holders_not_people_named_mps(run):
    claims, speakers = run("Vote row\nTory MPs said the vote was unfair. A senior MEP said the deal was over.")
    tory = _speaker_of(claims, speakers, "vote was unfair")
    assert (tory["kind"], tory["named"]) == ("anonymous", False)
    assert _speaker_of(claims, speakers, "deal was over")["kind"] == "anonymous"


def test_the_constituency_mp_is_the_mp_just_named(run):
    claims, speakers = run("Tory MP quits\nTory MP Jonathan Sayeed is to stand down. "
                           "The Mid-Bedfordshire MP had denied a claim that he was paid.")
    sp = _speaker_of(claims, speakers, "he was paid")
    assert (sp["name"], sp["kind"], sp["gender"]) == ("Jonathan Sayeed", "person", "male")


def test_an_epithet_with_and_inside_it_is_one_person(nlp, run):
    doc = nlp("The world 200m and 400m record holder told Five Live the sport was in trouble.")
    assert describe(doc[0:9]).plural is False
    claims, speakers = run("Sprint row\nFormer Olympic champion Michael Johnson has criticised British sprinters. "
                           "\"They lack pride,\" the world 200m and 400m record holder told Five Live.")
    assert _speaker_of(claims, speakers, "They lack pride")["name"] == "Michael Johnson"


def test_people_joined_by_and_are_still_many(nlp):
    doc = nlp("Volker and Morrison said no. The Foreign and Commonwealth Office said yes.")
    assert describe(doc[0:3]).plural is True
    assert describe(doc[6:11]).plural is False


def test_an_unambiguous_sports_position_is_a_person(run):
    claims, speakers = run("Cup tie\nEngland's Ashley Cole was booked. The England defender said the referee was wrong.")
    assert _speaker_of(claims, speakers, "referee was wrong")["name"] == "Ashley Cole"


def test_a_lead_description_joins_the_nicknamed_name_of_the_next_sentence(run):
    claims, speakers = run("Guitarist quits\nThe guitarist with US rock band Korn has quit, saying he had found religion.\n\n"
                           "Brian 'Head' Welch told a radio station that his bandmates respected his decision.")
    sp = _speaker_of(claims, speakers, "found religion")
    assert (sp["name"], sp["descriptor"]) == ("Brian 'Head' Welch", "guitarist with US rock band Korn")
