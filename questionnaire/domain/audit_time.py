"""Audit days for an initial certification audit (stage 1 + stage 2) from the public tables bodies use.

Pure data and arithmetic. The tables and their sources are in docs/reference/audit_time/; a body
starts from the table and adjusts for complexity, sites and risk, so every estimate says so.
Several standards audited together as one integrated system: `integrated` (IAF MD 11).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Row = tuple[int, int | None, tuple[float, ...]]  # personnel from, to (None: and above), days per column


@dataclass(frozen=True)
class Table:
    key: str
    name: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str

    def row(self, headcount: int) -> Row | None:
        """The band a head-count falls in; None beyond the last row we hold."""
        for row in self.rows:
            low, high, _ = row
            if headcount >= low and (high is None or headcount <= high):
                return row
        return None


@dataclass(frozen=True)
class AuditEstimate:
    table: Table
    headcount: int
    band: str
    days: dict[str, float]  # initial audit (stage 1 + stage 2) per column of the table
    beyond_table: bool

    def surveillance(self, column: str) -> float:
        """About a third of the initial audit time each year (IAF MD 5 guidance)."""
        return half_days(self.days[column] / 3)

    def recertification(self, column: str) -> float:
        """About two thirds of the initial audit time (IAF MD 5 guidance)."""
        return half_days(self.days[column] * 2 / 3)


def half_days(days: float) -> float:
    """Audit time is planned in half days; never below half a day."""
    return max(0.5, round(days * 2) / 2)


def estimate(table_key: str | None, headcount: int | None) -> AuditEstimate | None:
    if not table_key or table_key not in TABLES or not headcount or headcount < 1:
        return None
    table = TABLES[table_key]
    row = table.row(headcount)
    if row is None:  # the body extends the progression; the last row is the floor
        low, high, days = table.rows[-1]
        return AuditEstimate(table, headcount, f"more than {high}", dict(zip(table.columns, days, strict=True)), True)
    low, high, days = row
    return AuditEstimate(table, headcount, f"{low}-{high}", dict(zip(table.columns, days, strict=True)), False)


# IAF MD 11: an integrated system's audit starts from the sum of the single-standard times and may be cut by up to
# about 20 % for the degree of integration (docs/reference/audit_time/integrated.md)
INTEGRATION_REDUCTION = 0.20
INTEGRATED_NOTE = (
    "IAF MD 11: the body adds up the time each standard needs on its own, then may lower the sum by up to about "
    "20 % for how far the systems are really integrated (one set of documents, one internal audit and one "
    "management review covering all standards, auditors qualified for several), or not at all if they run side by "
    "side. The range runs from the largest cut to none; the body's own calculation decides."
)


@dataclass(frozen=True)
class Span:
    """A number of audit days known only within a range; low == high when it is exact."""

    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.low:g}" if self.low == self.high else f"{self.low:g} to {self.high:g}"

    def scaled(self, factor: float) -> Span:
        return Span(half_days(self.low * factor), half_days(self.high * factor))


@dataclass(frozen=True)
class IntegratedEstimate:
    parts: tuple[AuditEstimate, ...]
    complexity: str | None
    separate: Span  # stage 1 + stage 2 of each standard on its own, added up
    combined: Span  # the same audited as one integrated system: from the largest IAF MD 11 cut to none

    @property
    def beyond_table(self) -> bool:
        return any(part.beyond_table for part in self.parts)

    def surveillance(self) -> Span:
        """About a third of the combined initial audit time each year (IAF MD 5 guidance)."""
        return self.combined.scaled(1 / 3)

    def recertification(self) -> Span:
        """About two thirds of the combined initial audit time (IAF MD 5 guidance)."""
        return self.combined.scaled(2 / 3)


def _days(part: AuditEstimate, complexity: str | None) -> Span:
    """One column when the table has it (or has only one); otherwise the table's lowest to highest column."""
    if complexity in part.days:
        return Span(part.days[complexity], part.days[complexity])
    return Span(min(part.days.values()), max(part.days.values()))


def integrated(parts: Sequence[AuditEstimate | None], complexity: str | None = None) -> IntegratedEstimate | None:
    """Initial audit days for several standards audited as one integrated system; None for fewer than two tables.

    Standards without a public table (None) are left out: the body adds its own time for them.
    """
    known = tuple(part for part in parts if part is not None)
    if len(known) < 2:
        return None
    spans = [_days(part, complexity) for part in known]
    separate = Span(sum(span.low for span in spans), sum(span.high for span in spans))
    combined = Span(half_days(separate.low * (1 - INTEGRATION_REDUCTION)), separate.high)
    return IntegratedEstimate(known, complexity, separate, combined)


# IAF MD 5:2019 issue 4, Table QMS 1 (docs/reference/audit_time/qms.md)
QMS = Table(
    key="qms",
    name="IAF MD 5:2019, table QMS 1 (quality management systems)",
    columns=("days",),
    rows=(
        (1, 5, (1.5,)),
        (6, 10, (2.0,)),
        (11, 15, (2.5,)),
        (16, 25, (3.0,)),
        (26, 45, (4.0,)),
        (46, 65, (5.0,)),
        (66, 85, (6.0,)),
        (86, 125, (7.0,)),
        (126, 175, (8.0,)),
        (176, 275, (9.0,)),
        (276, 425, (10.0,)),
        (426, 625, (11.0,)),
        (626, 875, (12.0,)),
        (876, 1175, (13.0,)),
        (1176, 1550, (14.0,)),
        (1551, 2025, (15.0,)),
        (2026, 2675, (16.0,)),
        (2676, 3450, (17.0,)),
        (3451, 4350, (18.0,)),
        (4351, 5450, (19.0,)),
        (5451, 6800, (20.0,)),
        (6801, 8500, (21.0,)),
        (8501, 10700, (22.0,)),
    ),
    note="A body may lower or raise this time by up to 30 % for complexity and risk (IAF MD 5).",
)
# IAF MD 5:2019 issue 4, EMS table by complexity category (docs/reference/audit_time/ems.md)
EMS = Table(
    key="ems",
    name="IAF MD 5:2019, table for environmental management systems (EMS)",
    columns=("high", "medium", "low", "limited"),
    rows=(
        (1, 5, (3.0, 2.5, 2.5, 2.5)),
        (6, 10, (3.5, 3.0, 3.0, 3.0)),
        (11, 15, (4.5, 3.5, 3.0, 3.0)),
        (16, 25, (5.5, 4.5, 3.5, 3.0)),
        (26, 45, (7.0, 5.5, 4.0, 3.0)),
        (46, 65, (8.0, 6.0, 4.5, 3.5)),
        (66, 85, (9.0, 7.0, 5.0, 3.5)),
        (86, 125, (11.0, 8.0, 5.5, 4.0)),
        (126, 175, (12.0, 9.0, 6.0, 4.5)),
        (176, 275, (13.0, 10.0, 7.0, 5.0)),
        (276, 425, (15.0, 11.0, 8.0, 5.5)),
        (426, 625, (16.0, 12.0, 9.0, 6.0)),
        (626, 875, (17.0, 13.0, 10.0, 6.5)),
        (876, 1175, (19.0, 15.0, 11.0, 7.0)),
        (1176, 1550, (20.0, 16.0, 12.0, 7.5)),
        (1551, 2025, (21.0, 17.0, 12.0, 8.0)),
        (2026, 2675, (23.0, 18.0, 13.0, 8.5)),
        (2676, 3450, (25.0, 19.0, 14.0, 9.0)),
        (3451, 4350, (27.0, 20.0, 15.0, 10.0)),
        (4351, 5450, (28.0, 21.0, 16.0, 11.0)),
        (5451, 6800, (30.0, 23.0, 17.0, 12.0)),
        (6801, 8500, (32.0, 25.0, 19.0, 13.0)),
        (8501, 10700, (34.0, 27.0, 20.0, 14.0)),
    ),
    note="The body sets the complexity category from your environmental aspects and impacts; most small "
    "offices are low or limited, manufacturing with emissions or hazardous substances medium or high.",
)
# IAF MD 5:2019 issue 4, OH&S table (docs/reference/audit_time/ohs.md): its high, medium and low columns are the
# EMS table's, row for row, so they are taken from there rather than written twice
OHS = Table(
    key="ohs",
    name="IAF MD 5:2019, table for occupational health and safety management systems (OH&SMS)",
    columns=("high", "medium", "low"),
    rows=tuple((low, high, days[:3]) for low, high, days in EMS.rows),
    note="The body sets the complexity category from the OH&S risks of your activities; offices are usually "
    "low, construction and heavy manufacturing high.",
)
# ISO/IEC 27006-1:2024 Annex C (27006:2015 Annex B); rows confirmed in public sources up to 1175 persons
ISMS = Table(
    key="isms",
    name="ISO/IEC 27006-1:2024, Annex C audit-time table (information security)",
    columns=("days",),
    rows=(
        (1, 10, (5.0,)),
        (11, 15, (6.0,)),
        (16, 25, (7.0,)),
        (26, 45, (8.5,)),
        (46, 65, (10.0,)),
        (66, 85, (11.0,)),
        (86, 125, (12.0,)),
        (126, 175, (13.0,)),
        (176, 275, (14.0,)),
        (276, 425, (15.0,)),
        (426, 625, (16.5,)),
        (626, 875, (17.5,)),
        (876, 1175, (18.5,)),
    ),
    note="The body adjusts it for business and IT complexity (roughly -30 % to +100 %) and may count people doing "
    "identical low-risk work as the square root of their number.",
)
TABLES: dict[str, Table] = {table.key: table for table in (QMS, EMS, OHS, ISMS)}
