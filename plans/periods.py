"""Reporting periods: `2021-Q1` … `2021-Q4` and the year `2021`.

A period ends at its last day or at the as-of date, whichever is earlier; periods that start
after the as-of date are not reported (`docs/counting-rules.md`).
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-Q(?P<quarter>[1-4]))?$")


PUBLICATION_GRACE_DAYS = 30


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None

    @classmethod
    def parse(cls, text: str) -> "Period":
        match = _PERIOD.match((text or "").strip())
        if not match:
            raise ValueError(f"Kỳ không hợp lệ: {text!r} (cần dạng 2021 hoặc 2021-Q1)")
        quarter = match["quarter"]
        return cls(int(match["year"]), int(quarter) if quarter else None)

    @classmethod
    def quarter_of(cls, day: dt.date) -> "Period":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.quarter}" if self.quarter else str(self.year)

    @property
    def is_quarter(self) -> bool:
        return self.quarter is not None

    @property
    def start(self) -> dt.date:
        month = 1 if self.quarter is None else 3 * (self.quarter - 1) + 1
        return dt.date(self.year, month, 1)

    @property
    def last_day(self) -> dt.date:
        if self.quarter is None or self.quarter == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.quarter + 1, 1) - dt.timedelta(days=1)

    def next_quarter(self) -> "Period":
        """The quarter after this one (a quarter only)."""
        return (
            Period(self.year + 1, 1) if self.quarter == 4 else Period(self.year, self.quarter + 1)
        )

    def previous_quarter(self) -> "Period":
        """The quarter before this one (a quarter only)."""
        return (
            Period(self.year - 1, 4) if self.quarter == 1 else Period(self.year, self.quarter - 1)
        )

    def end_as_of(self, as_of: dt.date) -> dt.date:
        return min(self.last_day, as_of)

    def started_by(self, as_of: dt.date) -> bool:
        return self.start <= as_of

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.last_day

    @property
    def publication_last_day(self) -> dt.date:
        """The last day a publication of this period's result still counts for it: a result
        exists only once the period is over, so it gets a grace period after its last day
        (DESIGN "Publication rule")."""
        return self.last_day + dt.timedelta(days=PUBLICATION_GRACE_DAYS)

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        """The period as every page shows it (translated): “Quý 3/2021”, “Năm 2021”."""
        if self.quarter:
            return _("Quý %(q)s/%(y)s") % {"q": self.quarter, "y": self.year}
        return _("Năm %(y)s") % {"y": self.year}


def quarters(year: int) -> list[Period]:
    return [Period(year, q) for q in range(1, 5)]


def reported_periods(year: int, as_of: dt.date, *, quarterly: bool, yearly: bool) -> list[Period]:
    """The periods of a year that have started by the as-of date."""
    candidates = (quarters(year) if quarterly else []) + ([Period(year)] if yearly else [])
    return [p for p in candidates if p.started_by(as_of)]
