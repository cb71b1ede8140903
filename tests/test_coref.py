"""Speaker coreference on synthetic news sentences (real model): agreement, names, generic heads."""

from __future__ import annotations

import pandas as pd
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


def test_her_never_goes_to_a_man(run):
    claims, speakers = run(
        "Ann Lee, the mayor, met Tom Park on Monday. Mr Park said the plan would fail.\n\n"
        "\u201cIt is not over yet,\u201d she said."
    )
    assert _speaker_of(claims, speakers, "not over yet")["name"] == "Ann Lee"
    assert _speaker_of(claims, speakers, "would fail")["name"] == "Tom Park"


def test_surname_speaker_gets_the_full_name_the_article_uses(run):
    claims, speakers = run("Kurt Volker arrived early on Tuesday.\n\nVolker said the call was normal.")
    sp = _speaker_of(claims, speakers, "call was normal")
    assert sp["name"] == "Kurt Volker" and sp["speaker_key"] == "kurt volker"


def test_honorific_form_merges_with_the_full_name(run):
    claims, speakers = run(
        "Tony Blair said the economy was strong.\n\nMr Blair said taxes would not rise."
    )
    a, b = _speaker_of(claims, speakers, "economy"), _speaker_of(claims, speakers, "taxes")
    assert a["speaker_id"] == b["speaker_id"] and b["speaker_key"] == "tony blair"


def test_apposition_gives_the_person_not_the_role(run):
    claims, speakers = run("PwC's global chief executive, Samuel DiPiazza, said firms were gloomy.")
    assert _speaker_of(claims, speakers, "gloomy")["name"] == "Samuel DiPiazza"


def test_role_noun_speaker_is_followed_by_he(run):
    claims, speakers = run(
        "A spokesperson for the union said talks had failed.\n\n"
        "\u201cWe will strike next week,\u201d he said."
    )
    a, b = _speaker_of(claims, speakers, "talks had failed"), _speaker_of(claims, speakers, "strike")
    assert a["speaker_id"] == b["speaker_id"]


def test_unresolved_pronoun_is_marked_and_not_named_he(run):
    claims, speakers = run("\u201cWe will win the vote,\u201d he said.")
    sp = _speaker_of(claims, speakers, "win the vote")
    assert sp["name"] == "unresolved: he"
    assert not sp["resolved"] and pd.isna(sp["speaker_key"])


def test_it_takes_the_organisation(run):
    claims, speakers = run("Acme Corp reported a loss on Monday.\n\nIt said demand had fallen sharply.")
    sp = _speaker_of(claims, speakers, "demand had fallen")
    assert sp["name"] == "Acme Corp" and sp["resolved"]


def test_they_never_takes_one_person(run):
    claims, speakers = run("Tom Park met the union leaders.\n\nThey said the offer was poor.")
    assert _speaker_of(claims, speakers, "offer was poor")["name"] != "Tom Park"


def test_generic_head_without_a_named_entity_stays_unresolved(run):
    claims, speakers = run("The company said profits would fall this year.")
    sp = _speaker_of(claims, speakers, "profits would fall")
    assert not sp["resolved"] and sp["name"] != "unresolved: he"
    assert pd.isna(sp["speaker_key"])


def test_he_skips_a_place_the_tagger_calls_a_person_and_takes_the_surname_subject(nlp):
    from spacy.tokens import Span

    from toolkit.attribution.coref import Mention, resolve
    from toolkit.attribution.speakers import describe

    text = (
        "Chelsea winger Arjen Bakker has broken his foot.\n\n"
        "Bakker had a scan after the win at Bolton on Monday. "
        '"It will take six weeks," he told a newspaper.'
    )
    doc = nlp(text)
    at = {t.text: t.i for t in doc}
    # the entity labels the small model often gives: the place a PERSON, the bare surname none
    doc.ents = [Span(doc, at["Arjen"], at["Arjen"] + 2, "PERSON"), Span(doc, at["Bolton"], at["Bolton"] + 1, "PERSON")]
    he = at["he"]
    assign, entities = resolve(doc, [Mention(he, he + 1, describe(doc[he : he + 1]))])
    assert entities[assign[0]].name == "Arjen Bakker"


def test_a_quote_run_printed_on_one_line_stays_one_quote(run):
    # the next paragraph of a quotation ('... ankle. "Then') merged into the same line
    claims, speakers = run(
        'Jan Dekker spoke after training. And he added: "It felt different on my ankle. '
        '"Then I could walk after three days. I hope it will heal soon." '
        'The physio Ann Berg was hopeful. "The fracture is tiny," Berg told the club website.'
    )
    assert _speaker_of(claims, speakers, "fracture is tiny")["name"] == "Ann Berg"
    assert _speaker_of(claims, speakers, "Then I could walk")["name"] == "Jan Dekker"
    assert not claims["content_text"].str.startswith("that it will").any()


def test_a_role_with_a_party_modifier_joins_the_salient_person(run):
    claims, speakers = run(
        "The Greens would protect the coast, Anna Berg pledged as she opened the campaign.\n\n"
        "The Green leader argued that voters felt ignored."
    )
    sp = _speaker_of(claims, speakers, "voters felt ignored")
    assert sp["name"] == "Anna Berg" and sp["gender"] == "female"


def test_a_definite_agent_noun_joins_the_person_named_before(run):
    claims, speakers = run(
        "Marathon runner Paula Kemp wants tougher drug tests.\n\n"
        "The world record holder believes cheats should be banned for life."
    )
    assert _speaker_of(claims, speakers, "cheats should be banned")["name"] == "Paula Kemp"


def test_he_does_not_take_a_name_used_as_a_modifier(nlp):
    from spacy.tokens import Span

    from toolkit.attribution.coref import Mention, resolve
    from toolkit.attribution.speakers import describe

    doc = nlp("Party leader Tom Reed spoke in Leeds. He praised the Lib Dem plans for schools. He said no.")
    at = {t.text: t.i for t in doc}
    # the small model often reads a party's short name before a noun as a PERSON
    doc.ents = [Span(doc, at["Tom"], at["Tom"] + 2, "PERSON"), Span(doc, at["Lib"], at["Lib"] + 2, "PERSON")]
    he = max(t.i for t in doc if t.text == "He")
    ms = [Mention(at["Tom"], at["Tom"] + 2, describe(doc[at["Tom"] : at["Tom"] + 2])), Mention(he, he + 1, describe(doc[he : he + 1]))]
    assign, entities = resolve(doc, ms)
    assert assign[1] == assign[0] and entities[assign[1]].name == "Tom Reed"


def test_the_witness_is_not_someone_given_that_title_only_later(run):
    claims, speakers = run(
        "Ann Lee and Tom Park testified on Tuesday. Mr Park said he saw nothing.\n\n"
        "The witness said the call was normal.\n\n"
        "Later another witness, Carl Ross, spoke."
    )
    assert _speaker_of(claims, speakers, "call was normal")["name"] != "Carl Ross"


def test_a_name_the_apposition_calls_a_company_is_an_organisation_that_it_continues(run):
    claims, speakers = run(
        "Korvello, the world's biggest lamp company, has agreed to buy a Danish firm.\n\n"
        "Korvello said it expects approval in March. It said the deal would add jobs."
    )
    first = _speaker_of(claims, speakers, "to buy a Danish firm")
    assert first["kind"] == "organization"
    assert _speaker_of(claims, speakers, "expects approval")["speaker_id"] == first["speaker_id"]
    assert _speaker_of(claims, speakers, "would add jobs")["speaker_id"] == first["speaker_id"]


def test_kind_of_a_named_body_in_apposition(nlp):
    from toolkit.attribution.speakers import classify_mention

    assert classify_mention("Korvello, the world's biggest lamp company", nlp=nlp) == "organization"
    assert classify_mention("Ann Lee, the company's chief executive", nlp=nlp) == "person"


def test_surname_before_an_apposition_gets_the_full_name(nlp):
    from spacy.tokens import Span

    from toolkit.attribution.coref import Mention, resolve
    from toolkit.attribution.speakers import describe

    doc = nlp(
        "Dr. Tarek Osmani, the director of the clinic, spoke on Monday. "
        "There are 900 patients waiting, said Osmani, of the Northern Friendship Clinic."
    )
    first = next(t.i for t in doc if t.text == "Tarek")
    later = max(t.i for t in doc if t.text == "Osmani")
    # the tagger often reads the bare surname as an organisation
    doc.ents = [Span(doc, first, first + 2, "PERSON"), Span(doc, later, later + 1, "ORG")]
    end = len(doc) - 1
    assign, entities = resolve(doc, [Mention(later, end, describe(doc[later:end]))])
    assert entities[assign[0]].name == "Tarek Osmani"


def test_a_hyphenated_surname_keeps_the_given_name_the_tagger_cut(run):
    claims, speakers = run(
        "Ana Lopez-Garcia, the mayor, said the bridge would close.\n\n"
        "Lopez-Garcia added that repairs would take a year."
    )
    for needle in ("bridge would close", "repairs would take"):
        assert _speaker_of(claims, speakers, needle)["name"] == "Ana Lopez-Garcia"


def test_a_hyphenated_given_name_merges_with_the_honorific_form(run):
    claims, speakers = run(
        "Jean-Claude Juncker said the talks would resume.\n\nMr Juncker said they would succeed."
    )
    first = _speaker_of(claims, speakers, "talks would resume")
    assert first["kind"] == "person"
    assert _speaker_of(claims, speakers, "would succeed")["speaker_id"] == first["speaker_id"]


def test_an_owned_office_is_the_person_who_holds_it(run):
    claims, speakers = run(
        "Ann Bell, Acme's chief executive, said sales rose.\n\n"
        "Its chief executive said the slump was over."
    )
    row = _speaker_of(claims, speakers, "slump was over")
    assert row["kind"] == "person" and row["name"] == "Ann Bell"
    claims, speakers = run("Its chief executive said the slump was over.")
    assert _speaker_of(claims, speakers, "slump was over")["kind"] == "person"


def test_a_possessive_owner_of_a_vow_is_the_subject_who_renews_it(run):
    claims, speakers = run("The minister renewed his vow to cut taxes.")
    row = claims[claims["cue_text"] == "vow"].iloc[0]
    assert row["speaker_text"] == "his" and row["content_text"] == "to cut taxes"
    assert row["speaker_name"] == "The minister"


def test_a_name_closing_a_list_of_offices_is_one_person(run):
    claims, speakers = run(
        "President and Chief Financial Officer of Super Value Ann Bell said prices rose.\n\n"
        "She added that costs were up."
    )
    first = _speaker_of(claims, speakers, "prices rose")
    assert first["name"] == "Ann Bell" and first["gender"] == "female"
    assert _speaker_of(claims, speakers, "costs were up")["speaker_id"] == first["speaker_id"]


def test_coordinated_surnames_are_given_in_full(run):
    claims, speakers = run(
        "Kurt Volker met Tim Morrison in May.\n\n"
        "Later, both Volker and Morrison said they had raised concerns."
    )
    assert _speaker_of(claims, speakers, "raised concerns")["name"] == "Kurt Volker and Tim Morrison"


def test_the_short_form_of_a_newspapers_name_is_the_newspaper_not_a_man(run):
    # The tagger reads the second "Herald" as a person; the "he" in its report is someone else.
    claims, speakers = run(
        "Man held after station fight\n\nThe Valley Herald says officers are asking whether the victim "
        "tried to help.\n\nThe man ran off. The Herald says he was caught a street away."
    )
    sp = _speaker_of(claims, speakers, "caught a street away")
    assert sp["kind"] == "organization" and sp["gender"] == "unknown"
    assert len(speakers) == 1 and "Herald" in sp["name"]


def test_a_surname_that_ends_an_organisations_name_stays_the_person_named_in_full(run):
    claims, speakers = run(
        "Dana Herald, a teacher, spoke first. The Valley Herald covered the meeting on Friday.\n\n"
        "Herald said the school would reopen next year."
    )
    sp = _speaker_of(claims, speakers, "reopen next year")
    assert sp["name"] == "Dana Herald" and sp["kind"] == "person"


def test_an_occupation_before_a_full_name_is_not_part_of_the_name(run):
    claims, speakers = run("Farmer Chad Smith said the frost had cost him half the crop.")
    assert _speaker_of(claims, speakers, "frost had cost")["name"] == "Chad Smith"
    claims, speakers = run("Chef Jamie Oliver said prices would rise.")
    assert _speaker_of(claims, speakers, "prices would rise")["name"] == "Jamie Oliver"


def test_names_written_surname_first_merge_with_their_first_word(run):
    claims, speakers = run(
        "Court removes president\n\nNguyen Van An declared a state of emergency on Tuesday.\n\n"
        "Nguyen said the order was needed. Kim Soo-ah, the opposition leader, said it was illegal.\n\n"
        "Kim said she would fight it in parliament."
    )
    park = _speaker_of(claims, speakers, "order was needed")
    kim = _speaker_of(claims, speakers, "fight it in parliament")
    assert park["name"] == "Nguyen Van An" and kim["name"] == "Kim Soo-ah"
    assert kim["speaker_id"] == _speaker_of(claims, speakers, "was illegal")["speaker_id"]
    assert kim["speaker_key"] == "kim soo ah"


def test_a_name_shortened_to_its_last_word_keeps_western_order(run):
    claims, speakers = run("Tony Blair arrived first.\n\nBlair said the deal was fair. Tony Benn said it was not.")
    assert _speaker_of(claims, speakers, "deal was fair")["name"] == "Tony Blair"
    assert _speaker_of(claims, speakers, "was not")["name"] == "Tony Benn"


def test_a_last_name_the_tagger_cut_off_stays_in_the_full_name(run):
    # the tagger reads "Park Min" as the person and leaves "Jun" untagged
    claims, speakers = run(
        "Court weighs decree\n\nA motion to remove South Korean President Park Min Jun over his decree "
        "failed on Saturday.\n\n\u201cThe decree was necessary,\u201d Park said."
    )
    sp = _speaker_of(claims, speakers, "decree was necessary")
    assert sp["name"] == "Park Min Jun" and sp["speaker_key"] == "park min jun"


def test_a_surname_first_short_form_means_the_person_named_before_it(run):
    # two full names begin "Lee"; every "Lee" comes before the second one is introduced
    claims, speakers = run(
        "Vote delayed\n\nLee Jae-won, the opposition leader, said the vote was a sham.\n\n"
        "Lee said his party would try again. Police later questioned Interior Minister Lee Sang-ho.\n\n"
        "Lee Sang-ho said he had done nothing wrong."
    )
    assert _speaker_of(claims, speakers, "try again")["name"] == "Lee Jae-won"
    assert _speaker_of(claims, speakers, "done nothing wrong")["name"] == "Lee Sang-ho"


def test_an_office_of_another_body_is_not_the_named_holder_of_the_same_title(run):
    claims, speakers = run(
        "Row over lists\n\nA campaign spokesman said they wanted to meet Labour party chairman Tom Reed. "
        "Mr Reed said he was open to talks.\n\n"
        "Last month the chairman of the Commission for Fair Housing also called for new lists."
    )
    other = _speaker_of(claims, speakers, "new lists")
    assert other["name"] != "Tom Reed" and bool(other["named"]) is False
    assert _speaker_of(claims, speakers, "open to talks")["name"] == "Tom Reed"


def test_an_office_without_an_owner_still_joins_its_named_holder(run):
    claims, speakers = run(
        "Vote set\n\nLabour party chairman Tom Reed opened the meeting on Monday.\n\n"
        "The chairman said the vote would go ahead."
    )
    assert _speaker_of(claims, speakers, "vote would go ahead")["name"] == "Tom Reed"


def test_an_office_holder_the_article_never_names_is_an_anonymous_source(run):
    claims, speakers = run(
        "Advice row\n\nThe prime minister's official spokesman rejected the claims on Monday.\n\n"
        "Labour party chairman Tom Reed said the advice was sound."
    )
    row = claims[claims["content_text"].str.contains("the claims", regex=False)].iloc[0]
    assert row["speaker_kind"] == "anonymous" and bool(row["anonymous"])
    named = claims[claims["content_text"].str.contains("advice was sound", regex=False)].iloc[0]
    assert named["speaker_kind"] == "person" and not bool(named["anonymous"])


def test_our_correspondent_is_the_reporter_the_article_names(run):
    claims, speakers = run(
        "Strike vote\n\nBBC correspondent Tom Reed said the unions were united.\n\n"
        "A deal was still possible, our correspondent added."
    )
    assert _speaker_of(claims, speakers, "deal was still possible")["name"] == "Tom Reed"


def test_a_place_the_claim_talks_about_is_not_who_makes_it(run):
    claims, speakers = run(
        "Mayor faces test\n\nOthers who have followed her career see it differently.\n\n"
        "Turnout in Springfield is notoriously low, they say, and the mayor has never faced a runoff."
    )
    row = claims[claims["content_text"].str.contains("notoriously low", regex=False)].iloc[0]
    assert row["speaker_text"] == "they" and "Springfield" not in str(row["speaker_name"])


def test_a_group_that_includes_a_person_is_not_that_person(run):
    claims, speakers = run(
        "The seas will rise fast, James Hansen said on Monday. Hansen and his collaborators argue "
        "that the models are wrong. He said the data were clear."
    )
    hansen = _speaker_of(claims, speakers, "seas will rise")
    group = _speaker_of(claims, speakers, "models are wrong")
    assert group["speaker_id"] != hansen["speaker_id"]
    assert group["name"] == "James Hansen and his collaborators"
    assert (hansen["name"], hansen["gender"]) == ("James Hansen", "male")
    assert _speaker_of(claims, speakers, "data were clear")["speaker_id"] == hansen["speaker_id"]


def test_people_named_together_are_named_as_a_group(run):
    claims, speakers = run("Kevin King and Timothy Weeks said they were well treated. King said he was tired.")
    assert _speaker_of(claims, speakers, "well treated")["name"] == "Kevin King and Timothy Weeks"
    assert _speaker_of(claims, speakers, "was tired")["name"] == "Kevin King"


def test_a_surname_ending_in_s_is_one_person(run):
    # the tagger reads the second "Banks" as a plural noun (NNS), though it tags it PERSON
    claims, speakers = run('The coach, Mike Banks, was angry on Saturday. "We were robbed," Banks said.')
    sp = _speaker_of(claims, speakers, "robbed")
    assert (sp["name"], sp["kind"], sp["gender"]) == ("Mike Banks", "person", "male")


def test_a_name_after_its_own_description_in_apposition_names_the_source(run):
    claims, speakers = run("The plan will fail, said another witness, former White House adviser Fiona Hill.")
    sp = _speaker_of(claims, speakers, "plan will fail")
    assert (sp["name"], sp["kind"], sp["gender"]) == ("Fiona Hill", "person", "female")
    claims, speakers = run("The minister, a close ally of the president, said the plan would fail.")
    assert _speaker_of(claims, speakers, "would fail")["name"] == "The minister"


def test_a_title_named_in_the_next_sentence_is_that_person(run):
    claims, speakers = run("The plan was criticised by the company's chief executive. "
                           "Chief Executive John Smith said the deal was poor.")
    assert _speaker_of(claims, speakers, "The plan")["name"] == "John Smith"
    # not two sentences later, and not an indefinite "another"
    claims, speakers = run("The plan was criticised by the company's chief executive. The shares fell. "
                           "Chief Executive John Smith said the deal was poor.")
    assert _speaker_of(claims, speakers, "The plan")["name"] != "John Smith"


def test_an_office_named_just_after_it_speaks_is_that_person(run):
    claims, speakers = run("About 12% of visitors were in Iran, the campaign's director told the BBC. "
                           "Curt Hopkins said the sentence would not dent their resolve.")
    assert _speaker_of(claims, speakers, "12% of visitors")["name"] == "Curt Hopkins"
    # one sentence of background in between still names the holder
    claims, speakers = run("Acme Steel could cut up to 4,000 jobs, its chief executive has said. "
                           "The Dutch company is due to complete a deal next month. "
                           "However, Rajiv Menon has told investors the group will have to shed staff.")
    assert _speaker_of(claims, speakers, "4,000 jobs")["name"] == "Rajiv Menon"


def test_an_office_is_not_someone_introduced_with_another_title_or_too_late(run):
    claims, speakers = run("About 12% of visitors were in Iran, the campaign's director told the BBC. "
                           "Analyst Curt Hopkins said the sentence would not dent their resolve.")
    assert _speaker_of(claims, speakers, "12% of visitors")["name"] != "Curt Hopkins"
    claims, speakers = run("Acme Steel could cut up to 4,000 jobs, its chief executive has said. "
                           "The Dutch company is due to complete a deal next month. Its shares rose. "
                           "However, Rajiv Menon has told investors the group will have to shed staff.")
    assert _speaker_of(claims, speakers, "4,000 jobs")["name"] != "Rajiv Menon"


def test_an_office_repeated_later_with_a_name_is_that_person(run):
    claims, speakers = run("China's ambassador to Britain accused the UK of meddling. "
                           "The police commander said the rioters were criminals. "
                           "China's ambassador to Britain Liu Wei has said that China has the power to end the unrest.")
    sp = _speaker_of(claims, speakers, "the UK of meddling")
    assert (sp["name"], sp["kind"]) == ("Liu Wei", "person")


def test_an_office_in_capitals_joins_the_person_just_named_but_not_another_office_holder(run):
    claims, speakers = run("Neil Kinnock has accepted a seat in the Lords. "
                           "But the outgoing European Commissioner said his comments needed context.")
    sp = _speaker_of(claims, speakers, "needed context")
    assert (sp["name"], sp["gender"]) == ("Neil Kinnock", "male")
    claims, speakers = run("Ex-Environment Secretary Ann Villa says farmers need help. "
                           "The International Trade Secretary insists that the commission has done enough.")
    sp = _speaker_of(claims, speakers, "done enough")
    # neither Ann Villa (another office) nor a gender read off "International" as a first name
    assert (sp["name"], sp["gender"]) == ("The International Trade Secretary", "unknown")
    claims, speakers = run("The Lord Chancellor has defended the plans. Lord Falconer insists that the proposals are fair. "
                           "But thriller writer Frederick Forsyth says they are a tyranny.")
    assert _speaker_of(claims, speakers, "the plans")["name"] == "Falconer"


def test_his_as_a_speaker_is_a_person_never_a_place_or_cause(run):
    claims, speakers = run("Johnson and Corbyn are trying to win over a weary electorate. Johnson is under fire "
                           "for failing to deliver on his often-repeated vow that Britain would leave the EU on Oct. 31.")
    sp = _speaker_of(claims, speakers, "Britain would leave")
    assert (sp["name"], sp["kind"]) == ("Johnson", "person")


def test_a_surname_the_tagger_calls_an_organisation_is_a_pronoun_antecedent(run):
    # the tagger reads the second "Corbyn" as ORG; the article named Jeremy Corbyn in full before
    claims, speakers = run("Jeremy Corbyn and Boris Johnson met on Tuesday. Corbyn, a stolid socialist, is accused by "
                           "critics of failing to clamp down on anti-Semitism within his party. His refusal to say "
                           "which side he would be on in a Brexit referendum was also met with laughter.")
    sp = _speaker_of(claims, speakers, "which side")
    assert (sp["name"], sp["gender"]) == ("Jeremy Corbyn", "male")


def test_an_office_of_a_body_in_capitals_never_named_is_an_anonymous_source(run):
    claims, speakers = run("The United Nations High Commissioner for Human Rights said the settlements were illegal.")
    sp = _speaker_of(claims, speakers, "settlements were illegal")
    assert sp["kind"] == "anonymous"
    claims, speakers = run("The Lord Chancellor said the plans were fair.")
    assert _speaker_of(claims, speakers, "plans were fair")["kind"] == "person"


def test_an_indefinite_office_named_with_its_title_in_the_next_sentence_is_that_person(run):
    claims, speakers = run("A California transit chief says a man has been stabbed to death on a commuter train. "
                           "Interim BART Police Chief Ed Alvarez told reporters that officials began receiving calls.")
    sp = _speaker_of(claims, speakers, "stabbed to death")
    assert (sp["name"], sp["kind"]) == ("Ed Alvarez", "person")
    # "another ..." announces a second holder
    claims, speakers = run("A police chief says the roads are closed. Another police chief, Ann Ross, said they were open.")
    assert _speaker_of(claims, speakers, "roads are closed")["name"] == "A police chief"


# Titles the tagger misreads: "MP" in capitals is a common noun, an entity label on a title's
# place or club does not make the title a body, words joined inside a modifier are one source.


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


def test_an_outlet_quoting_someone_as_saying_is_not_the_speaker(run):
    claims, speakers = run("Bank row\nThe Financial Times quoted John Smith, a senior banker, as saying the plan was doomed. "
                           "Reuters quoted him as saying that rates would rise. He was quoted as saying it was a disaster. "
                           "The newspaper quoted an unnamed official as saying the talks had failed.")
    for content in ("plan was doomed", "rates would rise", "was a disaster"):
        assert _speaker_of(claims, speakers, content)["name"] == "John Smith"
    assert _speaker_of(claims, speakers, "talks had failed")["kind"] == "anonymous"


def test_an_outlet_that_says_something_itself_still_speaks(run):
    claims, speakers = run("Bank row\nReuters said the plan was doomed, citing a report.")
    assert _speaker_of(claims, speakers, "plan was doomed")["name"] == "Reuters"


def test_a_lead_that_describes_its_source_is_named_in_the_next_sentence(run):
    claims, speakers = run("Judge warns on sentencing\nA senior judge has warned that prisons are full. "
                           "Charles Harris said the courts needed more money.")
    assert _speaker_of(claims, speakers, "prisons are full")["name"] == "Charles Harris"


def test_an_unnamed_source_after_the_lead_stays_unnamed(run):
    claims, speakers = run("Prisons full\nPrisons are full, the Home Office has said. Ministers met on Monday. "
                           "A spokesman has warned that jails are overcrowded. Charles Harris said the courts needed more money.")
    assert _speaker_of(claims, speakers, "jails are overcrowded")["kind"] == "anonymous"


def test_a_quote_relayed_by_an_agency_after_the_quote_is_the_quoted_persons(run):
    claims, speakers = run("Currency switch\nThe franc is gone. \"It is above all a question of sovereignty,\" Reuters quoted "
                           "a central bank official as saying. \"We are ready,\" Mr Lee was quoted as saying by Interfax.")
    assert _speaker_of(claims, speakers, "sovereignty")["kind"] == "anonymous"
    assert _speaker_of(claims, speakers, "We are ready")["name"] == "Lee"


def test_a_name_after_a_title_or_an_owner_is_the_name_without_them(nlp):
    doc = nlp("French Green MEP Alain Lipietz said no.")
    info = describe(doc[0:5])
    assert (info.name, info.descriptor) == ("Alain Lipietz", "French Green MEP")
    doc = nlp("Ernst and Young's Sanjay Mehta said no.")
    assert describe(doc[0:6]).name == "Sanjay Mehta"


def test_one_capitalised_word_after_a_title_is_kept_with_it(nlp):
    doc = nlp("The Green MEP Lambert said no.")
    assert describe(doc[0:4]).name != "Lambert"


def test_a_player_called_by_nationality_is_the_player_just_named(run):
    claims, speakers = run("Federer wins\nRoger Federer reached the semi-finals on Friday. \"It was tough,\" the Spaniard said.")
    assert _speaker_of(claims, speakers, "It was tough")["name"] == "Roger Federer"


def test_a_plural_or_invariant_demonym_is_still_the_country(run):
    claims, speakers = run("Trade row\nRoger Federer reached the semi-finals. The Swiss said the tariffs were unfair. "
                           "The Americans said the draw was unfair.")
    assert _speaker_of(claims, speakers, "tariffs were unfair")["kind"] == "country"
    assert _speaker_of(claims, speakers, "draw was unfair")["kind"] == "country"


def test_a_pronoun_after_a_long_quote_takes_the_person_named_before_the_quote(run):
    claims, speakers = run(
        "Headline\n\nLord Currie spoke first. \u201cWe will act,\u201d he said.\n\n"
        "BT set up a division. Head of the division, Andrew Burke, spoke about content. "
        "\u201cHow risque can I be in this new age? Surely I can push it to the limit,\u201d he said."
    )
    assert _speaker_of(claims, speakers, "push it to the limit")["name"] == "Andrew Burke"


def test_his_family_is_shown_as_the_family_of_the_person_named(run):
    claims, speakers = run(
        "Singer dies\n\nCountry musician Jerry Scoggins has died in Los Angeles at the age of 93, his family has said.\n\n"
        "Ann Lee, the mayor, spoke on Monday. Her lawyer said the case would fail."
    )
    family = _speaker_of(claims, speakers, "has died")
    assert family["name"] == "Jerry Scoggins\u2019 family" and family["kind"] == "anonymous"
    assert pd.isna(family["speaker_key"])  # an unnamed relative is no corpus-wide identity
    assert _speaker_of(claims, speakers, "would fail")["name"] == "Ann Lee\u2019s lawyer"


def test_a_name_ending_an_apposition_after_an_office_for_a_place_is_the_person(run):
    # the small model tags "Kurt Volker" ORG and reads "Ukraine Kurt Volker" as one name
    claims, speakers = run(
        "Headline\n\nSondland testified on Wednesday. Another diplomat, former special envoy to Ukraine "
        "Kurt Volker, said he was not aware of the plan."
    )
    sp = _speaker_of(claims, speakers, "not aware of the plan")
    assert sp["name"] == "Kurt Volker" and sp["kind"] == "person"


def test_a_surname_tagged_as_an_organisation_joins_the_speaker_named_in_full_in_a_description(run):
    # only the speaker layer found "Kurt Volker" (the tagger reads "Ukraine Kurt Volker" as ORG);
    # the later "Volker said", also tagged ORG, is that person
    claims, speakers = run(
        "Headline\n\nSondland testified on Wednesday. Another diplomat, former special envoy to Ukraine "
        "Kurt Volker, said he was not aware of the plan.\n\nVolker said the call had been normal."
    )
    sp = _speaker_of(claims, speakers, "call had been normal")
    assert sp["name"] == "Kurt Volker" and sp["kind"] == "person"
    assert sp["speaker_id"] == _speaker_of(claims, speakers, "not aware of the plan")["speaker_id"]


def test_a_relative_clause_on_a_counted_group_speaks_for_the_many(run):
    claims, speakers = run(
        "Headline\n\nMatt Hancock was forced onto the defensive by a string of Tory MPs who said the "
        "offences were proof that ministers should hold a vote first."
    )
    sp = _speaker_of(claims, speakers, "offences were proof")
    assert sp["name"] == "a string of Tory MPs" and sp["kind"] == "vague"


def test_the_man_the_article_never_names_is_an_anonymous_source_but_the_minister_is_not(run):
    claims, speakers = run(
        "Headline\n\nA man was taken to hospital in Oregon. The man said he had been bitten by a cat. "
        "The minister said the risk was low. American Airlines' parent AMR said it lost money."
    )
    assert _speaker_of(claims, speakers, "bitten by a cat")["kind"] == "anonymous"
    assert _speaker_of(claims, speakers, "risk was low")["kind"] == "person"
    assert _speaker_of(claims, speakers, "lost money")["kind"] != "anonymous"  # a name the tagger missed


def test_his_mother_is_never_the_man_just_named(run):
    claims, speakers = run(
        "Headline\n\nStefan Pakeerah was murdered in February. His mother, Giselle, said the game was to blame. "
        "Tony Blair met the unions on Monday. His spokesman said the talks went well."
    )
    assert _speaker_of(claims, speakers, "to blame")["name"] != "Stefan Pakeerah"
    assert "mother" in _speaker_of(claims, speakers, "to blame")["name"]
    assert _speaker_of(claims, speakers, "talks went well")["name"] == "Tony Blair\u2019s spokesman"


def test_the_makers_of_a_product_in_apposition_make_a_firm_with_no_gender(run):
    claims, speakers = run(
        "Headline\n\nThe game was banned in 2004. Rockstar Games, the makers of Manhunt, has said in the past "
        "it markets its games responsibly."
    )
    sp = _speaker_of(claims, speakers, "markets its games")
    assert sp["kind"] == "organization" and sp["gender"] == "unknown"


def test_a_party_under_two_names_is_one_speaker_and_one_corpus_key(run):
    claims, speakers = run(
        "Headline\n\nThe Tories say the plan will fail. Labour said the policy was a desperate attempt to catch up. "
        "The Conservatives said the cost would be \u00a32bn.\n\nThe Conservatives and Lib Dems said the pledges were worthless."
    )
    tories = _speaker_of(claims, speakers, "plan will fail")
    assert tories["speaker_id"] == _speaker_of(claims, speakers, "cost would be")["speaker_id"]
    assert tories["name"] == "The Conservatives" and tories["speaker_key"] == "conservative party"
    # a party's name is never a person, whatever the tagger says
    labour = _speaker_of(claims, speakers, "desperate attempt")
    assert labour["kind"] == "organization" and labour["gender"] == "unknown"
    # two parties speaking together are not the first of them
    assert _speaker_of(claims, speakers, "pledges were worthless")["speaker_id"] != tories["speaker_id"]


@pytest.mark.parametrize(
    ("text", "needle", "name"),
    [
        # a singular definite description names one person the article has in mind, not a vague group
        ('Headline\n\n"The effect is real," said Max Houck, who runs a course. The American forensics expert '
         "said jurors now expect more tests.", "expect more tests", "Max Houck"),
        ("Headline\n\nJohn Smith spent heavily in the race. The billionaire said the money was his own.",
         "money was his own", "John Smith"),
    ],
)
def test_a_definite_description_after_a_name_is_that_person(run, text, needle, name):
    claims, speakers = run(text)
    assert _speaker_of(claims, speakers, needle)["name"] == name


def test_the_public_stays_vague(run):
    claims, speakers = run("Headline\n\nThe public say the plan is unfair.")
    assert _speaker_of(claims, speakers, "plan is unfair")["kind"] == "vague"


def test_a_person_named_with_an_initial_is_who_the_next_he_is(run):
    claims, speakers = run(
        'Headline\n\n"Shame they are getting more popular," wrote Stuart Stanton-Davies, in Huddersfield.\n\n'
        'E Hayot, writing in the blogzine Print Culture, said recently: "I used to play the game a lot."\n\n'
        "He says that such behaviour was not that unusual."
    )
    assert _speaker_of(claims, speakers, "not that unusual")["name"] == "E Hayot"


@pytest.mark.parametrize(
    ("who", "name"),
    [("the top seed", "Roger Federer"), ("the seventh seed", "Feliciano Lopez")],
)
def test_a_ranked_title_joins_only_the_player_of_that_rank(run, who, name):
    claims, speakers = run(
        "Headline\n\nRoger Federer reached the last four with an easy win over seventh seed Feliciano Lopez.\n\n"
        f"Federer was happy with his form. \u201cI am happy I am playing so well,\u201d said {who}."
    )
    assert _speaker_of(claims, speakers, "playing so well")["name"] == name


def test_an_office_owned_by_its_is_not_the_person_just_named(run):
    # "its" is the film's: the distributor is a firm, not the animator
    claims, speakers = run(
        "Headline\n\nOscar-winning animator Hayao Miyazaki's latest film is to be released in 50 countries, "
        "its distributor has said."
    )
    assert _speaker_of(claims, speakers, "released in 50 countries")["name"] != "Hayao Miyazaki"


def test_an_acronym_is_the_body_named_in_full(run):
    claims, speakers = run(
        "FAO warns on subsidies\n\nFarmers are at risk from falling prices, the UN's Food & Agriculture Organisation "
        "has warned.\n\nThe FAO said that support for farmers in rich nations was too high."
    )
    fao = _speaker_of(claims, speakers, "support for farmers")
    assert fao["speaker_id"] == _speaker_of(claims, speakers, "falling prices")["speaker_id"]
    assert fao["name"] == "the UN's Food & Agriculture Organisation"


def test_a_surname_the_tagger_reads_as_a_plural_noun_is_the_person(run):
    # after a quote, "Mendes" is tagged NNS: still the Pedro Mendes named before
    claims, speakers = run(
        "Headline\n\nMartin Jol said his team were robbed after Pedro Mendes' shot crossed the line.\n\n"
        '"It was a goal." Mendes could not believe the goal was not given after seeing a replay.'
    )
    sp = _speaker_of(claims, speakers, "not given after seeing")
    assert sp["name"] == "Pedro Mendes" and sp["kind"] == "person"


def test_a_firm_with_and_in_its_name_before_a_person_is_not_a_group(run):
    claims, speakers = run("Headline\n\nErnst and Young's Sanjay Mehta said the market would grow.")
    sp = _speaker_of(claims, speakers, "market would grow")
    assert sp["name"] == "Sanjay Mehta" and sp["speaker_key"] == "sanjay mehta"


def test_the_police_is_never_the_agency_or_firm_named_last(run):
    claims, speakers = run("Man flees\n\nReuters reported the theft on Monday. According to the police, the man fled.")
    sp = _speaker_of(claims, speakers, "the man fled")
    assert sp["name"] == "the police"


def test_the_police_is_the_force_named_with_that_word(run):
    claims, speakers = run(
        "Man flees\n\nThe case was opened by Indiana State Police on Monday. Reuters reported the theft. According to the police, "
        "the man was later found."
    )
    assert _speaker_of(claims, speakers, "later found")["name"] == "Indiana State Police"


def test_a_study_in_the_lead_is_the_survey_the_body_names(run):
    claims, speakers = run(
        "Pensions rise\n\nFirms have paid billions into pension schemes, a new study says.\n\n"
        "The Incomes Data Services survey found that 40 firms paid more. It said the trend would go on."
    )
    lead = _speaker_of(claims, speakers, "billions into pension")
    assert lead["speaker_id"] == _speaker_of(claims, speakers, "40 firms")["speaker_id"]
    assert lead["name"] == "The Incomes Data Services survey"


def test_a_study_in_the_lead_stays_apart_from_another_unnamed_finding_before_the_named_one(run):
    claims, speakers = run(
        "Pensions rise\n\nFirms have paid billions into pension schemes, a new study says.\n\n"
        "Separate figures show wages fell. The Incomes Data Services survey found that 40 firms paid more."
    )
    assert _speaker_of(claims, speakers, "billions into pension")["name"] == "a new study"


def test_they_is_the_group_of_people_just_made_the_subject_not_the_place(run):
    claims, speakers = run(
        "Workers leave\n\nThe state passed a tough immigration law in June. Many legal Hispanic workers left the "
        "state after the ruling. They said they were afraid of the police."
    )
    assert _speaker_of(claims, speakers, "afraid of the police")["name"] == "Many legal Hispanic workers"


def test_a_several_word_office_never_joins_a_person_titled_with_another_office(run):
    claims, speakers = run(
        "Law row\n\nMetropolitan Police Commissioner Sir John Stevens backed a change in the law. The pressure "
        "prompted the prime minister to say the police would be consulted."
    )
    assert _speaker_of(claims, speakers, "would be consulted")["name"] != "John Stevens"


def test_it_is_the_owner_not_its_own_website(run):
    claims, speakers = run(
        "Aid online\n\nThe Disasters Emergency Committee has been taking donations via its specially created "
        "website. It urged people to go online where possible."
    )
    assert _speaker_of(claims, speakers, "go online")["name"] == "The Disasters Emergency Committee"


def test_he_after_an_unnamed_office_holder_is_that_holder(run):
    claims, speakers = run(
        "Law row\n\nMetropolitan Police Commissioner Sir John Stevens backed a change in the law. The pressure "
        "prompted the prime minister to say the police would be consulted. He told MPs: \"We will support a change.\""
    )
    sp = _speaker_of(claims, speakers, "support a change")
    assert sp["speaker_id"] == _speaker_of(claims, speakers, "would be consulted")["speaker_id"]
    assert sp["gender"] == "male"


def test_a_capital_the_sentence_start_puts_on_a_prefix_names_no_body(run):
    claims, speakers = run("Security warning\n\nAnti-virus firms say the new worm is spreading fast.")
    assert _speaker_of(claims, speakers, "worm")["kind"] == "vague"


def test_a_speaker_two_sentences_back_outranks_a_name_buried_in_the_sentence_between(run):
    text = ("Bill row\n\nTony Blair said he would do everything he could to meet concerns. But the bill must not "
            "overturn the ruling on artificial feeding for coma victim Tony Bland. \u201cIt is important we "
            "don't end up confused about the law,\u201d he said.")
    claims, speakers = run(text)
    assert _speaker_of(claims, speakers, "It is important")["name"] == "Tony Blair"


def test_a_shared_surname_is_the_bearer_introduced_before_its_first_use(run):
    text = ("Tory row\n\nThe campaign director denied he warned Michael Howard the party could lose. "
            "Mr Howard later said there was no truth in the report. Australia's prime minister, "
            "John Howard, said the strategist was the best.")
    claims, speakers = run(text)
    assert _speaker_of(claims, speakers, "no truth")["name"] == "Michael Howard"
    assert _speaker_of(claims, speakers, "the best")["name"] == "John Howard"
