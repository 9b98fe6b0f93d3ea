"""Fact normalisation: money in every convention, calendar arithmetic, references told apart
from phone numbers and postcodes, and bad input that gets a clear value or none."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calmline
from calmline.analyzer.facts import calendar as cal
from calmline.analyzer.facts import times_in
from calmline.analyzer.facts.money import find_amounts, parse_number
from calmline.analyzer.facts.values import iso_duration

AT = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # a Tuesday


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("79,95", Decimal("79.95")),
        ("1.299,00", Decimal("1299.00")),
        ("1,299.00", Decimal("1299.00")),
        ("1 299,00", Decimal("1299.00")),
        ("1.000.000,00", Decimal("1000000.00")),
        ("1,000,000", Decimal("1000000")),
        ("34", Decimal("34")),
        ("1.299", Decimal("1299")),
        ("1,000.000", None),  # thousands twice with two marks: unclear
        ("1.2345", None),
        ("12 34,5", None),
    ],
)
def test_parse_number(raw: str, value: Decimal | None) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize(
    ("text", "lang", "normalized"),
    [
        ("Ik betaalde € 1.299,00 voor de bank.", "nl", "1299.00 EUR"),
        ("Das kostet 20,- € mehr.", "de", "20.00 EUR"),
        ("Zapłaciłam 1 299,00 zł za pralkę.", "pl", "1299.00 PLN"),
        ("That was £1,299.00 down the drain.", "en", "1299.00 GBP"),
        ("I lost 20 quid on this.", "en", "20.00 GBP"),
        ("CHF 45.50 für nichts.", "de", "45.50 CHF"),
        ("Ze rekenden 1,000.000 euro.", "nl", None),
    ],
)
def test_amounts(text: str, lang: str, normalized: str | None) -> None:
    found = find_amounts(text, lang)
    assert [a.normalized for a in found] == [normalized]


def test_calendar() -> None:
    tue = date(2026, 11, 24)
    assert cal.weekday(tue, 1, future=False) == date(2026, 11, 17)  # strictly before
    assert cal.weekday(tue, 4, future=True) == date(2026, 11, 27)
    assert cal.week_of(tue, -1) == (date(2026, 11, 16), date(2026, 11, 22))
    assert cal.named_month(tue, 12, future=False) == (date(2025, 12, 1), date(2025, 12, 31))
    assert cal.named_month(tue, 12, future=True) == (date(2026, 12, 1), date(2026, 12, 31))
    assert cal.day_without_year(tue, 2, 30, future=False) is None
    assert cal.day_without_year(date(2027, 3, 1), 2, 29, future=False) == date(2024, 2, 29)


def test_iso_durations() -> None:
    assert iso_duration(3, "W") == "P3W"
    assert iso_duration(4, "WD") == "P4D"
    assert iso_duration(1, "FN") == "P2W"
    assert iso_duration(0.5, "D") == "P0.5D"
    assert iso_duration(40, "MIN") == "PT40M"
    assert iso_duration(1.5, "H") == "PT1.5H"


def _facts(text: str, lang: str) -> list[tuple[str, str | None]]:
    a = calmline.analyze(text, lang=lang, at=AT)
    return [(f.kind, f.normalized) for f in a.facts]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Bel me op 06-12345678 of +31 20 123 4567.", "nl"),
        ("Meine PLZ ist 10115 Berlin, Telefon 0171 2345678.", "de"),
        ("Kod pocztowy 00-950, telefon 600 123 456.", "pl"),
        ("My IBAN is GB29 NWBK 6016 1331 9268 19 and the sort code 20-00-00.", "en"),
        ("Het was om 14:30 uur, ik wil 2 stuks.", "nl"),
        ("It happened on 12/11/2026 and covid-19 did not help.", "en"),
    ],
)
def test_phone_numbers_postcodes_ibans_times_and_dates_are_no_references(
    text: str, lang: str
) -> None:
    kinds = {k for k, _ in _facts(text, lang)}
    assert not kinds & {
        "order_number",
        "invoice_number",
        "ticket_number",
        "tracking_number",
        "customer_number",
        "contract_number",
    }


def test_a_postal_tracking_number_needs_no_label() -> None:
    assert ("tracking_number", "RM220344175GB") in _facts(
        "It says RM220344175GB was delivered.", "en"
    )


@pytest.mark.parametrize("text", ["Am 31.02. war niemand da.", "Op 30-02 kwam er niemand."])
def test_an_impossible_date_is_no_date(text: str) -> None:
    assert not [k for k, _ in _facts(text, (text[:2] == "Am" and "de") or "nl") if k == "date"]


def test_five_hundred_numbers_keep_the_first_sixty_facts() -> None:
    text = " ".join(f"Bestellung {10000 + i}." for i in range(500))
    a = calmline.analyze(text, lang="de", at=AT)
    assert len(a.facts) == 60
    assert a.facts[0].normalized == "10000"


def test_an_agents_times_are_promises() -> None:
    found = times_in(
        "U ontvangt het bedrag binnen 5 werkdagen, uiterlijk vrijdag.", "nl", AT.date()
    )
    assert [(t.normalized, t.role) for t in found] == [
        ("P5D", "promised"),
        ("2026-11-27", "promised"),
    ]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .,/-#€£zł:abcNLRE\n")), max_size=120))
def test_fact_spans_always_index_the_text(text: str) -> None:
    a = calmline.analyze(text, lang="nl", at=AT)
    for f in a.facts:
        assert text[f.start : f.end] == f.text
