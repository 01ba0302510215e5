"""Percent arithmetic shared by the engine and every page that shows a share.

Values are percentages rounded half-up to 2 decimals, but a status compares the exact ratio with
the threshold in integer arithmetic: 24,499 of 25,000 shows as 98.00 and is `not_met` against
≥ 98 (docs/counting-rules.md). Comparators are the target's codes: `gte`, `gt`, `eq`.
"""

from decimal import ROUND_HALF_UP, Decimal


def hundredths(value) -> int:
    """A threshold (Decimal, int) as an integer number of hundredths."""
    return int((Decimal(value) * 100).to_integral_value())


def round_half_up(n: int, d: int) -> int:
    """n/d rounded half away from zero to an integer (Decimal's ROUND_HALF_UP), d > 0."""
    if n >= 0:
        return (2 * n + d) // (2 * d)
    return -((2 * -n + d) // (2 * d))


def judge(n: int, d: int, thr_h: int, comparator: str) -> bool:
    """Whether the exact value n/d meets the threshold (given in hundredths), d > 0."""
    lhs, rhs = n * 100, thr_h * d
    if comparator == "gt":
        return lhs > rhs
    if comparator == "eq":
        return lhs == rhs
    return lhs >= rhs


def percent_value(numerator: int, denominator: int) -> Decimal | None:
    """A share in percent rounded half-up to 2 decimals; None when there is nothing to divide."""
    if not denominator:
        return None
    return (Decimal(100 * numerator) / Decimal(denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def share_status(numerator: int, denominator: int, threshold, comparator: str) -> str:
    """met / not_met by the exact ratio against a percent threshold; no_data when den is 0."""
    if not denominator:
        return "no_data"
    met = judge(100 * numerator, denominator, int(Decimal(threshold) * 100), comparator)
    return "met" if met else "not_met"
