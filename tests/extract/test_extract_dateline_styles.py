"""Datelines beyond English wire copy's `CITY, Month Day (Agency) -`: the
own-language copy of AFP, EFE, ANSA, dpa and Lusa, a story filed from two
bureaus, and the wire date line in a US zone that names no offset. Each was
an xfail(strict=True) known gap until it was read."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from loaders.extract import extract, extract_parts
from loaders.extract.date_lines import parse_date_line
from loaders.extract.dateline import find_dateline

REFERENCE = datetime(2025, 6, 1)


# -- months in French, Spanish, Italian, German, Portuguese ----------------------------------

@pytest.mark.parametrize(("paragraph", "place", "agency"), [
    ("PARIS, 3 mars (AFP) - Le gouvernement a cédé lundi.", "Paris", "AFP"),
    ("ROMA, 3 marzo (ANSA) - Il governo ha ceduto.", "Roma", "ANSA"),
    ("BERLIN, 3. März 2025 (dpa) - Die Regierung gab nach.", "Berlin", "dpa"),
])
def test_dateline_with_a_month_in_another_language(paragraph, place, agency):
    dateline = find_dateline(paragraph, REFERENCE)
    assert dateline is not None
    assert (dateline.place, dateline.agency) == (place, agency)
    assert dateline.published_at.date().isoformat() == "2025-03-03"


@pytest.mark.parametrize(("paragraph", "place", "agency", "day"), [
    ("PARIS, 12 févr. (AFP) - Le texte a été adopté.", "Paris", "AFP", "2025-02-12"),
    ("GENÈVE, 1er juin 2024 (AFP) - La conférence s'ouvre.", "Genève", "AFP", "2024-06-01"),
    ("LYON, 21 sept. 2024 (AFP) - La ville a voté.", "Lyon", "AFP", "2024-09-21"),
    ("PARIS, 15 août (AFP) - Les vacanciers sont partis.", "Paris", "AFP", "2024-08-15"),
    ("MADRID, 3 de marzo de 2025 (EFE) - El Gobierno cedió.", "Madrid", "EFE", "2025-03-03"),
    ("BOGOTÁ, 7 abr (EFE) - El presidente habló.", "Bogotá", "EFE", "2025-04-07"),
    ("MILANO, 9 gen (ANSA) - La borsa ha chiuso in calo.", "Milano", "ANSA", "2025-01-09"),
    ("NAPOLI, 30 dicembre 2024 (ANSA) - Il sindaco ha parlato.", "Napoli", "ANSA", "2024-12-30"),
    ("MÜNCHEN, 24. Dezember (dpa) - Der Markt ist geschlossen.", "München", "dpa", "2024-12-24"),
    ("WIEN, 2. Jänner 2025 (APA) - Die Regierung tagte.", "Wien", "APA", "2025-01-02"),
    ("LISBOA, 5 out (Lusa) - O Governo aprovou o orçamento.", "Lisboa", "Lusa", "2024-10-05"),
    ("SÃO PAULO, 28 de fevereiro de 2025 (Lusa) - O mercado caiu.", "São Paulo", "Lusa", "2025-02-28"),
    ("RIO DE JANEIRO, 1 set. (Reuters) - O real subiu.", "Rio de Janeiro", "Reuters", "2024-09-01"),
])
def test_other_languages_abbreviations_and_forms(paragraph, place, agency, day):
    dateline = find_dateline(paragraph, REFERENCE)
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.published_at.date().isoformat()) == (place, agency, day)


@pytest.mark.parametrize(("paragraph", "place", "agency", "day"), [
    ("МОСКВА, 5 марта (Рейтер) - Центральный банк России сохранил ключевую ставку.", "Москва", "Reuters",
     "2025-03-05"),
    ("САНКТ-ПЕТЕРБУРГ, 12 мая (Интерфакс) - Губернатор заявил о новых мерах.", "Санкт-Петербург", "Interfax",
     "2025-05-12"),
    ("Москва, 3 дек - Центральный банк сохранил ставку.", "Москва", None, "2024-12-03"),
    ("ΑΘΗΝΑ, 5 Μαρτίου (Reuters) - Η κυβέρνηση ανακοίνωσε νέα μέτρα.", "Αθηνα", "Reuters", "2025-03-05"),
    ("ΘΕΣΣΑΛΟΝΙΚΗ, 5 ΜΑΪΟΥ (ΑΠΕ-ΜΠΕ) - Η κυβέρνηση ανακοίνωσε νέα μέτρα.", "Θεσσαλονικη", "ANA-MPA",
     "2025-05-05"),
])
def test_russian_and_greek_datelines(paragraph, place, agency, day):
    """Cyrillic and Greek capitals were no place, and their months no month: no dateline at all.
    (A Greek place in capitals has no accents to give back: "ΑΘΗΝΑ" is "Αθηνα", not "Αθήνα".)"""
    dateline = find_dateline(paragraph, REFERENCE)
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.published_at.date().isoformat()) == (place, agency, day)


@pytest.mark.parametrize("paragraph", [
    "Москва и Петербург, марта - нет.",  # no day
    "В Москве, 5 марта прошла встреча - без агентства.",  # lower case, a sentence
    "Paris, mars et avril ont été pluvieux - les récoltes en souffrent.",  # no day: a sentence
    "Paris, 3 mars plus tard, le projet a été abandonné.",  # no agency, no dash: story text
    "In Paris, 3 mars were sold - the rest stayed.",  # opens in lower case after the capital
    "3 out - the inning ended there.",  # a day-first month of another language needs a place
    "2 set - the match went on.",
    "Game 7 out - the series is over.",  # a place word, but no comma and no agency
    "Talks stalled as a dispute mars 3 days of meetings - officials said.",  # lower-case "mars", a verb
    "Smoke mars 3 races - organisers said.",
])
def test_no_dateline_from_foreign_month_words_in_a_sentence(paragraph):
    dateline = find_dateline(paragraph, REFERENCE)
    assert dateline is None or dateline.published_at is None


# -- a month of another language before the day; the agency first ---------------------------

@pytest.mark.parametrize(("paragraph", "place", "agency", "day"), [
    # Latin-American Spanish and Portuguese wires: the month first, short and in capitals.
    ("BUENOS AIRES, ABR 9 (Reuters) - El trigo subió.", "Buenos Aires", "Reuters", "2025-04-09"),
    ("MADRID, ENE 3 - El Gobierno cedió.", "Madrid", None, "2025-01-03"),
    ("BOGOTÁ, ABR. 9 (Reuters) - El peso cayó.", "Bogotá", "Reuters", "2025-04-09"),
    ("CARACAS, dic 12 (Reuters) - El bolívar cayó.", "Caracas", "Reuters", "2024-12-12"),
    ("LIMA, MAYO 5, 2024 (EFE) - El Congreso votó.", "Lima", "EFE", "2024-05-05"),
    ("LISBOA, OUT 5 (Lusa) - O Governo aprovou.", "Lisboa", "Lusa", "2024-10-05"),  # a word-month, with an agency
    ("BUENOS AIRES, AOUT 1 (AFP) - Le peso a chuté.", "Buenos Aires", "AFP", "2024-08-01"),  # not "A" + "OUT 1"
    # EFE closes its dateline with ".-".
    ("LIMA, 12 DIC (EFE).- El Congreso votó.", "Lima", "EFE", "2024-12-12"),
    ("MADRID, 5 ene. (EFE).- El Gobierno cedió.", "Madrid", "EFE", "2025-01-05"),
    # The agency first, as ANSA and EFE lay it out.
    ("(ANSA) - ROMA, 3 MAR - Il governo ha ceduto.", "Roma", "ANSA", "2025-03-03"),
    ("(EFE) - MADRID, 5 ene - El Gobierno cedió.", "Madrid", "EFE", "2025-01-05"),
    ("(AFP) - PARIS, 3 mars 2024 - Le gouvernement a cédé.", "Paris", "AFP", "2024-03-03"),
    ("(EFE).- MADRID, 5 ene.- El Gobierno cedió.", "Madrid", "EFE", "2025-01-05"),
    ("* (ANSA) – MILANO, 9 gen – La borsa ha chiuso.", "Milano", "ANSA", "2025-01-09"),
    # Already read before: pinned so they stay read.
    ("SAO PAULO, 9 ABR (Reuters) - O real subiu.", "Sao Paulo", "Reuters", "2025-04-09"),
    ("MÉXICO, 5 de abril (AP) - El peso subió.", "México", "AP", "2025-04-05"),
    ("ROMA, 3 MAR (ANSA) - Il governo ha ceduto.", "Roma", "ANSA", "2025-03-03"),
    ("LIMA, 12 DIC (EFE) - El Congreso votó.", "Lima", "EFE", "2024-12-12"),
])
def test_month_first_and_agency_first_layouts(paragraph, place, agency, day):
    dateline = find_dateline(paragraph, REFERENCE)
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.published_at.date().isoformat()) == (place, agency, day)
    assert paragraph[dateline.end:].strip()[:1].isupper()  # the story starts where the dateline ends


def test_agency_first_keeps_its_agency_in_the_raw_dateline_not_in_the_sources():
    body = ["(ANSA) - ROMA, 3 MAR - Il governo ha ceduto."]
    dateline, _, sources = extract_parts(body, REFERENCE)
    assert dateline.raw == "(ANSA) - ROMA, 3 MAR -"
    assert (dateline.agency, sources) == ("ANSA", [])


def test_agency_first_before_a_place_in_capitals_without_a_date():
    dateline = find_dateline("(ANSA) - ROMA - Il governo ha ceduto.", REFERENCE)
    assert (dateline.place, dateline.agency, dateline.published_at) == ("Roma", "ANSA", None)


@pytest.mark.parametrize("paragraph", [
    "Tennis, Set 2 - Nadal broke serve.",  # Title Case, no agency: a sentence
    "FINAL, SET 2 - Nadal broke serve.",  # a month that is a word needs an agency when it comes first
    "Ventas, Abr 9 - subieron los precios.",  # month first only under a place in capitals, without an agency
    "(Reuters) - Wall Street - shares rose.",  # after an agency, a Title Case place needs a date
    "(Reuters) - Tesla Inc said on Monday - it would cut prices.",
    "(Updates with details) - LONDON, March 3 - Shares fell.",  # no agency's name
    "(Continued) - The India State Trading Corp bought 20,000 tonnes.",
    "(AP) - ROMA (ANSA) - Il governo ha ceduto.",  # two agencies: no wire's layout
])
def test_not_month_first_or_agency_first_datelines(paragraph):
    dateline = find_dateline(paragraph, REFERENCE)
    assert dateline is None or dateline.published_at is None and dateline.place is None


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("LONDON, March 3 (Reuters) - Shares fell.", ("London", "Reuters", datetime(2025, 3, 3))),
    ("TOKYO, 3 March (Reuters) - Shares fell.", ("Tokyo", "Reuters", datetime(2025, 3, 3))),
    ("MIAMI, Fla., Feb 26 - Shares fell.", ("Miami, Fla.", None, datetime(2025, 2, 26))),
    ("BEIJING /XINHUA/ - Shares fell.", ("Beijing", "Xinhua", None)),
    ("WASHINGTON, Sept. 4, 2024 (AP) - Congress met.", ("Washington", "AP", datetime(2024, 9, 4))),
])
def test_english_datelines_read_as_before(paragraph, expected):
    dateline = find_dateline(paragraph, REFERENCE)
    assert (dateline.place, dateline.agency, dateline.published_at) == expected


def test_lower_case_copy_in_another_language():
    dateline = find_dateline("paris, 3 mars (afp) - le gouvernement a cédé.", REFERENCE)
    assert (dateline.place, dateline.agency, dateline.published_at) == ("Paris", "AFP", datetime(2025, 3, 3))


# -- two places ------------------------------------------------------------------------------

def test_dateline_of_two_places():
    dateline = find_dateline("HONG KONG/SHANGHAI, March 3 (Reuters) - Shares fell.", REFERENCE)
    assert dateline is not None
    assert dateline.agency == "Reuters" and dateline.published_at.date().isoformat() == "2025-03-03"
    # The place filter and facet key is the first place; the raw dateline keeps both.
    assert dateline.place == "Hong Kong"
    assert dateline.raw == "HONG KONG/SHANGHAI, March 3 (Reuters) -"


@pytest.mark.parametrize(("paragraph", "place"), [
    ("WASHINGTON/LONDON, Feb 3 (Reuters) - Talks resumed.", "Washington"),
    ("SEOUL / TOKYO, Feb 3 (Reuters) - Talks resumed.", "Seoul"),
    ("NEW YORK/LONDON/TOKYO, Feb 3 - Talks resumed.", "New York"),
    ("MIAMI, Fla./NEW YORK, Feb 3 (Reuters) - Talks resumed.", "Miami, Fla."),
    ("HONG KONG/SHANGHAI (Reuters) - Shares fell.", "Hong Kong"),  # Reuters' style today: no date
])
def test_first_of_several_places(paragraph, place):
    assert find_dateline(paragraph, REFERENCE).place == place


@pytest.mark.parametrize(("paragraph", "places"), [
    ("WASHINGTON/LONDON, Feb 3 (Reuters) - Talks resumed.", ("Washington", "London")),
    ("SEOUL / TOKYO, Feb 3 (Reuters) - Talks resumed.", ("Seoul", "Tokyo")),
    ("NEW YORK/LONDON/TOKYO, Feb 3 - Talks resumed.", ("New York", "London", "Tokyo")),
    ("MIAMI, Fla./NEW YORK, Feb 3 (Reuters) - Talks resumed.", ("Miami, Fla.", "New York")),
    ("LONDON, Feb 3 (Reuters) - Talks resumed.", ()),
])
def test_every_bureau_of_a_story_filed_from_several(paragraph, places):
    """`place=New York` found no "LONDON/NEW YORK" story: only the first place was kept."""
    assert find_dateline(paragraph, REFERENCE).places == places


def test_the_bureaus_are_kept_only_for_a_story_of_several():
    """Every other article's dateline, and so its content hash, is what it was."""
    prepared = extract({"headline": "x", "body": ["LONDON/NEW YORK, March 3 (Reuters) - Oil rose."]}, REFERENCE)
    assert prepared["dateline"]["places"] == ["London", "New York"]
    assert "places" not in extract({"headline": "x", "body": ["LONDON, March 3 (Reuters) - Oil rose."]},
                                   REFERENCE)["dateline"]
    given = {"headline": "x", "dateline": {"place": "Paris"}, "body": ["LONDON/NEW YORK (Reuters) - Oil rose."]}
    assert extract(given, REFERENCE)["dateline"].get("places") is None  # the place given is not among them


@pytest.mark.parametrize("paragraph", [
    # Lines of Reuters' 1987 tables: capitals and a slash, but no date and no agency.
    "USG/ARA-Ghent option Seaforth 40,000/45,000 long tons hss 10 days all purposes.",
    "SOY CAKE/MEAL (cont.) -",
    "EUROPE/ASIA - freight rates firmed.",
])
def test_slash_joined_capitals_without_date_or_agency_are_no_dateline(paragraph):
    assert find_dateline(paragraph, REFERENCE) is None


def test_two_places_are_blanked_out_of_the_sources():
    body = ["HONG KONG/SHANGHAI, March 3 (Reuters) - Shares fell, Zhang Wei said."]
    dateline, _, sources = extract_parts(body, REFERENCE)
    assert dateline.place == "Hong Kong"
    assert {source["name"] for source in sources} & {"Shanghai", "Hong Kong", "SHANGHAI"} == set()


# -- the wire date line in a US zone ---------------------------------------------------------

def test_wire_date_line_in_eastern_time():
    when = parse_date_line("- 4 July, 10:00 ET", REFERENCE)
    assert when is not None and when.utcoffset() == timedelta(hours=-4)


@pytest.mark.parametrize(("line", "utc"), [
    ("- 4 July, 10:00 ET", datetime(2024, 7, 4, 14, 0)),  # daylight time
    ("- 4 January, 10:00 ET", datetime(2025, 1, 4, 15, 0)),  # standard time
    ("- 4 July, 10:00 PT", datetime(2024, 7, 4, 17, 0)),
    ("- 4 July, 10:00 CT", datetime(2024, 7, 4, 15, 0)),
    ("- 4 July, 10:00 MT", datetime(2024, 7, 4, 16, 0)),
    ("- 4 January 2025, 10:00 PT", datetime(2025, 1, 4, 18, 0)),
    ("Published: March 9, 2025 3:30 AM ET", datetime(2025, 3, 9, 7, 30)),  # the morning daylight time starts
    ("- 4 July, 10:00 EDT", datetime(2024, 7, 4, 14, 0)),  # a named offset, as before
    ("- 4 January, 10:00 EST", datetime(2025, 1, 4, 15, 0)),
])
def test_wire_date_line_in_a_us_zone_follows_daylight_saving(line, utc):
    when = parse_date_line(line, REFERENCE)
    assert when.astimezone(timezone.utc) == utc.replace(tzinfo=timezone.utc)


def test_wire_date_line_in_an_ambiguous_zone_stays_naive():
    assert parse_date_line("- 4 July, 10:00 CST", REFERENCE) == datetime(2024, 7, 4, 10, 0)


@pytest.mark.parametrize(("line", "expected"), [
    ("- 4 juillet, 10h00", datetime(2024, 7, 4, 10, 0)),
    ("3. März 2025, 14:54", datetime(2025, 3, 3, 14, 54)),
    ("- 11 de abril de 2025, 14:54", datetime(2025, 4, 11, 14, 54)),
    ("- 3 mar 2025", datetime(2025, 3, 3)),
    ("1er mai 2025", datetime(2025, 5, 1)),
    ("- 3 mars 2025, 10:00", datetime(2025, 3, 3, 10, 0)),  # not "3 mar" with an "s" left over
    ("- 4 juni 2024, 10:00", datetime(2024, 6, 4, 10, 0)),
])
def test_wire_date_line_in_another_language(line, expected):
    assert parse_date_line(line, REFERENCE) == expected


@pytest.mark.parametrize("line", ["- 2 set", "3 out", "12 ago", "3 mars plus tard", "4 juillet, le soir"])
def test_not_date_lines_in_another_language(line):
    assert parse_date_line(line, REFERENCE) is None


def test_a_month_that_is_a_word_reads_with_a_year_or_time():
    assert parse_date_line("- 5 out 2024", REFERENCE) == datetime(2024, 10, 5)
    assert parse_date_line("- 5 out, 10:00", REFERENCE) == datetime(2024, 10, 5, 10, 0)


def test_wire_reader_stores_an_eastern_time_in_utc():
    from loaders.readers import wire

    parsed = wire.parse("Headline\n- 4 July, 10:00 ET\nNEW YORK (Reuters) - Text.", REFERENCE)
    assert parsed["dateline"]["published_at"] == "2024-07-04T14:00:00+00:00"


# -- press releases on Business Wire ---------------------------------------------------------

@pytest.mark.parametrize(("paragraph", "place", "day", "raw"), [
    ("NEW YORK--(BUSINESS WIRE)--Mar. 3, 2025--Acme Widgets Inc. (NYSE: ACW) today announced results for "
     "its fourth quarter.", "New York", "2025-03-03", "NEW YORK--(BUSINESS WIRE)--Mar. 3, 2025--"),
    ("BOSTON, Mass.--(BUSINESS WIRE)--Dec. 30, 2024--Northwind Health, Inc. today closed its acquisition.",
     "Boston, Mass.", "2024-12-30", "BOSTON, Mass.--(BUSINESS WIRE)--Dec. 30, 2024--"),
    ("SAN FRANCISCO--(BUSINESS WIRE)--Brightline Software today named a new chief financial officer.",
     "San Francisco", None, "SAN FRANCISCO--(BUSINESS WIRE)--"),
])
def test_business_wire_press_release_dateline(paragraph, place, day, raw):
    """The wire sits between two double dashes, the date after it: no dash-and-paren layout of a wire."""
    dateline = find_dateline(paragraph, REFERENCE)
    assert (dateline.place, dateline.agency, dateline.raw) == (place, "Business Wire", raw)
    assert (dateline.published_at.date().isoformat() if dateline.published_at else None) == day


def test_a_business_wire_dateline_is_no_part_of_the_first_sentence():
    article = {"body": ["NEW YORK--(BUSINESS WIRE)--Mar. 3, 2025--Acme Widgets Inc. today announced that revenue "
                        "rose 12%.", "“We had a strong quarter,” said Jane Doe, chief executive of Acme Widgets."]}
    result = extract(article, REFERENCE)
    assert result["dateline"]["place"] == "New York"
    assert [quote["speaker"] for quote in result["quotes"]] == ["Jane Doe"]
    assert "New York" not in {source["name"] for source in result["sources"]}


# -- datelines a 1987 wire typist got wrong ------------------------------------------------

@pytest.mark.parametrize(("paragraph", "place", "day"), [
    ("New york, March 2 - Chicago physician LeRoy Pesch said he has had discussions.", "New York", (3, 2)),
    ("Mexico city, march 18 - mexico's proven reserves of liquid hydrocarbons fell.", "Mexico City", (3, 18)),
    ("PONCE, Puerto rico, April 9 - Shr 63 cts vs 89 cts", "Ponce, Puerto Rico", (4, 9)),
    ("c    CHICAGO, March 9 - Johnson Products Co Inc said it completed the sale.", "Chicago", (3, 9)),
])
def test_a_mistyped_dateline_is_still_read(paragraph, place, day):
    """A place word left in lower case, or a stray letter before the place, as Reuters 1987 copy has them."""
    dateline = find_dateline(paragraph, datetime(1987, 4, 10))
    assert dateline is not None
    assert dateline.place == place
    assert (dateline.published_at.month, dateline.published_at.day) == day


@pytest.mark.parametrize("paragraph", [
    "Shares fell, March 9 - the lowest in a year.",
    "Acme said, March 9 - the day it filed.",
    "The big apple, March 9 - a day to remember.",
    "a    Acme said it would sell, March 9 - a unit.",
])
def test_a_sentence_with_a_comma_and_a_date_is_no_mistyped_dateline(paragraph):
    assert find_dateline(paragraph, datetime(1987, 4, 10)) is None
