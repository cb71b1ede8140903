"""Checks that only state what is true (issue 12): synthetic articles with known answers."""

from __future__ import annotations

import json

import pytest
from literacy_case import Case

from toolkit.literacy.links import link_claims
from toolkit.literacy.quoted import QuotedText, quoted_spans
from toolkit.literacy.voices import UNIDENTIFIED, accusation_target
from toolkit.types import frame

# -- wire credits anywhere -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Markets fall\nStocks fell sharply on Monday as traders sold.\n© Thomson Reuters 2020", "Reuters"),
        ("Markets fall\nStocks fell sharply on Monday. (AP)", "AP"),
        ("Markets fall\nStocks fell sharply on Monday as traders sold. — Reuters", "Reuters"),
        ("Talks open\nSEOUL, Aug. 20 (Yonhap) -- The two Koreas opened talks on Tuesday.", "Yonhap"),
        ("Talks open\nThe two Koreas opened talks on Tuesday.\nAFP contributed to this report.", "AFP"),
        ("Talks open\nThe two Koreas opened talks on Tuesday.\nReporting by Reuters staff; Editing by Ann Lee", "Reuters"),
        ("Talks open\nThe talks began.\nCopyright 2021 The Associated Press. All rights reserved.", "Associated Press"),
    ],
)
def test_a_wire_credit_anywhere_counts(text, agency):
    table = Case(text).checks()
    assert table.loc["wire_credit_named", "value"] == 1.0
    assert agency in json.loads(table.loc["wire_credit_named", "detail"])
    assert "No news agency" not in table.loc["wire_credit_named", "explanation"]


def test_agency_in_prose_is_a_source_not_a_credit_and_no_credit_is_hedged():
    table = Case("Oil falls\nOil fell after sources told Reuters that talks had stalled.").checks()
    assert table.loc["wire_credit_named", "value"] == 0.0
    assert table.loc["wire_credit_named", "explanation"].startswith("The toolkit found no")


def test_unnamed_agency_inputs():
    table = Case("Storm hits\nThe storm hit the town on Monday.\n(With agency inputs)").checks()
    assert table.loc["wire_credit_unnamed", "value"] == 1.0
    assert table.loc["wire_credit_named", "value"] == 0.0


# -- words inside any quotation are never the reporter's -----------------------------------------


def test_quoted_spans_cover_a_quote_closed_only_in_its_last_paragraph():
    text = 'The spokesman said:\n“We will win, of course.\nThe rest is detail.”\nThe vote is on Monday.'
    spans = [text[s:e] for s, e in quoted_spans(text)]
    assert spans == ["“We will win, of course.\nThe rest is detail.”"]
    assert not QuotedText(text).inside(text.index("The vote"), len(text))


def test_certainty_word_inside_a_multi_paragraph_quote_is_not_the_reporters():
    text = (
        "Plant to close\n"
        "A company spokesman, Tom Reyes, said: “The plant will close in May.\n"
        "“Of course we regret it, and the workers will clearly get help.\n"
        "“We have no other choice.”\n"
        "The plant opened in 1980."
    )
    case = Case(text)
    case.speaker("Tom Reyes", "person")
    case.claim("The plant will close in May.", speaker="Tom Reyes", quote_type="direct")  # only the first paragraph
    claims, markers, _, checks = case.run()
    table = frame(checks, "checks").set_index("check")
    boosters = [m for m in markers if m.kind == "booster"]
    assert {m.text.lower() for m in boosters} == {"of course", "clearly"}
    assert all(m.inside_content for m in boosters)
    assert table.loc["boosters_outside_quotes", "value"] == 0
    assert "calls things certain" not in table.loc["boosters_outside_quotes", "explanation"]


def test_certainty_word_after_an_unmarked_continuation_paragraph_is_not_the_reporters():
    text = 'Plant to close\nTom Reyes said: “The plant will close.\nOf course we regret it.”\nThe plant opened in 1980.'
    case = Case(text)
    case.speaker("Tom Reyes", "person")
    case.claim("The plant will close.", speaker="Tom Reyes", quote_type="direct")
    table = case.checks()
    assert table.loc["boosters_outside_quotes", "value"] == 0


def test_the_reporters_own_certainty_word_still_counts():
    table = Case("Plant to close\nThe plant will clearly close in May, ending 40 years of work.").checks()
    assert json.loads(table.loc["boosters_outside_quotes", "detail"]) == ["clearly"]


def test_cueless_quote_is_not_reporter_vague_wording_or_assertion():
    text = (
        "Budget row\n"
        "The finance minister, Ana Ruiz, defended the budget on Monday.\n"
        "“Many experts think the budget is the best in 20 years, and some say it saved 3,000 jobs.”"
    )
    table = Case(text).checks()
    assert all("Many experts" not in s for s in json.loads(table.loc["weasel_sentences", "detail"]))
    assert all("Many experts" not in s for s in json.loads(table.loc["unattributed_assertions", "detail"]))


# -- admissions: whose conduct ---------------------------------------------------------------------


def test_acknowledging_someone_elses_conduct_is_no_confession(nlp):
    text = "Prison review\nDirector Ann Hale acknowledged that the prison guards had failed to check the cells."
    case = Case(text, nlp)
    case.speaker("Director Ann Hale", "person")
    case.claim("the prison guards had failed to check the cells", speaker="Director Ann Hale", cue="acknowledged", lemma="acknowledge")
    claims, _, _, checks = case.run()
    table = frame(checks, "checks").set_index("check")
    assert claims[0].cue_stance == "endorsing"
    assert table.loc["guilt_cues", "value"] == 0
    assert "guilt_cues" not in claims[0].flags


def test_admitting_ones_own_conduct_stays_a_guilt_cue(nlp):
    text = "Prison review\nThe guard Tom Pike admitted that he had fallen asleep on duty."
    case = Case(text, nlp)
    case.speaker("Tom Pike", "person")
    case.claim("he had fallen asleep on duty", speaker="Tom Pike", cue="admitted", lemma="admit")
    assert case.checks().loc["guilt_cues", "value"] == 1


# -- accusations -------------------------------------------------------------------------------------


def test_passive_accusation_in_headline_names_no_accuser():
    text = "Mark Meadows accused of timing retirement\nMark Meadows will retire in March, his office said."
    case = Case(text)
    case.speaker("Mark Meadows", "person")
    case.speaker("his office", "organization")
    case.claim("timing retirement", speaker="Mark Meadows", cue="accused", lemma="accuse", stance="accuse")
    case.claim("Mark Meadows will retire in March", speaker="his office", after=text.index("\n"))
    rows = json.loads(case.checks().loc["accusations", "detail"])
    assert len(rows) == 1
    assert rows[0].startswith("nobody named:") and rows[0].endswith("(against Mark Meadows)")


def test_passive_with_an_agent_is_the_agents_accusation():
    t = "Mark Meadows was accused by Ann Lee of lying"
    from toolkit.types import Claim

    c = Claim("a", 0, 0, 0, "Mark Meadows", 0, 12, "accused", 17, 24, "accuse", "lying", 39, 44, ((39, 44),), "indirect", "accuse")
    assert t[17:24] == "accused"
    assert accusation_target(t, c) is None


def test_blaming_a_thing_accuses_nobody(nlp):
    text = "Sales fall\nThe firm blamed a weaker dollar for its lower sales. Ann Lee accused the board of lying."
    case = Case(text, nlp)
    case.speaker("The firm", "organization")
    case.speaker("Ann Lee", "person")
    case.claim("a weaker dollar for its lower sales", speaker="The firm", cue="blamed", lemma="blame")
    case.claim("the board of lying", speaker="Ann Lee", cue="accused", lemma="accuse", stance="accuse")
    rows = json.loads(case.checks().loc["accusations", "detail"])
    assert [r.split(":")[0] for r in rows] == ["Ann Lee"]


def test_an_accusing_verb_with_no_one_to_accuse_is_no_accusation(nlp):
    # the extractor gives these the cue's own stance, "accuse": the check must still ask for a target
    text = ("Whale found\nThieves attacked a stranded whale with an axe. The firm blamed a weaker dollar. "
            "Critics attacked him over the delay.")
    case = Case(text, nlp)
    for name, kind in (("Thieves", "vague"), ("The firm", "organization"), ("Critics", "vague")):
        case.speaker(name, kind)
    case.claim("a stranded whale", speaker="Thieves", cue="attacked", lemma="attack", stance="accuse")
    case.claim("a weaker dollar", speaker="The firm", cue="blamed", lemma="blame", stance="accuse")
    case.claim("him over the delay", speaker="Critics", cue="attacked", lemma="attack", stance="accuse")
    rows = json.loads(case.checks().loc["accusations", "detail"])
    assert [r.split(":")[0] for r in rows] == ["Critics"]


def test_physical_attacks_and_fees_are_not_accusations_on_a_real_parse(nlp):
    from toolkit import analyze

    text = ("Museum raided\n\nThieves attacked the gallery with hammers on Monday, police said. "
            "The council will let universities charge fees of up to 9,000 pounds.\n\n"
            "Ann Lee, the mayor, accused the council of ignoring the warnings.")
    a = analyze(text, nlp=nlp)
    rows = json.loads(a.checks.set_index("check").loc["accusations", "detail"])
    assert [r.split(":")[0] for r in rows] == ["Ann Lee"]


def test_no_accusation_found_is_said_as_what_the_toolkit_found():
    table = Case("Storm hits\nThe storm hit the town on Monday.").checks()
    assert table.loc["accusations", "explanation"].startswith("The toolkit found no")


# -- headline stated as fact -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headline",
    [
        "Russia asked China for drones, official says",
        "Russia asked China for drones: Peskov",
        "Did Russia ask China for drones?",
        "Peskov says Russia asked China for drones",
        "Russia ‘asked China for drones’",
    ],
)
def test_attributed_or_questioning_headline_is_not_stated_as_fact(nlp, headline):
    text = f"{headline}\nRussia reportedly asked China for drones, officials said."
    case = Case(text, nlp)
    case.speaker("officials", "anonymous", named=False)
    case.claim("Russia reportedly asked China for drones", speaker="officials", hedges=("reportedly",), anonymous=True,
               after=text.index("\n"))
    assert case.checks().loc["headline_stated_as_fact", "value"] == 0


# -- who is named ------------------------------------------------------------------------------------


def test_unresolved_pronoun_is_never_named():
    text = "Vote\nHe said the vote was rigged. Anna Petrova said the vote was fair."
    case = Case(text)
    case.speaker("He", "person", named=False, resolved=False)
    case.speaker("Anna Petrova", "person")
    case.claim("the vote was rigged", speaker="He")
    case.claim("the vote was fair", speaker="Anna Petrova", after=text.index("Anna"))
    table = case.checks()
    assert json.loads(table.loc["first_last_word", "detail"]) == [UNIDENTIFIED, "Anna Petrova"]
    assert table.loc["first_last_word", "value"] == 0.0
    assert "He " not in table.loc["voice_balance", "explanation"]
    # the sentence says what could not be placed, never that the speaker is unnamed
    said = table.loc["first_last_word", "explanation"]
    assert "could not tie the first speaker to a name" in said and "Anna Petrova has the last word" in said
    assert "unnamed speaker has" not in said.lower()


def test_pronoun_named_speaker_is_unidentified_even_when_marked_resolved():
    text = "Vote\nHe said the vote was rigged."
    case = Case(text)
    case.speaker("he", "person", named=False)
    case.claim("the vote was rigged", speaker="He", speaker_name="he")
    assert json.loads(case.checks().loc["first_last_word", "detail"]) == [UNIDENTIFIED, UNIDENTIFIED]


def test_headline_claim_never_gets_the_first_word():
    text = "Coronavirus: New York ramps up testing\nAnna Petrova said testing doubled. Boris Ivanov said it was late."
    case = Case(text)
    case.speaker("Coronavirus", "unknown", named=False)
    case.speaker("Anna Petrova", "person")
    case.speaker("Boris Ivanov", "person")
    case.claim("New York ramps up testing", speaker="Coronavirus")
    case.claim("testing doubled", speaker="Anna Petrova", after=text.index("\n"))
    case.claim("it was late", speaker="Boris Ivanov", after=text.index("Boris"))
    assert json.loads(case.checks().loc["first_last_word", "detail"]) == ["Anna Petrova", "Boris Ivanov"]


def test_the_accused_of_an_agentless_accusation_never_gets_the_first_word():
    text = "Awards\nThe Passion, a film accused of being biased, got two nods. Anna Petrova said it was fair. Boris Ivanov said it was late."
    case = Case(text)
    case.speaker("a film", "unknown", named=False)
    case.speaker("Anna Petrova", "person")
    case.speaker("Boris Ivanov", "person")
    case.claim("being biased", speaker="a film", cue="accused", lemma="accuse", stance="accuse")
    case.claim("it was fair", speaker="Anna Petrova")
    case.claim("it was late", speaker="Boris Ivanov", after=text.index("Boris"))
    table = case.checks()
    assert json.loads(table.loc["first_last_word", "detail"]) == ["Anna Petrova", "Boris Ivanov"]
    assert "a film" not in table.loc["voice_balance", "detail"]


def test_initials_in_capitals_name_a_body_not_a_pronoun(nlp):
    from toolkit import analyze

    a = analyze('Plague case found\n\nUntreated plague is "always fatal", says WHO.', nlp=nlp)
    sp = a.speakers.iloc[0]
    assert (sp["name"], sp["kind"]) == ("WHO", "organization")
    assert json.loads(a.checks.set_index("check").loc["first_last_word", "detail"]) == ["WHO", "WHO"]


def test_one_person_under_two_records_is_one_voice_by_speaker_key():
    text = "Vote\nTony Blair said aa. Mr Blair said bb. Ann Lee said cc."
    case = Case(text)
    case.speaker("Tony Blair", "person", speaker_key="tony blair")
    case.speaker("Mr Blair", "person", speaker_key="tony blair")
    case.speaker("Ann Lee", "person")
    after = 0
    for who, what in (("Tony Blair", "aa"), ("Mr Blair", "bb"), ("Ann Lee", "cc")):
        after = text.index(f"{who} said {what}", after)
        case.claim(what, speaker=who, after=after)
    table = case.checks()
    assert table.loc["voice_balance", "value"] == pytest.approx(2 / 3, abs=1e-3)
    assert table.loc["voice_balance", "explanation"].startswith("Tony Blair has the most claims: 2 of 3")


def test_tie_names_no_single_leader():
    text = "Vote\nAnna Petrova said A. Boris Ivanov said B."
    case = Case(text)
    case.speaker("Anna Petrova", "person")
    case.speaker("Boris Ivanov", "person")
    case.claim("A", speaker="Anna Petrova")
    case.claim("B", speaker="Boris Ivanov", after=text.index("Boris"))
    explanation = case.checks().loc["voice_balance", "explanation"]
    assert explanation.startswith("No single voice leads")
    assert "has the most claims" not in explanation


def test_unidentified_claims_that_could_change_the_lead_are_said():
    text = "Vote\nAnna Petrova said A. Anna Petrova said B. He said C. Boris Ivanov said D."
    case = Case(text)
    case.speaker("Anna Petrova", "person")
    case.speaker("He", "person", named=False, resolved=False)
    case.speaker("Boris Ivanov", "person")
    after = 0
    for who, what in (("Anna Petrova", "A"), ("Anna Petrova", "B"), ("He", "C"), ("Boris Ivanov", "D")):
        after = text.index(f"{who} said {what}", after)
        case.claim(what, speaker=who, after=after)
    explanation = case.checks().loc["voice_balance", "explanation"]
    assert "has the most claims" not in explanation
    assert "1 more from unnamed speakers" in explanation  # wording was "unidentified" (issue 15: grade 8)


def test_side_share_is_over_claims_with_a_stated_side_only():
    text = "Talks\nThe US said A. The US said B. Russia said C. Anna Petrova said D. Boris Ivanov said E. Olga Sidorova said F."
    case = Case(text)
    case.speaker("The US", "country", affiliation="US")
    case.speaker("Russia", "country", affiliation="Russia")
    for name in ("Anna Petrova", "Boris Ivanov", "Olga Sidorova"):
        case.speaker(name, "person")
    after = 0
    for who, what in (("The US", "A"), ("The US", "B"), ("Russia", "C"), ("Anna Petrova", "D"), ("Boris Ivanov", "E"), ("Olga Sidorova", "F")):
        after = text.index(f"{who} said {what}", after)
        case.claim(what, speaker=who, after=after)
    explanation = case.checks().loc["voice_balance", "explanation"]
    assert "The US has the most claims: 2 of 6" in explanation
    assert "US: 2 of the 3 claims with a stated side" in explanation


# -- gender line -------------------------------------------------------------------------------------


def test_gender_line_with_every_gender_unknown_states_nothing_false():
    text = "Vote\nAnna Petrova said A. Boris Ivanov said B. The ministry said C."
    case = Case(text)
    case.speaker("Anna Petrova", "person")
    case.speaker("Boris Ivanov", "person")
    case.speaker("The ministry", "organization")
    after = 0
    for who, what in (("Anna Petrova", "A"), ("Boris Ivanov", "B"), ("The ministry", "C")):
        after = text.index(f"{who} said {what}", after)
        case.claim(what, speaker=who, after=after)
    explanation = case.checks().loc["voice_balance", "explanation"]
    assert "gender unknown for 2" in explanation  # two people; the ministry is never counted
    assert "woman" not in explanation and "men" not in explanation


def test_gender_line_counts_people_by_gender_never_organisations():
    text = "Vote\nAnna Petrova said A. Boris Ivanov said B. Olga Sidorova said C. The ministry said D."
    case = Case(text)
    case.speaker("Anna Petrova", "person", gender="female", gender_basis="pronoun")
    case.speaker("Boris Ivanov", "person", gender="male", gender_basis="honorific")
    case.speaker("Olga Sidorova", "person")
    case.speaker("The ministry", "organization", gender="female")  # a wrong gender on an organisation is ignored
    after = 0
    for who, what in (("Anna Petrova", "A"), ("Boris Ivanov", "B"), ("Olga Sidorova", "C"), ("The ministry", "D")):
        after = text.index(f"{who} said {what}", after)
        case.claim(what, speaker=who, after=after)
    explanation = case.checks().loc["voice_balance", "explanation"]
    assert "people quoted: 1 woman, 1 man, 1 unknown" in explanation


# -- no self-denials ---------------------------------------------------------------------------------


def _denial_case(nlp, second: str, **more):
    text = f"Row\nTony Blair said Russia asked China for drones. {second} denied that Russia asked China for drones."
    case = Case(text, nlp)
    case.speaker("Tony Blair", "person", speaker_key="tony blair")
    case.speaker(second, "person", **more)
    case.claim("Russia asked China for drones", speaker="Tony Blair")
    case.claim("that Russia asked China for drones", speaker=second, cue="denied", lemma="deny", stance="deny",
               after=text.index(f"{second} denied"))
    return case


@pytest.mark.parametrize(("second", "more"), [("Mr Blair", {"speaker_key": "tony blair"}), ("Blair", {})])
def test_no_denial_link_between_claims_of_one_speaker(nlp, second, more):
    _, _, links, checks = _denial_case(nlp, second, **more).run()
    assert not [lk for lk in links if lk.relation == "denies"]
    assert "denied by" not in frame(checks, "checks").set_index("check").loc["denied_claims", "explanation"]


def test_denial_by_another_speaker_still_links(nlp):
    _, _, links, _ = _denial_case(nlp, "Ann Lee").run()
    assert [(lk.claim_id, lk.target_claim_id) for lk in links if lk.relation == "denies"] == [(1, 0)]


def test_link_claims_never_links_a_speaker_to_itself(nlp):
    case = _denial_case(nlp, "Mr Blair", speaker_key="tony blair")
    claims, _, _, _ = case.run()
    from toolkit.literacy.content import claim_info

    by_sentence = {s.sentence_id: s for s in case.sentences}
    speakers = {s.speaker_id: s for s in case.speakers.values()}
    infos = [claim_info(c, case.text, case.doc, by_sentence, speakers[c.speaker_id]) for c in claims]
    assert not [lk for lk in link_claims(claims, infos) if lk.relation in ("denies", "accuses")]
