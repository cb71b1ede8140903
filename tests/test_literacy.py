"""Unit tests of the literacy layer on short handmade articles (claims and speakers built by hand)."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from literacy_case import BLANK, Case

from toolkit.analysis import Analysis
from toolkit.literacy import annotate, cue_stance, find_hedges, is_uncertain, scorecard
from toolkit.literacy.explain import CHECK_LABELS
from toolkit.literacy.markers import scare_quotes
from toolkit.structure import sentences_from_doc, split_lines
from toolkit.types import Article, Claim, Sentence, Speaker, frame

# -- hedges and the sentence detector ------------------------------------------------------------

def test_is_uncertain_cues_and_exceptions():
    assert is_uncertain("Some critics argue the law failed.")
    assert is_uncertain("It is widely believed that he fled.")
    assert is_uncertain("She is one of the most famous singers.")
    assert not is_uncertain("Some 30 people were hurt on Monday.")
    assert not is_uncertain("He worked there for several years.")
    assert not is_uncertain("The bridge opened in 1932.")


def test_find_hedges_skips_the_month():
    text = "In May, officials may meet. May they succeed."
    assert [h for _, _, h in find_hedges(text)] == ["may", "may"]
    assert [text[s:e] for s, e, _ in find_hedges(text)] == ["may", "May"]


# -- markers --------------------------------------------------------------------------------------

def test_loaded_labels_inside_and_outside_quotes():
    case = Case("Crackdown\nThe regime jailed reporters. “They are terrorists,” the minister said.")
    case.speaker("the minister", "person", named=False)
    case.claim("They are terrorists,", speaker="the minister", quote_type="direct")
    claims, markers, _, checks = case.run()
    loaded = {m.text: m.inside_content for m in markers if m.kind == "loaded"}
    assert loaded == {"regime": False, "terrorists": True}
    table = frame(checks, "checks").set_index("check")
    assert json.loads(table.loc["loaded_labels_outside_quotes", "detail"]) == ["regime"]
    assert table.loc["loaded_labels_outside_quotes", "severity"] == "notice"
    assert json.loads(table.loc["loaded_labels_inside_quotes", "detail"]) == ["terrorists"]
    assert claims[0].loaded_terms == ("terrorists",)
    assert "loaded_labels_inside_quotes" in claims[0].flags


def test_reporter_loaded_term_in_claim_sentence_is_marked_reporter():
    case = Case("Talks\nThe regime will hold talks, officials said.")
    case.speaker("officials", "anonymous", named=False)
    case.claim("will hold talks", speaker="officials", anonymous=True)
    claims, _, _, _ = case.run()
    assert claims[0].loaded_terms == ("regime (reporter)",)


def test_doubt_markers_and_scare_quotes():
    text = "Vote\nThe so-called referendum was a ‘formality’, and Putin's aide left.\nOfficials said the “vote” was fair."
    case = Case(text)
    case.speaker("Officials", "anonymous", named=False)
    case.claim("the “vote” was fair", speaker="Officials", anonymous=True)
    claims, markers, _, checks = case.run()
    doubts = [(m.text, m.inside_content) for m in markers if m.kind == "doubt"]
    assert ("so-called", False) in doubts
    assert ("‘formality’", False) in doubts
    assert not any("vote" in t for t, _ in doubts)  # inside attributed content: the speaker's word
    assert not any("Putin" in t for t, _ in doubts)
    assert claims[0].doubt_markers == ()
    table = frame(checks, "checks").set_index("check")
    assert json.loads(table.loc["doubt_markers_outside_quotes", "detail"]) == ["so-called", "‘formality’"]


def test_alleged_inside_a_claim_is_its_doubt_marker():
    case = Case("Raid\nPolice said the alleged smuggler fled.")
    case.speaker("Police", "organization")
    case.claim("the alleged smuggler fled", speaker="Police")
    claims, markers, _, _ = case.run()
    assert claims[0].doubt_markers == ("alleged",)
    assert [(m.kind, m.inside_content, m.claim_id) for m in markers] == [("doubt", True, 0)]


def test_quoted_words_in_an_attributed_sentence_are_a_partial_quote():
    # the engine found no claim here, but the sentence reports someone's words
    _, markers, _, _ = Case("Row\nStewart said he was “astounded” by the vote.").run()
    assert not [m for m in markers if m.kind == "doubt"]


def test_called_it_a_quoted_word_is_a_partial_quote():
    _, markers, _, _ = Case("Row\nThe mayor called it a ‘disaster’ on Monday.").run()
    assert not [m for m in markers if m.kind == "doubt"]


def test_quoted_fragment_of_a_mixed_quote_is_not_a_scare_quote():
    case = Case("Row\nShe called the plan “a disaster” on Monday.")
    case.speaker("She", "person")
    case.claim("“a disaster”", speaker="She", cue="called", quote_type="mixed")
    _, markers, _, _ = case.run()
    assert not [m for m in markers if m.kind == "doubt"]


def test_scare_quote_spans():
    text = "the 'peace plan' and \"reform\" but not don't, drum 'n' bass or 'a very long quoted phrase here'"
    assert [text[s:e] for s, e in scare_quotes(text)] == ["'peace plan'", '"reform"']


def test_boosters_outside_quotes():
    table = Case("Plan\nThe plan clearly failed, and it undoubtedly cost money.").checks()
    assert table.loc["boosters_outside_quotes", "value"] == 2
    assert json.loads(table.loc["boosters_outside_quotes", "detail"]) == ["clearly", "undoubtedly"]


def test_markers_slice_the_text_exactly():
    text = "Title\n“Clearly,” the so-called ‘experts’ reportedly said, the regime may fall.\n(Reuters)"
    case = Case(text)
    _, markers, _, _ = case.run()
    assert {m.kind for m in markers} >= {"booster", "doubt", "hedge", "loaded"}
    for m in markers:
        assert text[m.start : m.end] == m.text


# -- cue stance -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("lemma", "expected"),
    [("say", "neutral"), ("tell", "neutral"), ("note", "endorsing"), ("reveal", "endorsing"),
     ("point out", "endorsing"), ("claim", "doubting"), ("insist", "doubting"), ("admit", "guilt"),
     ("deny", "denial"), ("accuse", "accusation"), ("believe", "belief"), ("according to", "neutral")],
)
def test_cue_stance_classes(lemma, expected):
    assert cue_stance(lemma) == expected


def test_cue_stance_falls_back_on_claim_stance():
    assert cue_stance("rubbish", "deny") == "denial"
    assert cue_stance(None, "accuse") == "accusation"
    assert cue_stance("rubbish", "assert") == "neutral"


def test_cue_stance_counts_and_flags():
    case = Case("Deal\nAnna Petrova noted the deal was signed. Boris Ivanov claimed it was void. Olga Sidorova admitted it was late.")
    for name in ("Anna Petrova", "Boris Ivanov", "Olga Sidorova"):
        case.speaker(name, "person")
    case.claim("the deal was signed", speaker="Anna Petrova", cue="noted", lemma="note")
    case.claim("it was void", speaker="Boris Ivanov", cue="claimed", lemma="claim")
    case.claim("it was late", speaker="Olga Sidorova", cue="admitted", lemma="admit")
    claims, _, _, checks = case.run()
    assert [c.cue_stance for c in claims] == ["endorsing", "doubting", "guilt"]
    assert [c.flags for c in claims] == [("endorsing_cues",), ("doubting_cues",), ("guilt_cues",)]
    assert all("“" in c.explanations[0] for c in claims)
    table = frame(checks, "checks").set_index("check")
    assert table.loc["cue_stance_counts", "value"] == 3
    assert json.loads(table.loc["cue_stance_counts", "detail"])["doubting"] == 1
    assert json.loads(table.loc["endorsing_cues", "detail"]) == ["noted (Anna Petrova)"]


# -- links (real model: lemmas and entities) ------------------------------------------------------

def _links(case):
    return {(lk.claim_id, lk.target_claim_id, lk.relation) for lk in case.run()[2]}


def test_denial_links_to_the_claim_it_denies(nlp):
    text = (
        "Talks in Rome\n"
        "US officials said Russia asked China for drones.\n"
        "Italian officials said the weather in Rome was warm on Monday.\n"
        "Moscow denied asking China for drones."
    )
    case = Case(text, nlp)
    case.speaker("US officials", "anonymous", named=False, affiliation="US")
    case.speaker("Italian officials", "anonymous", named=False, affiliation="Italy")
    case.speaker("Moscow", "country", affiliation="Russia")
    case.claim("Russia asked China for drones", speaker="US officials", anonymous=True)
    case.claim("the weather in Rome was warm on Monday", speaker="Italian officials", anonymous=True)
    case.claim("asking China for drones", speaker="Moscow", cue="denied", lemma="deny", stance="deny")
    links = _links(case)
    assert (2, 0, "denies") in links
    assert not any(t == 1 for _, t, _ in links)


def test_contentless_denial_answers_the_headline_claim(nlp):
    text = "Russia wants drones, says US\nThe talks went on for hours, officials said.\nNot true, says Russia\nMoscow is calm."
    case = Case(text, nlp)
    case.speaker("US", "country", affiliation="US")
    case.speaker("officials", "anonymous", named=False)
    case.speaker("Russia", "country", affiliation="Russia")
    case.claim("Russia wants drones", speaker="US", cue="says", lemma="say")
    case.claim("The talks went on for hours", speaker="officials", anonymous=True)
    case.claim("Not true", speaker="Russia", cue="says", lemma="say", stance="deny", after=text.index("Not"))
    assert {(c, t) for c, t, r in _links(case) if r == "denies"} == {(2, 0)}


def test_anaphoric_denial_answers_the_paragraph_before_it(nlp):
    text = (
        "Aid row\n"
        "The US said Russia asked China for weapons. Moscow, it is said, sought money from Beijing. "
        "Both governments denied that such a request was made.\n"
        "Later, EU officials said the summit would go ahead."
    )
    case = Case(text, nlp)
    case.speaker("The US", "country", affiliation="US")
    case.speaker("Both governments", "government", affiliation="Russia, China")
    case.speaker("EU officials", "anonymous", named=False, affiliation="EU")
    case.claim("Russia asked China for weapons", speaker="The US")
    case.claim("Moscow, it is said, sought money from Beijing", cue="it is said", stance="assert", quote_type="agentless")
    case.claim("such a request was made", speaker="Both governments", cue="denied", lemma="deny", stance="deny")
    case.claim("the summit would go ahead", speaker="EU officials", anonymous=True)
    assert {(c, t) for c, t, r in _links(case) if r == "denies"} == {(2, 0), (2, 1)}


def test_accusation_links_to_the_accused_sides_claims(nlp):
    text = "Spy row\nUS officials said China hacked the grid. China accused the US of spreading lies."
    case = Case(text, nlp)
    case.speaker("US officials", "anonymous", named=False, affiliation="US")
    case.speaker("China", "country", affiliation="China")
    case.claim("China hacked the grid", speaker="US officials", anonymous=True)
    case.claim("the US of spreading lies", speaker="China", cue="accused", lemma="accuse", stance="accuse", after=text.index("China accused"))
    assert (1, 0, "accuses") in _links(case)


def test_repeated_claim_by_the_same_source(nlp):
    text = (
        "Drone deal\n"
        "China signalled willingness to provide military assistance, US officials say\n"
        "US officials told reporters that China had signalled willingness to provide military assistance to Russia."
    )
    case = Case(text, nlp)
    case.speaker("US officials", "anonymous", named=False, affiliation="US")
    case.claim("China signalled willingness to provide military assistance", speaker="US officials", cue="say", lemma="say")
    case.claim("China had signalled willingness to provide military assistance to Russia", speaker="US officials",
               cue="told", lemma="tell", after=text.index("US officials told"))
    assert (1, 0, "repeats") in _links(case)


# -- checks ---------------------------------------------------------------------------------------

def test_source_kind_counts_and_share():
    text = (
        "Flood report\n"
        "Anna Petrova said the river rose. The ministry said roads closed. The report found damage. "
        "Officials said aid was late. Critics said the plan failed. It is said that more rain comes."
    )
    case = Case(text)
    case.speaker("Anna Petrova", "person")
    case.speaker("The ministry", "government")
    case.speaker("The report", "document")
    case.speaker("Officials", "anonymous", named=False)
    case.speaker("Critics", "vague", named=False)
    case.claim("the river rose", speaker="Anna Petrova")
    case.claim("roads closed", speaker="The ministry")
    case.claim("damage", speaker="The report", cue="found", lemma="find")
    case.claim("aid was late", speaker="Officials", anonymous=True)
    case.claim("the plan failed", speaker="Critics")
    case.claim("more rain comes", cue="It is said", quote_type="agentless")
    table = case.checks()
    for name in ("named_person", "named_institution", "document", "anonymous", "vague", "agentless"):
        assert table.loc[f"{name}_claims", "value"] == 1, name
    assert table.loc["named_source_share", "value"] == pytest.approx(0.5)
    assert json.loads(table.loc["vague_claims", "detail"]) == ["Critics: the plan failed"]
    assert table.loc["claims_found", "value"] == 6


def test_anonymity_without_reason():
    base = "Leak\nOfficials said on condition of anonymity{} that the deal was off."
    no_reason = Case(base.format(""))
    no_reason.speaker("Officials", "anonymous", named=False)
    no_reason.claim("the deal was off", speaker="Officials", anonymous=True)
    assert no_reason.checks().loc["anonymity_without_reason", "value"] == 1
    reason = Case(base.format(" because they were not authorized to speak publicly"))
    reason.speaker("Officials", "anonymous", named=False)
    reason.claim("the deal was off", speaker="Officials", anonymous=True)
    assert reason.checks().loc["anonymity_without_reason", "value"] == 0
    # a "reason" phrase inside what the source said is not a reason for anonymity
    content = Case("Leak\nOfficials said on condition of anonymity that Moscow wants to avoid sanctions.")
    content.speaker("Officials", "anonymous", named=False)
    content.claim("Moscow wants to avoid sanctions", speaker="Officials", anonymous=True)
    assert content.checks().loc["anonymity_without_reason", "value"] == 1
    # anonymous but never explicitly granted anonymity: not this check
    plain = Case("Leak\nOfficials said the deal was off.")
    plain.speaker("Officials", "anonymous", named=False)
    plain.claim("the deal was off", speaker="Officials", anonymous=True)
    assert plain.checks().loc["anonymity_without_reason", "value"] == 0


def test_unattributed_assertions(nlp):
    text = (
        "Storm\n"
        "The storm killed 12 people in Texas on Monday. Officials said 3,000 homes lost power. "
        "It was sad. Is this the worst storm in Texas history?"
    )
    case = Case(text, nlp)
    case.speaker("Officials", "anonymous", named=False)
    case.claim("3,000 homes lost power", speaker="Officials", anonymous=True)
    table = case.checks()
    assert json.loads(table.loc["unattributed_assertions", "detail"]) == ["The storm killed 12 people in Texas on Monday."]


def test_hedging_density():
    text = "Talks\nThe talks may resume, and Moscow reportedly agreed, officials said on Monday in Rome."
    table = Case(text).checks()
    assert table.loc["hedging_density", "value"] == pytest.approx(100 * 2 / len(text.split()), abs=1e-3)
    assert json.loads(table.loc["hedging_density", "detail"]) == ["may", "reportedly"]


def test_weasel_sentences_in_reporter_voice():
    table = Case("Policy\nMany experts think the policy failed. The policy began in 2010.").checks()
    assert json.loads(table.loc["weasel_sentences", "detail"]) == ["Many experts think the policy failed."]


def test_denied_claims_and_by_whom(nlp):
    text = "Row\nUS officials said Russia asked China for drones. Russia denied asking China for drones."
    case = Case(text, nlp)
    case.speaker("US officials", "anonymous", named=False, affiliation="US")
    case.speaker("Russia", "country", affiliation="Russia")
    case.claim("Russia asked China for drones", speaker="US officials", anonymous=True)
    case.claim("asking China for drones", speaker="Russia", cue="denied", lemma="deny", stance="deny", after=text.index("Russia denied"))
    claims, _, _, checks = case.run()
    table = frame(checks, "checks").set_index("check")
    assert table.loc["denied_claims", "value"] == 1
    assert "denied by Russia" in json.loads(table.loc["denied_claims", "detail"])[0]
    assert "denied_claims" in claims[0].flags and "Russia" in claims[0].explanations[-1]
    assert claims[1].cue_stance == "denial"


def test_voice_balance_and_first_last_word():
    text = "Vote\nThe US said A. The US said B. Russia said C. The US said D."
    case = Case(text)
    case.speaker("The US", "country", affiliation="US")
    case.speaker("Russia", "country", affiliation="Russia")
    after = 0
    for who, what in (("The US", "A"), ("The US", "B"), ("Russia", "C"), ("The US", "D")):
        after = text.index(f"{who} said {what}", after)
        case.claim(what, speaker=who, after=after)
    table = case.checks()
    assert table.loc["voice_balance", "value"] == pytest.approx(0.75)
    assert json.loads(table.loc["voice_balance", "detail"])["Russia"]["claims"] == 1
    assert table.loc["first_last_word", "value"] == 1.0
    assert table.loc["first_last_word", "severity"] == "notice"


def test_headline_stated_as_fact_and_hedge_dropped(nlp):
    text = (
        "Russia asked China for drones\n"
        "Russia wants drones from China, US says\n"
        "Russia reportedly asked China for drones, officials said.\n"
        "The US said Russia wants drones from China, according to unnamed sources."
    )
    case = Case(text, nlp)
    case.speaker("officials", "anonymous", named=False)
    case.speaker("US", "country", affiliation="US")
    case.speaker("The US", "country", affiliation="US")
    case.claim("Russia reportedly asked China for drones", speaker="officials", hedges=("reportedly",), anonymous=True)
    case.claim("Russia wants drones from China", speaker="US", cue="says", lemma="say")
    case.claim("Russia wants drones from China", speaker="The US", after=text.index("The US said"))
    table = case.checks()
    assert json.loads(table.loc["headline_stated_as_fact", "detail"]) == ["Russia asked China for drones"]
    assert table.loc["headline_stated_as_fact", "severity"] == "warning"
    assert table.loc["headline_drops_hedge", "value"] == 0  # the matching body claim by the US is not hedged
    assert table.loc["headline_anonymous_source", "value"] == 0


def test_headline_claim_resting_on_anonymous_hedged_body(nlp):
    text = "Russia asked China for drones, says US\nRussia reportedly asked China for drones, officials said."
    case = Case(text, nlp)
    case.speaker("US", "country", affiliation="US")
    case.speaker("officials", "anonymous", named=False, affiliation="US")
    case.claim("Russia asked China for drones", speaker="US", cue="says", lemma="say")
    case.claim("Russia reportedly asked China for drones", speaker="officials", hedges=("reportedly",), anonymous=True,
               after=text.index("\n"))
    table = case.checks()
    assert table.loc["headline_drops_hedge", "value"] == 1
    assert json.loads(table.loc["headline_anonymous_source", "detail"]) == ["Russia asked China for drones"]


@pytest.mark.parametrize(
    ("credit", "named", "unnamed"),
    [("(Reuters)", 1.0, 0.0), ("(With agency inputs)", 0.0, 1.0), ("(With inputs from PTI)", 1.0, 0.0), ("", 0.0, 0.0)],
)
def test_wire_credit(credit, named, unnamed):
    table = Case(f"Storm hits\nThe storm hit the town on Monday.\n{credit}").checks()
    assert table.loc["wire_credit_named", "value"] == named
    assert table.loc["wire_credit_unnamed", "value"] == unnamed


def test_every_check_has_label_severity_and_explanation():
    checks = Case("Title\nThe regime fell on Monday.").run()[3]
    names = [c.check for c in checks]
    assert len(names) == len(set(names))
    assert set(names) == set(CHECK_LABELS)
    for c in checks:
        assert c.severity in ("info", "notice", "warning")
        assert c.explanation.endswith((".", "?"))


# -- robustness -----------------------------------------------------------------------------------

def test_annotate_survives_odd_claims():
    text = "Odd\nSomething happened."
    odd = [
        Claim("t", 0, 99, 7, "ghost", 500, 510, None, None, None, None, "xx", 400, 900, ((900, 400), (2, 2)), "weird", "???"),
        Claim("t", 1, 0, None, None, None, None, "", 0, 0, "", "", 0, 0, (), "agentless", "assert", agentless=True),
    ]
    claims, markers, links, checks = annotate(Article("t", text), None, [], odd, [], [])
    assert len(claims) == 2
    assert "literacy_error" not in {c.check for c in checks}


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200), st.lists(st.tuples(st.integers(-5, 250), st.integers(-5, 250)), max_size=4))
def test_annotate_never_raises(text, spans):
    doc = BLANK(text)
    sentences = sentences_from_doc(doc, "t", lines=split_lines(text))
    claims = [
        Claim("t", i, 0, None, None, None, None, "said", s, e, "say", text[max(s, 0) : max(e, 0)], s, e, ((s, e),),
              "indirect", "deny" if i % 2 else "assert")
        for i, (s, e) in enumerate(spans)
    ]
    out_claims, markers, links, checks = annotate(Article("t", text), doc, sentences, claims, [], [])
    assert len(out_claims) == len(claims)
    assert "literacy_error" not in {c.check for c in checks}
    for m in markers:
        assert text[m.start : m.end] == m.text


# -- scorecard ------------------------------------------------------------------------------------

def _analysis() -> Analysis:
    case = Case("Title\nThe regime fell, officials said.\n(Reuters)")
    case.speaker("officials", "anonymous", named=False)
    case.claim("The regime fell", speaker="officials", anonymous=True)
    claims, markers, links, checks = case.run()
    articles = pd.DataFrame({"article_id": ["t"], "text": [case.text], "n_words": [len(case.text.split())]})
    return Analysis({"articles": articles, "claims": frame(claims, "claims"), "checks": frame(checks, "checks")})


def test_scorecard_is_tidy_and_ordered():
    card = scorecard(_analysis(), "t")
    assert list(card.columns) == ["section", "check", "label", "value", "shown", "severity", "explanation", "detail"]
    assert card["check"].is_unique
    assert list(dict.fromkeys(card["section"])) == ["Sources", "Wording", "Disputes", "Balance", "Headline", "Credit"]
    row = card.set_index("check").loc["named_source_share"]
    assert row["shown"] == "0%" and row["severity"] == "warning"
    assert card.set_index("check").loc["wire_credit_named", "shown"] == "yes"


def test_scorecard_unknown_article():
    with pytest.raises(KeyError, match="nope"):
        scorecard(_analysis(), "nope")


def test_scorecard_exported_lazily():
    import toolkit

    assert toolkit.scorecard is scorecard


def test_claim_span_lookups_match_brute_force():
    from toolkit.literacy.markers import ClaimSpans

    text = "x" * 200
    claims = [
        Claim("t", i, 0, None, None, None, None, "said", k, k + 4, "say", text[s:e], s, e, ((s, e),), "direct", "assert")
        for i, (s, e, k) in enumerate([(10, 50, 5), (20, 30, 31), (60, 61, 62), (100, 180, 90), (110, 120, 121)])
    ]
    spans = ClaimSpans(claims, len(text))
    for start in range(0, 200, 3):
        for end in (start + 1, start + 7):
            inside = [c.claim_id for c in claims if c.content_start <= start and end <= c.content_end]
            hit = spans.content_claim(start, end)
            assert (hit is None) == (not inside) and (hit is None or hit[0] in inside)
            ext = [(min(c.content_start, c.cue_start), max(c.content_end, c.cue_end)) for c in claims]
            assert spans.covers(start, end) == any(s < end and start < e for s, e in ext)


def test_subhead_stating_a_body_claim_as_fact_is_flagged_like_a_headline(nlp):
    # checks.py once read only headline and standfirst as display text, while links.py and
    # markers.py also read subheads; subheads are what a skimming reader sees, so they count.
    text = (
        "Weather report for the coast\n"
        "The storm hit the coast on Monday and roads were closed across the region by the evening.\n"
        "Russia asked China for drones\n"
        "Russia reportedly asked China for drones, officials said."
    )
    case = Case(text, nlp)
    assert [s.role for s in case.sentences][:3] == ["headline", "body", "subhead"]
    case.speaker("officials", "anonymous", named=False)
    case.claim("Russia reportedly asked China for drones", speaker="officials", hedges=("reportedly",), anonymous=True)
    table = case.checks()
    assert json.loads(table.loc["headline_stated_as_fact", "detail"]) == ["Russia asked China for drones"]


def test_reporting_verbs_without_a_parse_come_from_the_lexicon():
    # markers.py once had its own regex of ~25 verbs for text without a parse, while the parsed
    # path read reporting_verbs.tsv: "reiterated" attributed words only when parsed.
    from toolkit.literacy.markers import find_markers

    def doubts(sentence: str) -> list[str]:
        text = "Headline\n" + sentence
        sents = [Sentence("t", 0, 0, "headline", 0, 8, "Headline", 1), Sentence("t", 1, 1, "body", 9, len(text), sentence, 8)]
        return [m.text for m in find_markers("t", text, sents, [], doc=None) if m.kind == "doubt"]

    for verb in ("said", "reiterated", "acknowledges", "speaking", "told", "according to"):
        assert doubts(f"Officials {verb} the 'peace plan' was over.") == [], verb
    assert doubts("Officials signed the 'peace plan' yesterday.") == ["'peace plan'"]
    assert doubts("The so-called deal was 'dead on arrival' anyway.") == ["so-called", "'dead on arrival'"]


def test_source_checks_are_derived_from_the_source_classes():
    from toolkit.literacy.checks import SOURCE_CHECKS, claim_source_class
    from toolkit.types import SOURCE_CLASSES, source_class

    assert list(SOURCE_CHECKS) == [c for c in SOURCE_CLASSES if c != "unknown"]
    assert SOURCE_CHECKS["named person"] == "named_person_claims"
    assert SOURCE_CHECKS["institution"] == "named_institution_claims"
    claim = Claim("t", 0, 0, 0, "she", 0, 3, "said", 4, 8, "say", "x", 9, 10, ((9, 10),), "indirect", "assert")
    for kind in ("person", "government", "document", "vague", "martian"):
        for named in (True, False):
            speaker = Speaker("t", 0, "She", kind, named)
            assert claim_source_class(claim, speaker) == source_class(kind, named=named)


def test_headline_quote_marks_attribute_rather_than_doubt(nlp):
    text = "Steel sell-off 'illegal'\nThe sale of the steel mill was illegal, a court in Kyiv said."
    case = Case(text, nlp)
    case.speaker("a court in Kyiv", "organization")
    case.claim("The sale of the steel mill was illegal", speaker="a court in Kyiv")
    claims, markers, _, checks = case.run()
    assert not [m for m in markers if m.kind == "doubt"]
    assert frame(checks, "checks").set_index("check").loc["headline_stated_as_fact", "value"] == 0


def test_voice_balance_counts_unaffiliated_speakers_separately():
    text = "Vote\nAnna Petrova said A. Boris Ivanov said B. Anna Petrova said C."
    case = Case(text)
    case.speaker("Anna Petrova", "person")
    case.speaker("Boris Ivanov", "person")
    after = 0
    for who, what in (("Anna Petrova", "A"), ("Boris Ivanov", "B"), ("Anna Petrova", "C")):
        after = text.index(f"{who} said {what}", after)
        case.claim(what, speaker=who, after=after)
    table = case.checks()
    assert json.loads(table.loc["voice_balance", "detail"]) == {
        "Anna Petrova": {"claims": 2, "quoted_words": 0}, "Boris Ivanov": {"claims": 1, "quoted_words": 0}}
    assert json.loads(table.loc["first_last_word", "detail"]) == ["Anna Petrova", "Anna Petrova"]
    assert table.loc["first_last_word", "value"] == 1.0


def test_same_content_from_another_source_supports(nlp):
    text = (
        "Drones\n"
        "Anna Petrova said Russia asked China for armed drones.\n"
        "Boris Ivanov said Russia asked China for armed drones last week."
    )
    case = Case(text, nlp)
    case.speaker("Anna Petrova", "person")
    case.speaker("Boris Ivanov", "person")
    case.claim("Russia asked China for armed drones", speaker="Anna Petrova")
    case.claim("Russia asked China for armed drones last week", speaker="Boris Ivanov", after=text.index("Boris"))
    assert _links(case) == {(1, 0, "supports")}


def test_duplicate_claim_ids_do_not_break_or_self_link(nlp):
    text = "Row\nUS officials said Russia asked China for drones. Russia denied asking China for drones."
    case = Case(text, nlp)
    case.speaker("US officials", "anonymous", named=False, affiliation="US")
    case.speaker("Russia", "country", affiliation="Russia")
    case.claim("Russia asked China for drones", speaker="US officials", anonymous=True)
    case.claim("asking China for drones", speaker="Russia", cue="denied", lemma="deny", stance="deny", after=text.index("Russia denied"))
    case.claims = [case.claims[0], dataclasses.replace(case.claims[1], claim_id=0)]
    claims, _, links, checks = case.run()
    assert len(claims) == 2
    assert all(lk.claim_id != lk.target_claim_id for lk in links)
    assert "literacy_error" not in {c.check for c in checks}


def test_links_stay_linear_in_article_length(nlp, seed_text):
    """All-pairs linking made a 5 MB article produce tens of millions of links (20 GB)."""
    from toolkit.literacy.links import MAX_TARGETS
    from toolkit.nlp import parse_texts
    from toolkit.pipeline import process_article
    from toolkit.types import Article, frame

    text = "\n\n".join([seed_text] * 12)
    res = process_article(Article("x", text), next(parse_texts(nlp, [text])))
    links = frame(res.records["links"], "links")
    n_claims = len(res.records["claims"])
    assert n_claims >= 12 * 21
    # Each claim keeps only its best targets per relation: the total is linear in the claims.
    assert links.groupby(["claim_id", "relation"]).size().max() <= MAX_TARGETS
    assert 0 < len(links) <= 4 * MAX_TARGETS * n_claims
    assert (links.groupby("claim_id")["relation"].size() > 0).sum() <= n_claims
