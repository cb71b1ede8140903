"""Constructions issue 12 lists as missed, each on sentences written for the tests."""

from __future__ import annotations

import pytest
from test_attribution import only, run, speaker_of

from toolkit.attribution.quotes import find_quotes, single_speech_quotes


def test_interrupted_cue_between_two_quotes_keeps_both_pieces(nlp):
    text = 'The minister spoke for an hour. "The Central Bank," he continued, "steps in only when markets fail."'
    c = only(run(nlp, text)[0])
    pieces = [text[a:b] for a, b in c.content_spans]
    assert pieces == ['"The Central Bank,"', '"steps in only when markets fail."']


def test_interrupted_cue_without_quotes_takes_the_clause_around_it(nlp):
    text = "Rates will stay high. The Central Bank, he continued, intervenes only when the currency falls."
    c = only(run(nlp, text)[0])
    pieces = [text[a:b] for a, b in c.content_spans]
    assert c.cue_text == "continued" and c.speaker_text == "he"
    assert pieces[0] == "The Central Bank" and pieces[-1].startswith("intervenes only when")


@pytest.mark.parametrize(
    ("text", "speaker", "first", "last"),
    [
        # the inverted cue and its speaker between commas: the parse makes the name the subject
        # of what follows, leaving the cue without a speaker
        ("On a larger scale, said Mr Trainor, improvements in the way that voltage regulators work would help.",
         "Mr Trainor", "On a larger scale", "improvements in the way that voltage regulators work would help"),
        # the parse reads "intervenes" as a noun in apposition, leaving the cue without content
        ("The Central Bank, he continued, intervenes in the market.", "he", "The Central Bank", "intervenes in the market"),
    ],
)
def test_interrupting_cue_whatever_the_parse_made_of_it(nlp, text, speaker, first, last):
    c = only(run(nlp, "Rates will stay high. " + text)[0])
    pieces = [c_text for a, b in c.content_spans if (c_text := ("Rates will stay high. " + text)[a:b])]
    assert c.speaker_text == speaker and pieces[0] == first and pieces[-1] == last


def test_an_interrupting_cue_inside_a_relative_clause_stays_in_it(nlp):
    claims = run(nlp, "Batters met Gove to urge him to beef up the commission, which, critics say, does not include specialists.")[0]
    assert not any(c.content_text.startswith("Batters") for c in claims)


def test_short_capitalised_quote_before_an_inverted_cue_is_speech(nlp):
    for text, who in (('"Test," said Dr. Smith.', "Dr. Smith"), ('"Never!" said Mrs. Jones.', "Mrs. Jones")):
        c = only(run(nlp, text)[0])
        assert c.quote_type == "direct" and c.speaker_text == who


def test_a_title_named_inside_the_sentence_is_still_no_speech(nlp):
    claims = run(nlp, 'Speaking on "Fox News Sunday," Smith said the plan was dead.')[0]
    c = only(claims)
    assert c.quote_type == "indirect" and "Fox" not in c.content_text


def test_inverted_present_tense_cue_with_a_joint_speaker(nlp):
    claims, speakers, _ = run(nlp, '"We love dogs!" reply Anna and Maria.')
    c = only(claims)
    assert c.content_text == '"We love dogs!"' and c.speaker_text == "Anna and Maria"
    assert speaker_of(speakers, c).kind != "agentless"


def test_relative_clause_speaker_with_said_in_a_release_that(nlp):
    text = "The march was organised by a local charity which said in a statement that the cuts would hurt families."
    claims, speakers, _ = run(nlp, text)
    c = only(claims)
    assert c.content_text == "that the cuts would hurt families"
    assert speaker_of(speakers, c).name == "a local charity"


def test_said_in_an_interview_that(nlp):
    c = only(run(nlp, "The coach said in an interview that the team was tired.")[0])
    assert c.content_text == "that the team was tired"


def test_no_report_from_an_infinitive_on_a_noun(nlp):
    # "argue against the use of X to do Y": the infinitive is no reported clause
    claims = run(nlp, "Few would argue against the use of cameras to catch burglars.")[0]
    assert all(c.content_text != "catch burglars" for c in claims)


def test_called_for_keeps_the_infinitive(nlp):
    c = only(run(nlp, "The governor called for Jones and Brown to be given a fair hearing.")[0])
    assert c.content_text == "Jones and Brown to be given a fair hearing"


def test_estimated_quoted_subject_stays_in_the_content(nlp):
    c = only(run(nlp, 'The doctor estimated "between 1,000 and 2,000" could fall ill.')[0])
    assert c.content_text == '"between 1,000 and 2,000" could fall ill' and c.quote_type == "mixed"


def test_a_request_for_anonymity_is_not_a_statement(nlp):
    for text in (
        "One nurse, who asked not to be named, said the ward was full.",
        "A porter at the hospital, who did not want to be named, said the ward was full.",
    ):
        c = only(run(nlp, text)[0])
        assert c.cue_text == "said" and c.content_text == "the ward was full"


def test_single_quoted_speech_after_told_addressee(nlp):
    text = "Scott told 'Good Morning Britain' presenter Susanna Reid, 'Because nobody warned us about the flood.'"
    c = only(run(nlp, text)[0])
    assert c.quote_type == "direct" and c.speaker_text == "Scott"
    assert c.content_text == "'Because nobody warned us about the flood.'"


def test_single_marks_are_speech_only_after_a_cue_comma():
    text = "The so-called 'Big Society' plan is 'safe', he said. She told him, 'We are leaving now.'"
    assert [text[a:b] for a, b in single_speech_quotes(text)] == ["'We are leaving now.'"]
    # a single-quoted phrase inside double quotes is not a second quotation
    inner = '"He said to me, \'Go home now.\' and left," she said.'
    assert [(q.start, q.end) for q in find_quotes(inner)] == [(0, len(inner) - 10)]


# --- attribution round 7: detection ---------------------------------------------------------


def test_a_lower_case_phrase_quoted_before_the_cue_is_mixed_speech(nlp):
    # the phrase in quotation marks is part of the reported clause, not a quotation of its own
    text = 'The council does not see itself as a landlord, rather as an "enabler", said Mr Green.'
    c = only(run(nlp, text)[0])
    assert c.quote_type == "mixed" and c.speaker_text == "Mr Green"
    assert c.content_text.startswith("The council does not see itself")


def test_a_capitalised_quotation_after_a_fronted_phrase_stays_direct(nlp):
    c = only(run(nlp, 'Asked about the plan, "We will win," she said.')[0])
    assert c.quote_type == "direct" and c.content_text == '"We will win,"'


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("But, as the committee has pointed out, the law would also be used to find sources.",
         "the committee", "the law would also be used to find sources"),
        ("As the minister noted, the talks failed because neither side would move.",
         "the minister", "the talks failed because neither side would move"),
        ("Prices rose, just as the bank had predicted.", "the bank", "Prices rose"),
    ],
)
def test_an_as_clause_attributes_the_clause_it_modifies(nlp, text, speaker, content):
    c = only(run(nlp, text)[0])
    assert (c.speaker_text, c.content_text) == (speaker, content)


@pytest.mark.parametrize(
    "text", ["He resigned, as he had promised he would.", "The talks failed, as expected."]
)
def test_an_as_clause_with_content_of_its_own_or_no_speaker_attributes_nothing(nlp, text):
    assert run(nlp, text)[0] == []


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("Settlements are seen as one of the hardest issues in the conflict.", "one of the hardest issues"),
        ("The army took the hills, seen as vital to any future state, in 1967.", "vital to any future state"),
        ("She is widely regarded as the best player of her generation.", "the best player of her generation"),
    ],
)
def test_an_agentless_passive_description_is_an_agentless_claim(nlp, text, described):
    c = only(run(nlp, text)[0])
    pieces = [text[a:b] for a, b in c.content_spans]
    assert c.agentless and described in pieces[-1]
    assert not any(p.split()[0] in ("as", "seen", "regarded") for p in pieces)  # the cue is no content


@pytest.mark.parametrize(
    "text", ["He was seen leaving the building at noon.", "The plan, described as bold by some, was dropped."]
)
def test_seeing_someone_or_a_named_describer_makes_no_agentless_claim(nlp, text):
    assert not any(c.agentless for c in run(nlp, text)[0])


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("The nurses' union is adamant staff must be paid for the extra hours.",
         "The nurses' union", "staff must be paid for the extra hours"),
        ("Officials are confident that the bridge will open on time.",
         "Officials", "that the bridge will open on time"),
        ("The regulator is concerned the merger would raise prices.",
         "The regulator", "the merger would raise prices"),
    ],
)
def test_a_belief_adjective_with_a_clause_attributes_it(nlp, text, speaker, content):
    c = only(run(nlp, text)[0])
    assert (c.speaker_text, c.content_text, c.quote_type) == (speaker, content, "indirect")


@pytest.mark.parametrize(
    "text", ["It is certain that prices will rise.", "She is concerned about the cost of the plan."]
)
def test_a_belief_adjective_without_a_holder_or_a_clause_attributes_nothing(nlp, text):
    assert run(nlp, text)[0] == []


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Whale experts regard the bay as the stranding capital of the world.",
         "Whale experts", "the bay as the stranding capital of the world"),
        ("Broadcasters see the new service as a threat.", "Broadcasters", "the new service as a threat"),
        ("The governor touted the budget as a step toward higher pay.",
         "The governor", "the budget as a step toward higher pay"),
    ],
)
def test_an_active_verb_of_judging_with_as_attributes_the_judgement(nlp, text, speaker, content):
    c = only(run(nlp, text)[0])
    assert (c.speaker_text, c.content_text) == (speaker, content)


def test_seeing_without_a_judgement_is_no_claim(nlp):
    assert run(nlp, "We see the river as we drive past the mill.")[0] == []


def test_calling_it_something_keeps_the_name_and_its_closing_mark(nlp):
    text = 'The league called it an "extremely adverse development".'
    c = only(run(nlp, text)[0])
    assert c.content_text == 'it an "extremely adverse development"' and c.quote_type == "mixed"


def test_a_that_clause_hung_on_the_addressees_relative_clause_is_the_content(nlp):
    text = ("The union leader told a few thousand teachers who covered the lawn that the state "
            "should spend its reserves on schools.")
    c = only(run(nlp, text)[0])
    assert c.cue_text == "told" and c.content_text == "that the state should spend its reserves on schools"


def test_called_for_keeps_a_participle_describing_its_object(nlp):
    text = "The minister has called for all drivers caught speeding near schools to be fined."
    c = only(run(nlp, text)[0])
    assert c.content_text == "all drivers caught speeding near schools to be fined"


def test_an_ownerless_claim_noun_with_a_that_clause_is_agentless(nlp):
    c = only(run(nlp, "Claims that urgent action is needed do not stand up.")[0])
    assert c.agentless and c.content_text == "that urgent action is needed" and c.cue_text == "Claims"


def test_an_ownerless_plan_or_hope_reports_nothing(nlp):
    claims = run(nlp, "The plan to build a dam was dropped. There is a hope that rain will come.")[0]
    assert claims == []


@pytest.mark.parametrize(
    "text",
    [
        "It is suggested that the new bridge will open in May.",
        "It is predicted that prices will fall next year.",
        "Growth is forecast to slow sharply this year.",
    ],
)
def test_suggested_predicted_and_forecast_in_the_passive_are_agentless_claims(nlp, text):
    c = only(run(nlp, text)[0])
    assert c.agentless and c.speaker_text is None


@pytest.mark.parametrize(
    "text",
    [
        "Khan was involved in controversy when topless photos alleged to be of her appeared in a magazine.",
        "A man said to be in his 40s was arrested on Friday.",
    ],
)
def test_a_noun_said_to_be_something_is_talked_about_not_speaking(nlp, text):
    claims, speakers, _ = run(nlp, text)
    c = only(claims)
    assert c.agentless and c.speaker_text is None


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ('"Here we are on a historic day," he told settler leaders, according to a statement.',
         "he", "historic day"),
        ('Mr Bell was proud of it. He had promised not to let the company get "fat," and, according to '
         "Reuters, once told analysts that he would fight rivals.", "He", "would fight rivals"),
    ],
)
def test_according_to_after_a_named_speaker_is_where_the_words_were_read(nlp, text, speaker, content):
    claims = run(nlp, text)[0]
    c = next(c for c in claims if content in c.content_text)
    assert c.speaker_text == speaker and c.quote_type != "according_to"
    assert not any(c.quote_type == "according_to" for c in claims)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("According to Mr Sands, Lord Goldsmith had warned Tony Blair that the war could be illegal.", "Mr Sands"),
        ("According to the Times, the UK leader wants to end US isolation.", "the Times"),
        ("A review of the video showed the two officers asleep, according to court documents.", "court documents"),
        ("According to the party's website, they have been posted to homes in the ward.", "the party's website"),
    ],
)
def test_according_to_keeps_its_source_before_a_speaker_or_after_a_non_speech_verb(nlp, text, speaker):
    claims = run(nlp, text)[0]
    assert any(c.quote_type == "according_to" and c.speaker_text == speaker for c in claims)


def test_a_gerund_after_without_is_nothing_said_and_leaves_the_interrupting_cue(nlp):
    claims = run(nlp, "The Tories, he said, can cut crime without asking people to pay more taxes.")[0]
    c = only(claims)
    assert c.speaker_text == "he" and "without asking" in c.content_text


@pytest.mark.parametrize(
    "text",
    [
        "An umbrella organisation called the Disasters Emergency Committee (DEC) has been set up by a coalition of 12 charities.",
        "A new stream named Miracle Run opened on Friday.",
    ],
)
def test_called_or_named_with_a_name_and_no_object_is_no_claim(nlp, text):
    assert not any(c.cue_text in ("called", "named") for c in run(nlp, text)[0])


def test_called_with_an_object_is_still_a_judgement(nlp):
    claims = run(nlp, "Critics called the plan a disaster.")[0]
    assert any(c.cue_text == "called" and c.speaker_text == "Critics" for c in claims)


def test_an_attitude_verb_after_an_interrupting_cue_is_inside_its_content(nlp):
    text = "Essentially, he says, someone who sells bait will want to advertise on your show."
    c = only(run(nlp, text)[0])
    assert c.speaker_text == "he" and c.cue_text == "says" and "want to advertise" in c.content_text


def test_a_gerund_opening_the_reported_clause_is_content_not_a_complement(nlp):
    text = "Many MPs say allowing the evidence would remove the need to detain suspects without charge."
    c = only(run(nlp, text)[0])
    assert c.cue_text == "say" and c.content_text.startswith("allowing the evidence would remove")


def test_a_participle_with_its_own_object_after_told_is_the_addressee(nlp):
    text = ("McCormick, who has split from many fellow Republicans on issues such as the voucher program, "
            "told cheering teachers that they weren’t “asking for the moon.”")
    assert not any(c.content_text.startswith("cheering") for c in run(nlp, text)[0])


def test_playing_down_a_report_is_a_softer_denial_by_the_speaker(nlp):
    claims = run(nlp, "But the spokesman played down reports Mr Blair was considering a new treaty.")[0]
    c = only(claims)
    assert (c.speaker_text, c.cue_text, c.stance) == ("the spokesman", "played down", "deny")


def test_a_participle_cue_on_a_place_visited_is_the_visitors(nlp):
    text = "Starting in London, Mr Blair visited marginal constituencies pledging to build on Labour's record."
    c = only(run(nlp, text)[0])
    assert (c.speaker_text, c.cue_text) == ("Mr Blair", "pledging")


def test_a_participle_cue_on_a_vehicle_still_speaks_for_it(nlp):
    c = only(run(nlp, "The minister released figures showing that growth had slowed.")[0])
    assert c.speaker_text != "The minister" or c.cue_text != "showing"


def test_a_participle_cue_on_a_speech_vehicle_is_the_vehicles_not_the_listeners(nlp):
    c = only(run(nlp, "Voters heard a speech claiming that the rival had lied.")[0])
    assert c.speaker_text == "a speech"
