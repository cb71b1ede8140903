"""Every explanation, finding and feedback line a person reads is plain (issue 15, item 10).

On the bundled article, two synthetic articles run through the real model and handmade cases
that trigger every check and claim flag: each string reads at Flesch-Kincaid grade 8 or lower
(textstat), no quotation is cut inside a word ("partn…"), and no quote mark sits directly
inside another (“"by the back door"”).  The exercise feedback (``why``) is measured by
benchmarks/readability.py; its wording belongs to toolkit/widgets/answers.py.
"""

from __future__ import annotations

import pandas as pd
import pytest
from literacy_case import Case
from people_strings import Shown, collect, detail_items, double_quoted, grade, mid_word_cuts

import toolkit
from toolkit.comparison.findings import Tables, findings
from toolkit.literacy.explain import CHECK_LABELS, claim_explanation, explain_check
from toolkit.types import frame
from toolkit.widgets.answers import NAMED, UNIDENTIFIED, YES, quote, why
from toolkit.wording import (
    GRADE_MARGIN,
    MAX_GRADE,
    SHORT_SENTENCE_WORDS,
    SYLLABLES_UNSURE,
    grade_margin,
    plain,
    readable,
    reading_grade,
    short_name,
    short_quote,
    two_sentences,
)

# Checks (and claim flags) the tests hold to the grade; "why" is measured, not asserted, here.
KINDS = ("check", "claim", "finding", "summary")

BRIDGE = """Minister admits the new bridge plan has failed
The city's bridge plan reportedly failed, officials say, in a blow to the so-called "reform agenda".
Transport minister Anna Petrova admitted on Monday that the bridge plan had failed. "It was a mistake," she said.
Officials, speaking on condition of anonymity, said the bridge could cost 40 million pounds more. Officials said the work may take years.
Critics claimed the regime had wasted public money. Experts believe the project was doomed.
Mayor Boris Ivanov denied that the bridge plan had failed. "That is simply misinformation from extremists," he said.
The council noted that the first section opened in 2019. It is said that the builders were never paid.
Many residents widely oppose the plan. The plan clearly cost the city 12 million pounds in 2021.
Ivanov accused Petrova of lying to voters. Petrova said the mayor was to blame for the delay.
(Reuters)
"""
STORM = """Storm hits coast as thousands lose power
A storm hit the coast on Sunday, leaving 20,000 homes without power, the energy company said.
According to agency inputs, the storm brought winds of up to 90 miles an hour.
A spokeswoman for the energy company said crews would work through the night.
Some people believe the warnings came too late. Sources close to the council said the alarm was raised late.
Resident Sam Lee said he had never seen anything like it. "It was terrifying," he said.
The energy company said most homes would have power back by Tuesday.
"""


def _cases(nlp) -> list[Case]:
    """Handmade articles for the checks and flags the two synthetic articles may not trigger."""
    out = []
    text = "Russia asked China for drones, says US\nRussia reportedly asked China for drones, officials said.\n(With agency inputs)"
    c = Case(text, nlp)
    c.speaker("US", "country", affiliation="US")
    c.speaker("officials", "anonymous", named=False, affiliation="US")
    c.claim("Russia asked China for drones", speaker="US", cue="says", lemma="say")
    c.claim("Russia reportedly asked China for drones", speaker="officials", hedges=("reportedly",), anonymous=True,
            after=text.index("\n"))
    out.append(c)
    text = ("Row\nUS officials said Russia, Moscow's most powerful diplomatic partner in the long war, asked China for "
            "drones. Russia denied asking China for drones. China accused the US of spreading lies.")
    c = Case(text, nlp)
    c.speaker("US officials", "anonymous", named=False, affiliation="US")
    c.speaker("Russia", "country", affiliation="Russia")
    c.speaker("China", "country", affiliation="China")
    c.claim("Russia, Moscow's most powerful diplomatic partner in the long war, asked China for drones",
            speaker="US officials", anonymous=True)
    c.claim("asking China for drones", speaker="Russia", cue="denied", lemma="deny", stance="deny", after=text.index("Russia denied"))
    c.claim("the US of spreading lies", speaker="China", cue="accused", lemma="accuse", stance="accuse",
            after=text.index("China accused"))
    out.append(c)
    text = ("Vote\nThe so-called referendum was a ‘formality’, and “by the back door”, many experts think. "
            "Anna Petrova noted the deal was signed. Boris Ivanov claimed it was void. Olga Sidorova admitted she was late. "
            "Ann Lee feels the regime was wrong. The report said the vote was fair. The junta jailed reporters.")
    c = Case(text)
    for name in ("Anna Petrova", "Boris Ivanov", "Olga Sidorova", "Ann Lee"):
        c.speaker(name, "person")
    c.speaker("The report", "document")
    c.claim("the deal was signed", speaker="Anna Petrova", cue="noted", lemma="note")
    c.claim("it was void", speaker="Boris Ivanov", cue="claimed", lemma="claim")
    c.claim("she was late", speaker="Olga Sidorova", cue="admitted", lemma="admit")
    c.claim("the regime was wrong", speaker="Ann Lee", cue="feels", lemma="feel")
    c.claim("the vote was fair", speaker="The report")
    out.append(c)
    text = ("Russia asked China for drones\nRussia reportedly asked China for drones, officials said.\n"
            "The US said Russia wants drones from China.")
    c = Case(text, nlp)
    c.speaker("officials", "anonymous", named=False)
    c.speaker("The US", "country", affiliation="US")
    c.claim("Russia reportedly asked China for drones", speaker="officials", hedges=("reportedly",), anonymous=True)
    c.claim("Russia wants drones from China", speaker="The US")
    out.append(c)
    return out


def _case_strings(case: Case) -> list[Shown]:
    claims, _, _, checks = case.run()
    out = [Shown("check", f"case:{c.check}", c.explanation, case.text) for c in checks]
    out += [Shown("detail", f"case:{c.check}", item, case.text) for c in checks for item in detail_items(c.detail)]
    return out + [Shown("claim", f"case:claim {c.claim_id}", t, case.text) for c in claims for t in c.explanations]


@pytest.fixture(scope="module")
def shown(nlp, seed_analysis) -> tuple[list[Shown], set[str], set[str]]:
    synthetic = toolkit.analyze(
        [BRIDGE, STORM], nlp=nlp, progress=False
    )
    ids = list(synthetic.articles["article_id"])
    strings = collect(seed_analysis) + collect(synthetic, [ids])
    cases = _cases(nlp)
    for case in cases:
        strings += _case_strings(case)
    tables = [seed_analysis.checks, synthetic.checks] + [frame(c.run()[3], "checks") for c in cases]
    found = {str(r.check) for t in tables for r in t.itertuples() if r.value}
    flags = {f for t in (seed_analysis, synthetic) for fs in t.claims["flags"] for f in fs}
    flags |= {f for c in cases for claim in c.run()[0] for f in claim.flags}
    return strings, found, flags


def test_the_articles_trigger_every_check_and_flag(shown):
    _, found, flags = shown
    # first_last_word counts only when one side opens and closes; the others all fire somewhere.
    assert set(CHECK_LABELS) - found <= {"first_last_word"}
    assert {"anonymous_claims", "vague_claims", "agentless_claims", "anonymity_without_reason", "hedging_density",
            "endorsing_cues", "doubting_cues", "guilt_cues", "cue_stance_counts", "denied_claims", "accusations",
            "loaded_labels_inside_quotes"} <= flags


def test_every_string_reads_at_grade_8_or_lower(shown):
    strings, _, _ = shown
    graded = [s for s in strings if s.kind in KINDS]
    assert len({s.kind for s in graded}) == len(KINDS)
    hard = sorted(((grade(s.text), s.kind, s.text) for s in graded if grade(s.text) > MAX_GRADE), reverse=True)
    assert not hard, "\n".join(f"{g:.1f} {k}: {t}" for g, k, t in hard)


def test_no_quotation_is_cut_inside_a_word(shown):
    strings, _, _ = shown
    cut = [(s.kind, s.text) for s in strings if "…" in s.text]
    assert cut  # the long denied claim above is cut somewhere
    bad = [(s.kind, c) for s in strings for c in mid_word_cuts(s.text, s.source)]
    assert not bad, bad[:10]


def test_no_quotation_is_quoted_twice(shown):
    strings, _, _ = shown
    assert any("by the back door" in s.text for s in strings)  # the scare quote is shown
    bad = [(s.kind, s.text) for s in strings if double_quoted(s.text)]
    assert not bad, bad[:10]


def test_the_checks_can_fail():
    assert double_quoted("words such as “\"by the back door\"”")
    assert mid_word_cuts("asked “Moscow's partn…”", "asked Moscow's partner for arms") == ["Moscow's partn…"]
    assert not mid_word_cuts("asked “Moscow's partner…”", "asked Moscow's partner for arms")
    assert grade("Notwithstanding considerable institutional deliberation, comprehensive reconciliation failed.") > MAX_GRADE


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ('"by the back door"', 8, "by the back door"),
        ("“It was a mistake,” she said", 8, "‘It was a mistake,’ she said"),
        ("He called it “a lie” today", 8, "He called it ‘a lie’ today"),
        ("the Joneses’", 8, "the Joneses’"),
        ("one two three four five six", 3, "one two three…"),
        ("one two, three four", 2, "one two…"),
        ("that the plan failed.", 8, "the plan failed"),
    ],
)
def test_short_quote(text, words, expected):
    assert short_quote(text, words=words) == expected


def test_reading_grade_agrees_with_textstat_on_plain_and_hard_text():
    plain = "The cat sat on the mat. It was happy."
    hard = "Notwithstanding considerable institutional deliberation, comprehensive reconciliation failed."
    assert reading_grade(plain) < MAX_GRADE and grade(plain) < MAX_GRADE
    assert reading_grade(hard) > MAX_GRADE and grade(hard) > MAX_GRADE


# Handmade long names and descriptions (not from any corpus): each alone lifts the one-sentence
# template past grade 8, so every case below failed before the plain forms (toolkit.wording.plain).
LONG_NAMES = (
    "Professor Bartholomew Okonkwo-Villanueva",
    "The Intergovernmental Oceanographic Commission",
    "A Metropolitan Police spokeswoman",
    "an independent, non-governmental organisation",
    "Parliamentary opposition representatives",
)


def _key(source: str, anonymity: str, mention: str | None = None) -> pd.Series:
    return pd.Series({"source": source, "anonymity": anonymity, "speaker_text": mention or source})


@pytest.mark.parametrize("name", LONG_NAMES)
def test_feedback_on_a_long_source_name_reads_at_grade_8(name):
    for question, key, bare in (
        ("source", _key(name, NAMED), f"The source is {name}."),
        ("anonymity", _key(name, NAMED), f"{quote(name)} is named, so a reader can check who said it."),
        ("anonymity", _key(name, UNIDENTIFIED), f"{quote(name)} does not tell us exactly who spoke, so we cannot check them."),
    ):
        text = why(question, key)
        assert grade(bare) > MAX_GRADE, bare  # the case is hard: the old single sentence failed
        assert grade(text) <= MAX_GRADE, (grade(text), text)
        assert short_quote(name) in text  # who said it is never dropped


@pytest.mark.parametrize("name", LONG_NAMES)
def test_explanations_with_a_long_name_read_at_grade_8(name):
    first_last = explain_check("first_last_word", 0, first="Professor Bartholomew Okonkwo-Villanueva", last=name)
    hidden = claim_explanation("anonymous_source", who=name)
    for text in (first_last, hidden):
        assert grade(text) <= MAX_GRADE, (grade(text), text)
        assert text.endswith("?")  # the question to ask is kept
    assert short_name(name).lower() in hidden.lower() and "Okonkwo-Villanueva" in first_last
    assert grade(f"Professor Bartholomew Okonkwo-Villanueva has the first word and {name} the last"
                 " — whose side will you keep in mind?") > MAX_GRADE


def _tables(**tables: pd.DataFrame) -> Tables:
    columns = {"claims": ["side", "article_id", "claim_id", "affiliation", "speaker", "source_class"],
               "matches": ["side_a", "side_b"], "only_in": ["side"],
               "speakers": ["presence", "source_class", "speaker", "Outlet A", "Outlet B"],
               "sourcing": ["side", "source_class", "claims"], "wording": ["side", "kind", "term", "count"],
               "denials": ["side", "denier", "also_in"], "headlines": ["side", "other", "kind", "detail", "claim"]}
    return Tables(**{k: tables.get(k, pd.DataFrame(columns=c)) for k, c in columns.items()})


@pytest.mark.parametrize("name", LONG_NAMES)
def test_findings_with_a_long_name_read_at_grade_8(name):
    speakers = pd.DataFrame([{"presence": "one", "source_class": "institution", "speaker": name, "Outlet A": 2,
                              "Outlet B": 0}])
    denials = pd.DataFrame([{"side": "Outlet A", "denier": name, "also_in": ()}])
    headlines = pd.DataFrame([{"side": "Outlet A", "other": "Outlet B", "kind": "different subject",
                               "detail": "Intergovernmental | Parliamentary", "claim": None}])
    found = findings(_tables(speakers=speakers, denials=denials, headlines=headlines), ["Outlet A", "Outlet B"])
    assert grade(f"Outlet A quotes {short_name(name)}, but Outlet B does not.") > MAX_GRADE
    mine = [f for f in found if "Outlet A" in f and "Outlet B" in f and ("quotes" in f or "denial" in f or "headline" in f)]
    assert len(mine) == 3, found
    for text in mine:
        assert grade(text) <= MAX_GRADE, (grade(text), text)
    assert sum(short_name(name).lower() in f.lower() for f in mine) == 2  # the name stays in both


def test_a_pronoun_is_never_shown_as_what_the_article_calls_a_source():
    text = why("source", _key("The Intergovernmental Oceanographic Commission", NAMED, mention="that"))
    assert "“that”" not in text and "Commission" in text
    assert "“the agency”" in why("source", _key("The Intergovernmental Oceanographic Commission", NAMED, "the agency"))


def test_two_sentences_breaks_at_joints_outside_quotes_only():
    assert two_sentences("A quotes “x — y; z”, but B does not.") == "A quotes “x — y; z”. But B does not."
    assert two_sentences("No joint here.") == "No joint here."
    assert plain("The source is the mayor.", helps="They made the claim.") == "The source is the mayor."


def test_reading_grade_is_never_much_easier_than_textstat_on_names():
    # The builders measure with reading_grade (no textstat at run time); textstat reads a
    # pronouncing dictionary, and guesses names it does not know (often low: "Okonkwo-Villanueva").
    # What matters is that a builder never finds a sentence much easier than the benchmark does.
    texts = [f"The source is {n}." for n in LONG_NAMES] + ["Outlet A has 2 of 11 claims from the non-profit group."]
    for text in texts:
        assert reading_grade(text) > grade(text) - 1, text
    assert abs(reading_grade(texts[-1]) - grade(texts[-1])) < 1


# Handmade short feedback lines (not from any corpus) whose grade one name sets: textstat's
# dictionary counts "Montague" a syllable higher than our rules, which on a 10-word line is more
# than the half-grade margin the builders used to keep (issue 15, round 3).
SHORT_CASES = (("Octavia Montague", "Montague"), ("Valentina Montague", "Montague"), ("Maximilian Montague", "Montague"))


def test_a_short_sentence_is_held_further_under_the_grade():
    four, eight = "The source is negotiators.", "The source is the mayor of the city."
    assert grade_margin(four) == pytest.approx(11.8 * SYLLABLES_UNSURE / 4)  # one syllable on 4 words
    assert grade_margin(four) > grade_margin(eight) > grade_margin(" ".join(["Word"] * 40) + ".") == GRADE_MARGIN
    assert grade_margin(" ".join(["Word"] * (SHORT_SENTENCE_WORDS + 1)) + ".") == GRADE_MARGIN
    # Below the old fixed margin, but one syllable counted higher would lift it past the grade.
    assert reading_grade("The source is commentators.") <= MAX_GRADE - GRADE_MARGIN
    assert not readable("The source is commentators.") and readable("The source is the mayor.")


@pytest.mark.parametrize(("name", "mention"), SHORT_CASES)
def test_short_feedback_set_by_one_name_gets_the_helping_sentence(name, mention):
    bare = f"The source is {name}. The article calls them {quote(mention)}."
    assert grade(bare) > MAX_GRADE, bare  # the case is hard for textstat ...
    assert reading_grade(bare) <= MAX_GRADE - GRADE_MARGIN  # ... and passed the old fixed margin
    text = why("source", _key(name, NAMED, mention))
    assert grade(text) <= MAX_GRADE, (grade(text), text)
    assert text.startswith(bare) and len(text) > len(bare)  # the name and the mention are kept


@pytest.mark.parametrize("word", ["negotiators", "Korea's", "nuclear", "criticism", "trying", "experience", "society",
                                  "speeches", "hundred", "earlier", "create", "entire", "virtue", "statement", "lately"])
def test_reading_grade_counts_syllables_as_textstat_does_on_words_it_used_to_miss(word):
    # On a 4-word sentence one syllable is 3 grades: agreeing within half a grade means the same count.
    text = f"The word is {word}."
    assert abs(reading_grade(text) - grade(text)) < 0.5, (word, reading_grade(text), grade(text))


def test_a_hedge_used_twice_is_listed_once():
    text = claim_explanation("hedged", hedges=["probably", "may", "probably"])
    assert text.count("probably") == 1 and "may" in text, text
    feedback = why("hedged", pd.Series({"hedged": YES, "hedges": ["probably", "probably"]}))
    assert feedback.count("probably") == 1, feedback


def test_a_denial_with_long_names_and_a_long_quote_reads_at_grade_8():
    names = ["The Ministry of Defence", "both independent analysts and local residents in the camp"]
    said = quote("independent analysts and local residents in the camp rejected the report")
    bare = f"It is denied in the article by {quote(names[0])} and {quote(names[1])}. They say: {said}."
    assert grade(bare) > MAX_GRADE, bare
    text = why("denied", pd.Series({"denial": False, "denied": YES, "denied_by": names, "denying_quotes": [said]}))
    assert grade(text) <= MAX_GRADE, (grade(text), text)
    assert quote(names[0]) in text and "They say: “independent analysts" in text
