"""The web-page cleaning rules of toolkit/webpage.py, on small synthetic pages written for the tests.

Where trafilatura alone would already clean a page, the test would prove nothing, so each
boilerplate test first checks that trafilatura's own extraction keeps the line.
"""

from __future__ import annotations

import pytest
import trafilatura

from toolkit import load_articles
from toolkit.load import load_with_errors
from toolkit.webmeta import clean_byline, clean_outlet, clean_title
from toolkit.webpage import extract_article

PARAS = [
    "The river rose by two metres overnight, forcing the council to close three bridges in the town centre.",
    "Residents said the water reached their doors before dawn, and several families spent the night with neighbours.",
    "The mayor said emergency crews had pumped water from the main square since early on Tuesday morning.",
    "Forecasters expect more rain later in the week, although the worst of the storm has now passed to the east.",
]
HEADLINE = "River floods the town centre"


def page(*, top: str = "", mid: str = "", end: str = "", title: str = HEADLINE, head: str = "", h1: str = HEADLINE) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAS[:2]) + mid + "".join(f"<p>{p}</p>" for p in PARAS[2:])
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article><h1>{h1}</h1>"
        f"{top}{body}{end}</article></body></html>"
    )


def body_lines(html: str) -> list[str]:
    art = extract_article(html)
    assert art is not None
    return art.text.splitlines()[1:]


def kept_by_trafilatura(html: str, line: str) -> bool:
    return line in (trafilatura.extract(html) or "")


@pytest.mark.parametrize(
    ("html", "line"),
    [
        (page(mid="<p>Read more: <a href='/x'>Council approves new flood barrier plan</a></p>"), "Read more:"),
        (page(mid="<p>SEE MORE: Pictures of the flooded streets</p>"), "SEE MORE"),
        (page(mid="<p>DON'T MISS</p>"), "DON'T MISS"),
        (page(mid="<p>[VIDEO] Water pours through the square</p>"), "[VIDEO]"),
        (page(mid="<p>Water pours through the square [VIDEO]</p>"), "[VIDEO]"),
        (page(mid="<p>Source: Environment Agency river gauges</p>"), "Source:"),
        (page(mid="<p>Sign up for our daily newsletter to get the latest news</p>"), "newsletter"),
        (page(mid="<p>You can unsubscribe at any time.</p>"), "unsubscribe"),
        (page(mid="<p>Download our app for breaking news alerts</p>"), "app"),
        (page(top="<p>Posted on 12 March 2021</p>"), "Posted on"),
        (page(top="<p>Article by Staff Reporter</p>"), "Article by"),
        (page(end="<p>Follow Valley Times on Facebook, Twitter and Instagram.</p>"), "Follow Valley"),
        (page(mid="<p>Photo: Jane Roe/Getty Images</p>"), "Getty"),
    ],
)
def test_furniture_lines_go(html, line):
    assert kept_by_trafilatura(html, line)
    assert not any(line in ln for ln in body_lines(html))
    assert body_lines(html) == PARAS


def test_a_sentence_with_furniture_words_stays():
    sentence = "She said she had read more than forty reports and would sign up volunteers for the clean-up."
    html = page(mid=f"<p>{sentence}</p>")
    assert sentence in body_lines(html)


def test_caption_lines_go():
    cap = "A man wades through the flooded square on Tuesday"
    html = page(mid=f"<figure><img src='a.jpg' alt='{cap}'><figcaption>{cap}</figcaption></figure><p>{cap}</p>")
    assert kept_by_trafilatura(html, cap)
    assert body_lines(html) == PARAS


def test_related_block_and_its_teasers_go():
    teasers = ["Storm warnings issued for the coast today", "Schools shut as heavy snow falls in the hills"]
    for label in ("Related", "More from Valley Times", "Most read"):
        html = page(end=f"<p>{label}</p>" + "".join(f"<p>{t}</p>" for t in teasers))
        assert kept_by_trafilatura(html, teasers[0])
        assert body_lines(html) == PARAS


def test_label_teaser_of_another_article_goes():
    html = page(mid="<p><strong>Earlier: </strong>Heavy rain forecast for the weekend across the region</p>")
    assert kept_by_trafilatura(html, "Heavy rain forecast")
    assert body_lines(html) == PARAS


def test_leading_promo_bullets_go():
    html = page(top="<ul><li>Three bridges closed as the river rises</li><li>Families spend the night with friends</li></ul>")
    assert kept_by_trafilatura(html, "Three bridges closed")
    assert body_lines(html) == PARAS


def test_first_line_repeating_the_headline_goes():
    html = page(top=f"<p>{HEADLINE}</p>")
    assert (trafilatura.extract(html) or "").count(HEADLINE) == 2
    lines = extract_article(html).text.splitlines()
    assert lines.count(HEADLINE) == 1 and lines[0] == HEADLINE


def test_drop_cap_is_kept():
    html = page().replace("<p>The river rose", "<div class='dropcap'>T</div><p>he river rose")
    assert "\nhe river rose" in (trafilatura.extract(html) or "")
    assert body_lines(html)[0] == PARAS[0]


def test_wire_dateline_and_closing_credit_stay():
    html = page(end="<p>© Thomson Reuters 2020</p>").replace("<p>The river rose", "<p>LONDON (AP) — The river rose")
    lines = body_lines(html)
    assert lines[0].startswith("LONDON (AP) — The river rose")
    assert lines[-1] == "© Thomson Reuters 2020"


LEAD = "SAN FRANCISCO (AP) — The company said on Wednesday that its chief executive would step down at the end of the month."


def test_dateline_lead_in_its_own_container_is_kept():
    html = page(h1="Chief executive steps down").replace(
        "<article><h1>Chief executive steps down</h1>",
        f"<h1>Chief executive steps down</h1><div class='lead-box'><p>{LEAD}</p></div><article>",
    )
    assert LEAD not in (trafilatura.extract(html) or "")
    assert body_lines(html) == [LEAD, *PARAS]


def test_dateline_paragraph_in_a_sidebar_is_not_a_lead():
    html = page().replace("</article>", f"</article><aside class='related'><p>{LEAD}</p></aside>")
    assert LEAD not in body_lines(html)


def test_table_data_rows_go_and_prose_cells_stay():
    rows = "".join(f"<tr><td>Ward {i}</td><td>Jane Roe</td><td>jane{i}@example.org</td></tr>" for i in range(5))
    html = page(mid=f"<table>{rows}</table>")
    assert "jane1@example.org" in (trafilatura.extract(html) or "")
    assert body_lines(html) == PARAS
    layout = page().replace("<p>The river rose", "<table><tr><td><p>The river rose").replace(
        "neighbours.</p>", "neighbours.</p></td></tr></table>", 1)
    # A layout cell's paragraphs come out as one row, so as one line; no word of them is lost.
    assert " ".join(body_lines(layout)) == " ".join(PARAS)


def test_run_of_menu_labels_goes():
    menu = " ".join(["Home News Sports Weather Business Opinion Share Tweet Email Print Subscribe Login"] * 4)
    html = page(mid=f"<p>{menu}</p>")
    assert kept_by_trafilatura(html, menu[:40])
    assert body_lines(html) == PARAS


@pytest.mark.parametrize(
    ("raw", "kw", "want"),
    [
        ("River floods the town centre | DW | 19.01.2020", {"site_names": ("DW",)}, HEADLINE),
        ("River floods the town centre - St. Lucia Times News", {"site_names": ("St. Lucia Times",)}, HEADLINE),
        ("River floods the town centre - Trinidad and Tobago Newsday", {"domain": "newsday.co.tt"}, HEADLINE),
        ("River floods the town centre | World news | The Guardian", {"site_names": ("The Guardian",)}, HEADLINE),
        ("River floods the town centre | Jane Roe", {"authors": ("Jane Roe",)}, HEADLINE),
        ("Floods: River bursts its banks | Valley Times", {"site_names": ("Valley Times",)}, "Floods: River bursts its banks"),
        ("Brexit - what happens next", {"site_names": ("Valley Times",)}, "Brexit - what happens next"),
    ],
)
def test_title_suffix(raw, kw, want):
    assert clean_title(raw, **kw) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("Username", None),
        ("Account You're logged", None),
        ("CBS News February", None),
        ("Condé Nast; Jane Roe", "Jane Roe"),
        ("The Russian; Syrian defense ministries", None),
        ("PTI", None),
        ("JANE ROE; JOHN DOE Associated Press", "Jane Roe; John Doe"),
        ("By Jane Roe, Political Editor", "Jane Roe"),
        ("Maria de la Cruz", "Maria de la Cruz"),
    ],
)
def test_byline_people_only(raw, want):
    assert clean_byline(raw, not_names=("CBS News", "cbsnews.com")) == want


def test_byline_from_a_sidebar_is_not_taken():
    html = page(head="<meta name='author' content='Username'>", end=(
        "<aside class='related-widget'><div class='author_name'>Mark Smith</div><a href='/z'>"
        "His other column on the floods</a></aside>"))
    assert extract_article(html).byline is None


@pytest.mark.parametrize(
    ("names", "domain", "want"),
    [
        (("The Tico Times | Costa Rica News | Travel | Real Estate",), "ticotimes.net", "The Tico Times"),
        (("Hosted",), "hosted.ap.org", "AP"),
        (("usatoday", "USA TODAY"), "usatoday.com", "USA TODAY"),
    ],
)
def test_outlet(names, domain, want):
    assert clean_outlet(names, domain=domain) == want


def test_load_articles_gives_clean_title_outlet_byline(tmp_path):
    html = page(
        title="River floods the town centre | Valley Times",
        head=("<meta property='og:site_name' content='Valley Times | News, Sport and Weather'>"
              "<meta name='author' content='JANE ROE Valley Times'>"),
        top="<p class='byline'>By JANE ROE</p>",
    )
    (tmp_path / "flood.html").write_text(html, encoding="utf-8")
    row = load_articles(tmp_path / "flood.html").iloc[0]
    assert row["title"] == HEADLINE
    assert row["outlet"] == "Valley Times"
    assert row["byline"] == "Jane Roe"
    assert row["text"].split("\n")[1:] == PARAS


def language_warnings(text: str) -> list[str]:
    _, errors = load_with_errors(text)
    return [m for m in errors["message"] if "not English" in m]


@pytest.mark.parametrize(
    "text",
    [
        "Die Regierung will die neuen Regeln nicht mehr verschieben.",  # German, 9 words
        "Der Bürgermeister sagte am Montag, dass die Brücke bald wieder für den Verkehr geöffnet wird.",  # 15
        "El alcalde dijo que el puente estará abierto de nuevo la próxima semana.",  # Spanish, 13
        "Le maire a déclaré que le pont serait rouvert dans les prochains jours.",  # French, 13
        "Les habitants ont passé la nuit chez des voisins.",  # French, 9
    ],
)
def test_short_foreign_text_is_flagged(text):
    assert language_warnings(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine drone strikes hit Moscow oil refinery overnight, officials say",
        "Thousands die as monsoon floods sweep across northern Bangladesh villages",
        "Elena Roe swept aside defending champion Maria Doe 6-3 6-2 to win Hong Kong title",
        "Chancellor unveils spending plans for schools, hospitals and rail upgrades",
        "Real Madrid beat Barcelona 3-1 in El Clasico as Vinicius scores twice",
    ],
)
def test_english_headline_is_not_flagged(text):
    assert not language_warnings(text)
    assert not language_warnings(f"{text}\n{PARAS[0]}")
