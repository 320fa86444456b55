from graph.extract.clean import clean
from graph.extract.dates import dominant_year, find_dates
from graph.extract.tables import load_rules

ARTICLE = """Headline About Russia and Cuba

By [Jane Writer](#)

Global Research, October 02, 2023

Click the share button above to email/forward this article. Follow us on [Instagram](#) and [Twitter](#).

Russia and [Cuba](#) signed an agreement on September 29 – October 2.

*

Note to readers: Please click the share button above.

Disclaimer: The contents of this article are of sole responsibility of the author(s).
"""


def test_clean_keeps_offsets_and_metadata() -> None:
    c = clean(ARTICLE, load_rules())
    assert len(c.text) == len(ARTICLE)
    assert c.title == "Headline About Russia and Cuba"
    assert c.author == "Jane Writer"
    assert c.publisher == "Global Research"
    assert c.date == "2023-10-02"
    # the body survives at its own offsets, link markup gone
    i = ARTICLE.index("Russia and [Cuba]")
    assert c.text[i : i + 16] == "Russia and  Cuba"
    # furniture and everything after the end-of-body marker is blanked
    for gone in ("Instagram", "Twitter", "share button", "Disclaimer", "Note to readers"):
        assert gone not in c.text


def test_teasers_after_related_coverage_or_see_also_are_no_body() -> None:
    rules = load_rules()
    page = (
        "Leaders Meet in Accra\n\nPresident Mahama met President Tinubu in Accra.\n\n"
        "Related coverage\nRuto says debt is strangling growth\n"
    )
    c = clean(page, rules)
    assert "Mahama met President Tinubu" in c.text and "Ruto" not in c.text
    wiki = "Accra Summit\n\nThe summit opened.\n\nSee also[edit]\nLome Summit\n"
    assert "Lome" not in clean(wiki, rules).text
    # a bare "Related" heading is kept: a fact sheet may follow it in the same release
    kept = "Release\n\nOFAC acted.\n\nRelated\nFact Sheet\n\nOFAC designated Acme LLC.\n"
    assert "Acme LLC" in clean(kept, rules).text


def test_date_ranges_and_years() -> None:
    (d,) = find_dates("held on September 29 – October 2, in Moscow", 2023)
    assert (d.start, d.end) == ("2023-09-29", "2023-10-02")
    (d,) = find_dates("between September 29 and October 2.", 2023)
    assert (d.start, d.end) == ("2023-09-29", "2023-10-02")
    (d,) = find_dates("In March 2023 for instance", None)
    assert d.start == "2023-03" and d.year_given
    assert find_dates("on September 29", None) == []  # no year known: no date invented
    assert dominant_year("2023 and 2023, 2021") == 2023


def test_a_byline_gives_each_author_without_agency_or_title() -> None:
    from graph.extract.clean import byline_authors

    assert byline_authors("ADA OKAFOR and Tom Reyes Associated Press") == (
        "ADA OKAFOR",
        "Tom Reyes",
    )
    assert byline_authors("Mara Lind, Senior Fellow, and Ivo Petrov, Research Associate") == (
        "Mara Lind",
        "Ivo Petrov",
    )
    assert byline_authors("Agence France-Presse (AFP)") == ()
    assert byline_authors("Staff Reporters") == ()
    page = "Title\n\n*By Mara Lind and Ivo Petrov*\n\nThe talks began in Accra.\n"
    assert clean(page, load_rules()).authors == ("Mara Lind", "Ivo Petrov")


def test_credit_and_contact_lines_are_furniture() -> None:
    page = (
        "Talks Resume\n\nGhana and Togo met in Lome.\n\n"
        "(Reporting by Ama Owusu in Accra; Editing by Tom Hale)\n\n"
        "Associated Press writer Ben Cole in Abuja contributed to this report.\n\n"
        "Contact the Press Office Communication Team by email.\n"
    )
    text = clean(page, load_rules()).text
    assert "Ghana and Togo" in text
    for gone in ("Ama Owusu", "Tom Hale", "Ben Cole", "Communication Team"):
        assert gone not in text
