"""Helpers for the compliance tests: recompute, then pick rows of the contract dicts."""

import datetime as dt

from indicators.compliance.selectors import compliance_rows
from indicators.compliance.store import compliance_recompute

AS_OF = dt.date(2021, 10, 25)


def fresh_rows(plan, as_of=AS_OF, **match) -> list[dict]:
    compliance_recompute(plan=plan, as_of=as_of)
    rows = compliance_rows(plan=plan, as_of=as_of)
    return [r for r in rows if all(r[k] == v for k, v in match.items())]


def one(plan, target, *, unit=None, field=None, period="2021", as_of=AS_OF) -> dict:
    found = fresh_rows(plan, as_of, target=target, unit=unit, field=field, period=period)
    assert len(found) == 1, found
    return found[0]


def ratio(row) -> tuple:
    return row["numerator"], row["denominator"], row["value"], row["status"]
