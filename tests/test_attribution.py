"""The attribution engine, one construction at a time, on short sentences written for the tests."""

from __future__ import annotations

import pytest

from toolkit.attribution import classify_mention, extract_attributions
from toolkit.attribution.quotes import find_quotes
from toolkit.structure import sentences_from_doc
from toolkit.types import SPEAKER_KINDS


def run(nlp, text: str):
    doc = nlp(text)
    claims, speakers, markers = extract_attributions(doc, sentences_from_doc(doc, "t"), "t")
    check_invariants(text, claims, speakers, markers)
    return claims, speakers, markers


def check_invariants(text, claims, speakers, markers):
    ids = {s.speaker_id for s in speakers}
    assert [c.claim_id for c in claims] == list(range(len(claims)))
    for c in claims:
        assert text[c.content_start : c.content_end] == c.content_text
        assert 0 <= c.content_start < c.content_end <= len(text)
        assert all(c.content_start <= a < b <= c.content_end for a, b in c.content_spans)
        if c.cue_text is None:  # a quote continuing the previous speaker has no cue of its own
            assert c.cue_start is None and c.cue_end is None and c.quote_type == "direct"
            assert c.speaker_id is not None
        else:
            assert c.cue_start is not None and text[c.cue_start : c.cue_end] == c.cue_text
        if c.speaker_id is None:
            assert c.speaker_text is None and c.speaker_kind == "agentless"
        else:
            assert c.speaker_id in ids
            assert text[c.speaker_start : c.speaker_end] == c.speaker_text
    for s in speakers:
        assert s.kind in SPEAKER_KINDS
    for m in markers:
        assert text[m.start : m.end] == m.text


def only(claims):
    assert len(claims) == 1, [(c.speaker_text, c.cue_text, c.content_text) for c in claims]
    return claims[0]


def speaker_of(speakers, claim):
    return next(s for s in speakers if s.speaker_id == claim.speaker_id)


# --- direct quotes ------------------------------------------------------------------------


def test_direct_quote_straight_marks(nlp):
    c = only(run(nlp, '"We will win the vote," the senator said.')[0])
    assert c.quote_type == "direct" and c.speaker_text == "the senator"
    assert c.content_text == '"We will win the vote,"'


def test_direct_quote_curly_marks(nlp):
    c = only(run(nlp, "“We will win the vote,” Maria Lopez said.")[0])
    assert c.quote_type == "direct" and c.speaker_text == "Maria Lopez" and c.cue_lemma == "say"


def test_quote_spanning_two_sentences(nlp):
    c = only(run(nlp, "“The plan works. It is also cheap,” he said.")[0])
    assert c.content_text == "“The plan works. It is also cheap,”"


def test_quote_spanning_paragraphs(nlp):
    text = "The mayor said: “We opened the bridge today.\n“It will carry ten thousand cars a day.”"
    c = only(run(nlp, text)[0])
    assert c.quote_type == "direct" and len(c.content_spans) == 2
    assert "ten thousand cars" in c.content_text


def test_interrupted_quote_has_two_spans(nlp):
    text = "“We will win,” she said, “and then we will govern.”"
    c = only(run(nlp, text)[0])
    assert [text[a:b] for a, b in c.content_spans] == [
        "“We will win,”",
        "“and then we will govern.”",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He said “this never closes.\nThe next line is plain.",
        '"Odd" quotes " everywhere, he said "',
        "” backwards “ marks",
    ],
)
def test_unbalanced_quote_marks_do_not_crash(nlp, text):
    run(nlp, text)
    assert all(0 <= q.start < q.end <= len(text) for q in find_quotes(text))


def test_mixed_quote(nlp):
    c = only(run(nlp, "She said the new tax was “a disaster” for farmers.")[0])
    assert c.quote_type == "mixed" and c.content_text.startswith("the new tax")


# --- indirect speech ----------------------------------------------------------------------


def test_indirect_said_that(nlp):
    c = only(run(nlp, "The minister said that taxes would rise next year.")[0])
    assert c.quote_type == "indirect" and c.content_text == "that taxes would rise next year"
    assert c.speaker_text == "The minister" and c.stance == "assert"


def test_indirect_trailing_attribution(nlp):
    c = only(run(nlp, "Taxes will rise next year, the minister said.")[0])
    assert c.content_text == "Taxes will rise next year" and c.speaker_text == "the minister"


def test_inverted_says(nlp):
    c = only(run(nlp, "Taxes will rise next year, says the finance minister.")[0])
    assert (
        c.speaker_text == "the finance minister" and c.content_text == "Taxes will rise next year"
    )


def test_headline_inverted_denial(nlp):
    c = only(run(nlp, "Not true, says Russia\nThe talks continued on Monday.")[0])
    assert (c.speaker_text, c.content_text, c.stance, c.speaker_kind) == (
        "Russia",
        "Not true",
        "deny",
        "country",
    )


def test_according_to(nlp):
    claims, speakers, _ = run(nlp, "According to the report, sales fell by a third last year.")
    c = only(claims)
    assert c.quote_type == "according_to" and c.cue_text == "According to"
    assert c.content_text == "sales fell by a third last year"
    assert speaker_of(speakers, c).kind == "document"


def test_according_to_a_source_with_a_participle_attributes_the_main_clause(nlp):
    # the parse hangs the phrase on "released"; what the figures say follows the comma
    c = only(run(nlp, "According to figures also released on Tuesday, sales in shopping malls were 4.3% higher than in 2003.")[0])
    assert c.content_text.startswith("sales in shopping malls were 4.3% higher")
    assert "released" not in c.content_text


def test_according_to_an_office_with_a_name_in_apposition_is_that_person(nlp):
    # the parse hangs the name off the comma; it must not open the content
    claims, speakers, _ = run(nlp, "According to its Paris lawyer, Emmanuel Gaillard of Shearman and Sterling, "
                                   "the overall claim is based on that figure.")
    c = only(claims)
    assert c.content_text == "the overall claim is based on that figure"
    assert speaker_of(speakers, c).name == "Emmanuel Gaillard" and speaker_of(speakers, c).kind == "person"


def test_a_verbless_parse_gives_the_whole_subject_not_its_last_noun(nlp):
    claims, speakers, _ = run(nlp, "The Conference Board survey of 5,000 households pointed to renewed optimism about job creation.")
    c = only(claims)
    assert c.speaker_text == "The Conference Board survey of 5,000 households"
    assert speaker_of(speakers, c).kind == "document"


def test_colon_lead_in_quote(nlp):
    c = only(run(nlp, "The coach said: “We played badly and we know it.”")[0])
    assert c.quote_type == "direct" and c.cue_text == "said:" and "played badly" in c.content_text


def test_headline_colon(nlp):
    c = only(
        run(nlp, "Sanders: Clinton needs to get away from personality\nBody text follows here.")[0]
    )
    assert (c.speaker_text, c.cue_text) == ("Sanders", ":")
    assert c.content_text == "Clinton needs to get away from personality"


def test_transcript_turn(nlp):
    text = "WALLACE: Let's start with the debate. Will she be there?\nPENCE: She will not attend."
    claims = run(nlp, text)[0]
    assert [(c.speaker_text, c.content_text) for c in claims] == [
        ("WALLACE", "Let's start with the debate. Will she be there?"),
        ("PENCE", "She will not attend."),
    ]


def test_dash_attribution_after_quote(nlp):
    c = only(run(nlp, "Voters wrote to us.\n“The debate changed my mind.” — Maria Lopez")[0])
    assert c.speaker_text == "Maria Lopez" and c.cue_text == "—" and c.quote_type == "direct"


def test_dash_attribution_before_quote(nlp):
    c = only(run(nlp, "Maria Lopez ― “The debate changed my mind about him.”")[0])
    assert (
        c.speaker_text == "Maria Lopez"
        and c.content_text == "“The debate changed my mind about him.”"
    )


# --- agentless ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "hedge", "content"),
    [
        (
            "The talks, it is said, lasted six hours.",
            "it is said",
            "it is said",
            "lasted six hours",
        ),
        (
            "The general is said to have resigned in May.",
            "is said",
            "is said to",
            "resigned in May",
        ),
        (
            "The company reportedly lost a billion dollars.",
            "reportedly",
            "reportedly",
            "lost a billion dollars",
        ),
        ("The mayor allegedly took bribes from builders.", "allegedly", "allegedly", "took bribes"),
        (
            "The ship is believed to have sunk near the coast.",
            "is believed",
            "is believed to",
            "have sunk",
        ),
    ],
)
def test_agentless(nlp, text, cue, hedge, content):
    claims, speakers, markers = run(nlp, text)
    c = only(claims)
    assert c.agentless and c.speaker_id is None and c.quote_type == "agentless"
    assert c.cue_text == cue and hedge in c.hedges and content in c.content_text
    assert speakers == []
    assert any(m.kind == "hedge" and m.text == hedge and m.claim_id == c.claim_id for m in markers)


def test_hedge_on_a_spoken_claim(nlp):
    c = only(run(nlp, "The ministry has reportedly said that prices may rise.")[0])
    assert not c.agentless and c.speaker_text == "The ministry"
    assert "reportedly" in c.hedges and "may" in c.hedges


# --- speakers -----------------------------------------------------------------------------


def test_pronoun_resolves_to_full_name(nlp):
    text = "Putin's spokesman Dmitry Peskov said the reports were false. “We have enough,” he said."
    claims, speakers, _ = run(nlp, text)
    assert [c.speaker_text for c in claims] == ["Putin's spokesman Dmitry Peskov", "he"]
    assert claims[0].speaker_id == claims[1].speaker_id
    spk = speaker_of(speakers, claims[1])
    assert (spk.name, spk.kind, spk.named, spk.descriptor) == (
        "Dmitry Peskov",
        "person",
        True,
        "Putin's spokesman",
    )
    assert spk.mentions == ("Putin's spokesman Dmitry Peskov", "he") and spk.n_claims == 2


def test_short_form_resolves_to_anonymous_official(nlp):
    text = (
        "The troops have many drones, a US senior defense official said on Monday. "
        "The stocks are low, according to the official."
    )
    claims, speakers, _ = run(nlp, text)
    assert len(claims) == 2 and claims[0].speaker_id == claims[1].speaker_id
    spk = speaker_of(speakers, claims[1])
    assert spk.name == "a US senior defense official" and spk.kind == "anonymous" and not spk.named
    assert spk.descriptor == "senior defense official" and spk.affiliation == "US"
    assert all(c.anonymous for c in claims)


def test_anonymous_sources_with_reason(nlp):
    text = "Two officials, who were not authorized to speak publicly, said the deal was close."
    claims, speakers, _ = run(nlp, text)
    spk = speaker_of(speakers, only(claims))
    assert spk.kind == "anonymous" and spk.anonymity_reason == "not authorized to speak publicly"


def test_condition_of_anonymity_is_not_a_reason(nlp):
    text = "People close to the talks said on the condition of anonymity that the deal was close."
    claims, speakers, _ = run(nlp, text)
    spk = speaker_of(speakers, only(claims))
    assert spk.kind == "anonymous" and spk.anonymity_reason is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Critics say the law is unfair.", "vague"),
        ("Some experts said the bridge was unsafe.", "vague"),
        ("Unnamed US officials told reporters that the plan had failed.", "anonymous"),
        ("Sources said the minister would resign.", "anonymous"),
        ("A new poll shows that most voters want change.", "document"),
        ("The Chinese foreign ministry said the claims were baseless.", "organization"),
        ("The Chinese government said it would respond.", "government"),
        ("Moscow said it would respond.", "country"),
    ],
)
def test_speaker_kinds(nlp, text, kind):
    claims, speakers, _ = run(nlp, text)
    assert speaker_of(speakers, only(claims)).kind == kind


def test_affiliation_from_modifiers(nlp):
    claims, speakers, _ = run(nlp, "The Chinese foreign ministry said the reports were baseless.")
    spk = speaker_of(speakers, only(claims))
    assert spk.affiliation == "China" and spk.descriptor == "foreign ministry"


def test_mentions_of_one_group_merge(nlp):
    text = "US officials say talks failed.\nUnnamed US officials told reporters that the talks had failed."
    claims, speakers, _ = run(nlp, text)
    assert len(claims) == 2 and claims[0].speaker_id == claims[1].speaker_id
    assert len(speakers) == 1 and speakers[0].mentions == ("US officials", "Unnamed US officials")


@pytest.mark.parametrize(
    ("mention", "kind"),
    [
        ("a senior administration official", "anonymous"),
        ("people familiar with the matter", "anonymous"),
        ("critics", "vague"),
        ("some analysts", "vague"),
        ("the report", "document"),
        ("a Gallup poll", "document"),
        ("Dmitry Peskov", "person"),
        ("the Chinese government", "government"),
        ("Russia", "country"),
        ("", "unknown"),
    ],
)
def test_classify_mention(nlp, mention, kind):
    assert classify_mention(mention, nlp=nlp) == kind


# --- cues and stance ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lemma", "stance"),
    [
        ("Russia denied that it had asked for help.", "deny", "deny"),
        ("The ministry accused the US of spreading lies.", "accuse", "accuse"),
        ("The US warned China that it would face consequences.", "warn", "warn"),
        ("Reporters asked whether the plan would work.", "ask", "question"),
        ("The engineer pointed out that the bridge was old.", "point out", "assert"),
        ("The company acknowledged that sales had fallen.", "acknowledge", "assert"),
        ("China says the US is spreading misinformation.", "say", "accuse"),
        ("The spokesman said the reports were not true.", "say", "deny"),
    ],
)
def test_cue_lemma_and_stance(nlp, text, lemma, stance):
    c = only(run(nlp, text)[0])
    assert (c.cue_lemma, c.stance) == (lemma, stance)


def test_cue_includes_auxiliaries(nlp):
    c = only(run(nlp, "The mayor has also said that the road will close.")[0])
    assert c.cue_text == "has also said" and c.cue_lemma == "say"


def test_claim_inside_another_claim_is_not_a_second_claim(nlp):
    c = only(run(nlp, "The US says Russia wants armed drones from China.")[0])
    assert c.speaker_text == "The US" and c.content_text == "Russia wants armed drones from China"


def test_reporting_verb_inside_quote_is_part_of_the_quote(nlp):
    c = only(run(nlp, "“As we said, it is going according to plan,” he said.")[0])
    assert c.quote_type == "direct" and c.speaker_text == "he"


def test_claims_are_ordered_by_position(nlp):
    text = (
        "Critics say the law is unfair. The minister said that it was fair. It reportedly passed."
    )
    claims = run(nlp, text)[0]
    assert [c.cue_start for c in claims] == sorted(c.cue_start for c in claims)
    assert [c.speaker_kind for c in claims] == ["vague", "person", "agentless"]


# --- robustness ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\n ",
        "“",
        '"""',
        "According to",
        "it is said",
        "said said said",
        "a" * 100_000,
        ("word " * 5000) + "he said.",
        "Näive café — “Ünïcødé” — Zoë said.\u200b\u2028 x",
        "„Ja“, sagte er. «Oui», dit-il.",
        "WALLACE:\nPENCE:",
        "\ufeff“Hi,” she said.\r\n“Bye.”",
    ],
)
def test_never_raises_and_offsets_slice(nlp, text):
    run(nlp, text)


# --- who, how and what stay apart (bugs found by property tests) ----------------------------


def disjoint(c):
    """The speaker and the cue never overlap a content piece, nor each other."""
    pieces = [tuple(p) for p in c.content_spans]
    assert pieces == sorted(pieces) and all(
        b <= a2 for (_, b), (a2, _) in zip(pieces, pieces[1:], strict=False)
    )
    holes = [(c.cue_start, c.cue_end)]
    if c.speaker_start is not None:
        holes.append((c.speaker_start, c.speaker_end))
        assert c.speaker_end <= c.cue_start or c.cue_end <= c.speaker_start
    for a, b in pieces:
        assert not any(a < h1 and h0 < b for h0, h1 in holes), (c.content_text, holes)


def test_speaker_found_late_is_cut_out_of_the_content(nlp):
    # The parse puts "Athens" inside the clause; the name before "said" still is the speaker.
    c = only(run(nlp, "Head\nhave a car near Athens said")[0])
    disjoint(c)
    assert c.speaker_text == "Athens" and "Athens" not in c.content_text


def test_content_never_covers_its_cue(nlp):
    text = "Head\nThe money, which Mr Howard has pledged to plough back into public services, is large."
    c = only(run(nlp, text)[0])
    disjoint(c)
    assert c.cue_text == "has pledged" and c.speaker_text == "Mr Howard"
    # the relative pronoun stands for "The money"; the auxiliary belongs to the cue
    assert [text[a:b] for a, b in c.content_spans] == [
        "which",
        "to plough back into public services",
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Head\n"It was not a summary."Former secretary Robin Cook said.',
            "Former secretary Robin Cook",
        ),
        ('Head\n"It was not a summary,"Robin Cook said.', "Robin Cook"),
    ],
)
def test_quote_mark_glued_to_the_speaker(nlp, text, speaker):
    # No space after the closing mark: the tokenizer glues it to the next word.
    c = only(run(nlp, text)[0])
    disjoint(c)
    assert c.speaker_text == speaker
    assert c.quote_type == "direct" and c.content_text == text[5 : text.index(speaker)]


@pytest.mark.parametrize("mark", ["\u200b", "\u2060", "\ufeff"])
def test_invisible_characters_before_a_closing_quote(nlp, mark):
    text = (
        f'A spokeswoman would only say: "He will call an election when he wants to.{mark}" '
        "The move will signal a frantic week."
    )
    c = only(run(nlp, text)[0])
    assert c.quote_type == "direct" and c.speaker_text == "A spokeswoman"
    assert c.content_text == text[text.index('"') : text.index(" The move")]


def test_paragraph_quote_continues_after_an_invisible_character():
    text = "He said: “We opened the bridge.\n\u200b“It carries cars,” he said."
    quotes = find_quotes(text)
    assert len(quotes) == 2 and quotes[0].group == quotes[1].group


def test_copula_complement_is_not_part_of_the_speaker(nlp):
    c = only(run(nlp, "Head\nIt was a mistake officials said.")[0])
    disjoint(c)
    assert c.speaker_text == "officials" and c.content_text == "It was a mistake"


# --- one hedge detector: claims.hedges and the hedge markers never disagree (issue 11)


def _hedge_views(nlp, text: str):
    from toolkit import analyze

    a = analyze([text], nlp=nlp, progress=False)
    claims = a.claims
    markers = a.markers[a.markers["kind"] == "hedge"]
    out = []
    for _, c in claims.iterrows():
        attached = markers[markers["claim_id"] == c["claim_id"]].sort_values("start")["text"].tolist()
        out.append((list(c["hedges"]), attached))
    return out


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an approximator hedges a quantity only: "roughly speaking" is not counted anywhere
        ("Headline\nThe minister said roughly speaking the plan had failed.", []),
        ("Headline\nThe minister said roughly 300 people had died.", ["roughly"]),
        # a hedge in the speaker's own clause is attached to the claim in both tables
        ("Headline\nThe minister, who may resign, said the plan had failed.", ["may"]),
        # the month is not a hedge
        ("Headline\nThe minister said in May that the plan had failed.", []),
    ],
)
def test_claim_hedges_agree_with_hedge_markers(nlp, sentence, expected):
    views = _hedge_views(nlp, sentence)
    assert views, "the sentence should yield a claim"
    for hedges, attached in views:
        assert hedges == attached
    assert views[0][0] == expected


def test_literacy_find_hedges_is_the_attribution_detector():
    from toolkit.attribution.hedges import find_hedges as low
    from toolkit.literacy import find_hedges

    assert find_hedges is low


# --- issue 12: headlines, labels and actions that are not speech ---------------------------


def test_headline_accused_is_agentless(nlp):
    claims, _, _ = run(nlp, "Mayor Jane Roe accused of hiding the budget gap\n\nThe mayor spoke on Monday.")
    c = next(c for c in claims if c.cue_text == "accused")
    assert c.speaker_id is None and c.stance == "accuse" and "Jane Roe" in c.content_text


def test_body_participle_keeps_its_speaker(nlp):
    c = only(run(nlp, "The union accused the company of hiding the losses.")[0])
    assert c.speaker_text == "The union" and c.stance == "accuse"


def test_topic_kicker_is_not_a_speaker(nlp):
    text = "Measles: Springfield opens a new clinic\n\nThe measles outbreak has spread, the mayor said."
    claims, _, _ = run(nlp, text)
    assert all(c.speaker_text != "Measles" for c in claims)
    assert any(c.speaker_text == "the mayor" for c in claims)


def test_colon_label_with_the_and_a_role(nlp):
    c = only(run(nlp, 'The Nurse Manager: "We need more staff."')[0])
    assert c.speaker_text == "The Nurse Manager" and c.quote_type == "direct"


@pytest.mark.parametrize(
    "text",
    [
        "The Senate rejected separate amendments on Tuesday.",
        "The mayor posted photos of the flood.",
        "He was showing pictures of the damage to visitors.",
        "The court denied bail to the two men.",
        "The players were refused entry at the border.",
        "British actors denied major Oscars",
        "The hosts soon found themselves a goal down.",
        # showing a quality or a result of one's own is conduct, not a finding
        "There is no indication she has shown any partisanship.",
        "The company showed a profit in the third quarter.",
    ],
)
def test_actions_are_not_claims(nlp, text):
    assert run(nlp, text)[0] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Figures show a rise in sales.", "a rise in sales"),
        ("A report showing a fall in jobs was published.", "a fall in jobs"),
        ("Tests showed traces of the drug.", "traces of the drug"),
    ],
)
def test_data_showing_something_is_a_claim(nlp, text, content):
    assert only(run(nlp, text)[0]).content_text == content


def test_rejecting_a_claim_is_still_a_denial(nlp):
    c = only(run(nlp, "The minister rejected the claim that the talks had failed.")[0])
    assert c.stance == "deny"


def test_denying_a_report_is_still_a_denial(nlp):
    c = only(run(nlp, "The club denied reports of a rift with its coach.")[0])
    assert c.stance == "deny"


def test_data_show_is_a_document_not_a_person(nlp):
    claims, speakers, _ = run(nlp, "Data show particulate levels increased sharply last year.")
    assert speaker_of(speakers, only(claims)).kind == "document"


# --- issue 12: quotes that continue the previous speaker ----------------------------------


def test_continuation_quote_next_sentence(nlp):
    claims, speakers, _ = run(nlp, 'John told me he was confused. "I think he killed me."')
    assert [(c.cue_text, c.content_text) for c in claims] == [
        ("told", "he was confused"),
        (None, '"I think he killed me."'),
    ]
    assert claims[0].speaker_id == claims[1].speaker_id


@pytest.mark.parametrize(
    "text",
    [
        'Ian Harris said the machine would appeal to iPod owners.\n\n"They want a further taste of Mac."',
        'Dr Greenspan said the philosopher was a "towering contributor". "Kirkcaldy is where your chancellor was reared."',
    ],
)
def test_a_quoted_sentence_after_reported_speech_is_the_same_speakers(nlp, text):
    claims, _, _ = run(nlp, text)
    assert len(claims) == 2 and claims[1].cue_text is None
    assert claims[0].speaker_id == claims[1].speaker_id


def test_continuation_quote_next_paragraph_joins_the_quote(nlp):
    # PolNeAR annotates a quotation running on into the next paragraph as one attribution
    text = '"We must act now," said Ann Lee.\n\n"The river will flood again next year."'
    c = only(run(nlp, text)[0])
    assert c.cue_text == "said" and c.content_text.endswith('next year."')
    assert len(c.content_spans) == 2


def test_run_on_quote_in_same_paragraph_joins_its_claim(nlp):
    c = only(run(nlp, '"We must act now," said Ann Lee. "The river will flood again."')[0])
    assert "flood again" in c.content_text and c.cue_text == "said"


def test_a_run_on_quote_is_not_taken_by_the_next_sentences_verb(nlp):
    # the next sentence's verb has its own object: it starts something new, it is not the cue
    text = ('"I was shocked," Ms Jones told reporters. "I never thought I would get in trouble." '
            "The case has highlighted concerns among bloggers.")
    claims, _, _ = run(nlp, text)
    quoted = [c for c in claims if "get in trouble" in c.content_text]
    assert quoted and all(c.cue_text == "told" for c in quoted), [(c.cue_text, c.content_text) for c in claims]


def test_a_closed_quote_before_an_addressee_verb_still_links(nlp):
    claims, _, _ = run(nlp, '"We will win the vote." He told reporters on Monday.')
    assert [c.cue_text for c in claims if "win the vote" in c.content_text] == ["told"]


def test_quoted_phrase_or_far_quote_is_no_continuation(nlp):
    text = (
        'Ann Lee said the plan was fine.\n\nThe council met on Monday.\n\n'
        '"The river will flood again next year."\n\nShe called it "a disgrace" later.'
    )
    claims, _, _ = run(nlp, text)
    assert all(c.cue_text is not None for c in claims)
