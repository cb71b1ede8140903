"""Where a speaker mention starts and ends: the source's noun phrase, nothing the parse hangs on it.

Sentences written for these tests (the PolNeAR convention: the speaker span names the source).
"""

from __future__ import annotations

from test_attribution import run


def _speaker_for(claims, cue: str) -> str | None:
    found = [c.speaker_text for c in claims if c.cue_text == cue]
    assert found, [(c.speaker_text, c.cue_text) for c in claims]
    return found[-1]


def test_a_relative_clause_with_its_own_claim_is_not_part_of_the_speaker(nlp):
    text = "Podesta, who said the project was vetted by lawyers, said he was unaware of any dispute."
    claims, _, _ = run(nlp, text)
    assert any(c.speaker_text == "Podesta" and c.content_text.startswith("he was unaware") for c in claims)


def test_a_descriptive_relative_clause_stays_in_the_speaker(nlp):
    text = "Ann Lee, who runs a bakery in the town, said the new rules would hurt shops."
    claims, _, _ = run(nlp, text)
    assert _speaker_for(claims, "said") == "Ann Lee, who runs a bakery in the town"


def test_a_participle_set_off_by_commas_is_not_part_of_the_speaker(nlp):
    for text, who in (
        ("Sherman, speaking of politicians, said the plan would fail.", "Sherman"),
        ("The mayor, speaking to reporters on Tuesday, said the bridge would reopen.", "The mayor"),
        ('"We are ready," said Judge Maria Ortiz, writing for the majority.', "Judge Maria Ortiz"),
    ):
        claims, _, _ = run(nlp, text)
        assert _speaker_for(claims, "said") == who, text


def test_a_focus_adverb_is_not_part_of_the_speaker(nlp):
    claims, _, _ = run(nlp, "Even the organiser of the march said the rules were unfair.")
    assert _speaker_for(claims, "said") == "the organiser of the march"


def test_the_issuer_of_a_statement_speaks_not_the_statement(nlp):
    for text, cue, who in (
        ("The campaign issued a statement saying it was postponing the rally.", "saying", "The campaign"),
        ("The union released a letter accusing the board of lying.", "accusing", "The union"),
        ("Her statement explaining that she had not sent the emails came late.", "explaining", "Her"),
        ("Later that day, the senator fired back a response saying he would not back the plan.", "saying", "the senator"),
        ("The firm backtracked, putting out a statement contradicting its earlier comments.", "contradicting", "The firm"),
    ):
        claims, _, _ = run(nlp, text)
        assert _speaker_for(claims, cue) == who, text


def test_a_cited_report_still_speaks_for_itself(nlp):
    claims, _, _ = run(nlp, "He cited a report showing that wages fell last year.")
    assert all(c.speaker_text != "a report" or c.cue_text == "showing" for c in claims)
    assert _speaker_for(claims, "cited") == "He"


def test_a_dateline_the_parse_made_the_head_is_not_the_speaker(nlp):
    for text in (
        "CLEVELAND (UPI) — Former Attorney General Michael Mukasey told delegates that the server should disqualify her.",
        "Springfield (AFP) – Vice President Ann Lee on Monday hit the trail, accusing him of endangering troops.",
    ):
        claims, _, _ = run(nlp, text)
        assert claims and all("—" not in c.speaker_text and "–" not in c.speaker_text for c in claims), text
        assert all(c.speaker_text.split()[-1] in ("Mukasey", "Lee") for c in claims), text


def test_a_time_is_never_the_speaker_of_a_purpose_infinitive(nlp):
    claims, _, _ = run(nlp, "The governor visited the school on Friday to announce that it would reopen.")
    assert _speaker_for(claims, "to announce") == "The governor"


def test_a_possessive_owner_keeps_its_mark(nlp):
    claims, _, _ = run(nlp, "Mr. Grant's claim that the vote was rigged was rejected by the court.")
    assert _speaker_for(claims, "claim") == "Mr. Grant's"


def test_a_quoted_title_inside_the_speaker_stays_whole(nlp):
    text = "Ann Lee, the blogger known as “Red Kite,” said that she had left the party."
    claims, _, _ = run(nlp, text)
    assert _speaker_for(claims, "said") == "Ann Lee, the blogger known as “Red Kite,”"


def test_when_and_through_what_it_was_said_is_not_part_of_the_speaker(nlp):
    for text, who in (
        ("The mayor in an interview said the bridge would reopen.", "The mayor"),
        ('"We are ready," said the bureau\'s director, Ann Lee, on Monday.', "the bureau's director, Ann Lee"),
    ):
        claims, _, _ = run(nlp, text)
        assert _speaker_for(claims, "said") == who, text


def test_a_floating_quantifier_is_not_part_of_the_speaker(nlp):
    for text, who in (
        ("Ann Lee and Bo Chen both stressed that the news was not all bad.", "Ann Lee and Bo Chen"),
        ("The mayor at the time said the bridge was safe.", "The mayor"),
    ):
        claims, _, _ = run(nlp, text)
        assert claims[0].speaker_text == who, text


def test_the_object_does_what_the_infinitive_says(nlp):
    claims, _, _ = run(nlp, "The defeat led the chairwoman to announce her resignation.")
    assert _speaker_for(claims, "to announce") == "the chairwoman"
    claims, _, _ = run(nlp, "The senator promised voters to announce a plan.")
    assert all(c.speaker_text != "voters" for c in claims)


def test_a_verb_without_object_control_keeps_its_subject(nlp):
    claims, _, _ = run(nlp, "The blogger used his blog to criticise the regime.")
    assert _speaker_for(claims, "to criticise") == "The blogger"


def test_a_contracted_has_is_not_a_passive(nlp):
    for text, who in (
        ("He's said he'll fight all the way to the convention.", "He"),
        ("She’s claimed that the vote was rigged.", "She"),
    ):
        claims, _, _ = run(nlp, text)
        assert claims[0].speaker_text == who and not claims[0].agentless, text
    claims, _, _ = run(nlp, "It's said that the talks failed.")
    assert claims[0].agentless and claims[0].speaker_text is None


def test_an_extraposed_it_never_speaks(nlp):
    for text in (
        "It's hard to know where donors will put their money.",
        "It is important to note that the court has ruled only on emergency filings.",
    ):
        claims, _, _ = run(nlp, text)
        assert all(c.speaker_text not in ("It", "it") for c in claims), text
    claims, _, _ = run(nlp, "The company said it plans to cut jobs.")
    assert _speaker_for(claims, "said") == "The company"


def test_a_relative_clause_on_a_description_speaks_for_whom_it_describes(nlp):
    from test_attribution import speaker_of

    for text, who in (
        ("Donald Trump is a serial liar, racist and bully who has pledged to ban all visitors.", "Donald Trump"),
        ("Jones is a lawyer who has argued that the law is void.", "Jones"),
        ("The winner was Ann Smith, who said the race was fair.", "Ann Smith"),
    ):
        claims, speakers, _ = run(nlp, text)
        c = claims[-1]
        assert c.speaker_text == "who", text
        assert speaker_of(speakers, c).name == who, (text, speaker_of(speakers, c))


def test_a_passive_with_its_agent_attributes_the_subject(nlp):
    for text, cue, who, what in (
        ("Those conclusions are disputed by Michael Mann.", "are disputed", "Michael Mann", "Those conclusions"),
        ("The findings were criticised by Ann Lee, a geologist.", "were criticised", "Ann Lee, a geologist", "The findings"),
    ):
        claims, _, _ = run(nlp, text)
        found = [(c.speaker_text, c.content_text) for c in claims if c.cue_text == cue]
        assert found == [(who, what)], (text, [(c.speaker_text, c.cue_text, c.content_text) for c in claims])
    # what is said is the "of" phrase, not the accused; an inner claim is not swallowed by a verdict on it
    claims, _, _ = run(nlp, "He has been accused by critics of promoting high taxes.")
    assert all(c.content_text != "He" for c in claims)
    claims, _, _ = run(nlp, "Mr. Grant's claim that the vote was rigged was rejected by the court.")
    assert _speaker_for(claims, "claim") == "Mr. Grant's"
