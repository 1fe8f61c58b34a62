"""Audit days against the published tables (docs/reference/audit_time/)."""

from __future__ import annotations

import pytest

from questionnaire.domain.audit_time import (
    INTEGRATED_NOTE,
    INTEGRATION_REDUCTION,
    TABLES,
    Span,
    estimate,
    half_days,
    integrated,
)


@pytest.mark.parametrize(
    ("table", "people", "band", "days"),
    [
        # IAF MD 5:2019 table QMS 1, as quoted by EA FAQ 38.2 (1-5: 1.5), EA FAQ 37.23 (55 people: 5) and others
        ("qms", 1, "1-5", {"days": 1.5}),
        ("qms", 14, "11-15", {"days": 2.5}),
        ("qms", 55, "46-65", {"days": 5.0}),
        ("qms", 1176, "1176-1550", {"days": 14.0}),
        # IAF MD 5:2019 OH&S table (high / medium / low)
        ("ohs", 20, "16-25", {"high": 5.5, "medium": 4.5, "low": 3.5}),
        ("ohs", 150, "126-175", {"high": 12.0, "medium": 9.0, "low": 6.0}),
        # IAF MD 5:2019 EMS table (high / medium / low / limited)
        ("ems", 30, "26-45", {"high": 7.0, "medium": 5.5, "low": 4.0, "limited": 3.0}),
        # ISO/IEC 27006-1 Annex C (27006:2015 Annex B)
        ("isms", 10, "1-10", {"days": 5.0}),
        ("isms", 20, "16-25", {"days": 7.0}),
        ("isms", 125, "86-125", {"days": 12.0}),
    ],
)
def test_published_values(table: str, people: int, band: str, days: dict[str, float]) -> None:
    found = estimate(table, people)
    assert found is not None and found.band == band and found.days == days and not found.beyond_table


def test_tables_are_contiguous_and_grow() -> None:
    for table in TABLES.values():
        for (_, high, days), (low, _, next_days) in zip(table.rows, table.rows[1:], strict=False):
            assert high is not None and low == high + 1
            assert all(b >= a for a, b in zip(days, next_days, strict=True))


def test_beyond_the_table_is_a_floor() -> None:
    found = estimate("isms", 5000)
    assert found and found.beyond_table and found.band == "more than 1175" and found.days == {"days": 18.5}


def test_surveillance_and_recertification_are_a_third_and_two_thirds_in_half_days() -> None:
    found = estimate("qms", 55)  # 5 days
    assert found and found.surveillance("days") == 1.5 and found.recertification("days") == 3.5
    assert half_days(0.1) == 0.5


@pytest.mark.parametrize(("table", "people"), [(None, 10), ("qms", None), ("qms", 0), ("unknown", 10)])
def test_no_estimate_without_a_table_or_a_head_count(table: str | None, people: int | None) -> None:
    assert estimate(table, people) is None


def test_integrated_system_sums_the_standards_then_allows_up_to_about_a_fifth_less() -> None:
    """IAF MD 11: T = A + B (+ C); the body may cut T by up to about 20 % for integration, or not at all."""
    quality, security = estimate("qms", 20), estimate("isms", 20)  # 3 days + 7 days
    found = integrated([quality, security])
    assert found is not None and found.parts == (quality, security)
    assert found.separate == Span(10.0, 10.0)
    assert found.combined == Span(8.0, 10.0)  # 10 x 0.8 = 8: a range, never one "exact" figure
    assert str(found.combined) == "8 to 10" and str(found.separate) == "10"
    assert found.surveillance() == Span(2.5, 3.5) and found.recertification() == Span(5.5, 6.5)
    assert INTEGRATION_REDUCTION == 0.20 and "up to about 20 %" in INTEGRATED_NOTE


def test_integrated_with_complexity_columns() -> None:
    """Quality + environment + OH&S for 30 people: QMS 4 days; EMS and OH&S depend on the complexity category."""
    parts = [estimate("qms", 30), estimate("ems", 30), estimate("ohs", 30)]
    medium = integrated(parts, "medium")  # 4 + 5.5 + 5.5 = 15
    assert medium is not None and medium.separate == Span(15.0, 15.0) and medium.combined == Span(12.0, 15.0)
    unknown = integrated(parts)  # each table's lowest to highest column: 4 + 3..7 + 4..7
    assert unknown is not None and unknown.separate == Span(11.0, 18.0) and unknown.combined == Span(9.0, 18.0)
    limited = integrated(parts, "limited")  # OH&S has no "limited" column: its whole range stays open
    assert limited is not None and limited.separate == Span(4.0 + 3.0 + 4.0, 4.0 + 3.0 + 7.0)


def test_integrated_rounds_to_half_days_and_leaves_out_standards_without_a_table() -> None:
    found = integrated([estimate("qms", 14), None, estimate("qms", 3)])  # 2.5 + 1.5 = 4, x 0.8 = 3.2 -> 3
    assert found is not None and len(found.parts) == 2 and found.combined == Span(3.0, 4.0)
    assert integrated([estimate("qms", 14), None]) is None  # one table is not an integrated audit
    assert integrated([]) is None
    beyond = integrated([estimate("isms", 5000), estimate("qms", 5000)])
    assert beyond is not None and beyond.beyond_table
