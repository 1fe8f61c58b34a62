"""Audit days for an initial certification audit (stage 1 + stage 2) from the public tables bodies use.

Pure data and arithmetic. The tables and their sources are in docs/reference/audit_time/; a body
starts from the table and adjusts for complexity, sites and risk, so every estimate says so.
"""

from __future__ import annotations

from dataclasses import dataclass

Row = tuple[int, int | None, tuple[float, ...]]  # personnel from, to (None: and above), days per column


@dataclass(frozen=True)
class Table:
    key: str
    name: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str

    def row(self, headcount: int) -> Row:
        for row in self.rows:
            low, high, _ = row
            if headcount >= low and (high is None or headcount <= high):
                return row
        return self.rows[-1]


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
    low, high, days = table.row(headcount)
    band = f"{low}-{high}" if high is not None else f"{low} or more"
    beyond = high is None and len(table.rows) > 1
    return AuditEstimate(table, headcount, band, dict(zip(table.columns, days, strict=True)), beyond)


QMS = Table(
    key="qms",
    name="IAF MD 5, table for quality management systems (QMS)",
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
        (126, None, (8.0,)),
    ),
    note="One column for every QMS; the body adjusts it by up to 30 % for complexity and risk.",
)
TABLES: dict[str, Table] = {table.key: table for table in (QMS,)}
