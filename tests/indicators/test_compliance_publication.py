"""The publication rule (DESIGN "Publication rule", plan II.7) on its borderline dates: a
quarter's publication counts from the quarter's first day to the earlier of the as-of date and
its last day + 30 days; a quarter not ended by the as-of date is not due (no data)."""

import datetime as dt

import pytest

from tests.factories import SatisfactionPublicationFactory
from units.models import Unit

from .compliance_utils import one, ratio

D = dt.date
MET = (1, 1, 100.0, "met")
NOT_MET = (0, 1, 0.0, "not_met")
NO_DATA = (0, 0, None, "no_data")
AS_OF = D(2021, 10, 25)


def published(period, day):
    SatisfactionPublicationFactory(
        unit=Unit.objects.get(code="P01"), period=period, published_on=day
    )


def p01(plan, period, as_of=AS_OF):
    return ratio(one(plan, "SAT-PUBLISH", unit="P01", period=period, as_of=as_of))


def test_published_early_in_the_next_quarter_counts(plan):
    published("2021-Q1", D(2021, 4, 5))

    assert p01(plan, "2021-Q1") == MET


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2021, 4, 30), MET), (D(2021, 5, 1), NOT_MET)],
    ids=["last-day-plus-30", "last-day-plus-31"],
)
def test_grace_ends_30_days_after_the_quarters_last_day(plan, day, expected):
    published("2021-Q1", day)

    assert p01(plan, "2021-Q1") == expected


def test_published_before_the_quarters_first_day_does_not_count(plan):
    published("2021-Q2", D(2021, 3, 31))

    assert p01(plan, "2021-Q2") == NOT_MET


def test_published_on_the_quarters_first_day_counts(plan):
    published("2021-Q2", D(2021, 4, 1))

    assert p01(plan, "2021-Q2") == MET


def test_a_quarter_not_ended_by_the_as_of_date_is_no_data_not_not_met(plan):
    assert p01(plan, "2021-Q4") == NO_DATA


def test_a_quarter_not_ended_is_no_data_even_when_already_published(plan):
    published("2021-Q3", D(2021, 9, 15))

    assert p01(plan, "2021-Q3", as_of=D(2021, 9, 29)) == NO_DATA


def test_a_quarter_ended_on_the_as_of_date_is_due(plan):
    published("2021-Q3", D(2021, 9, 15))

    assert p01(plan, "2021-Q3", as_of=D(2021, 9, 30)) == MET


def test_published_after_the_as_of_date_does_not_count_yet(plan):
    published("2021-Q3", D(2021, 10, 30))

    assert p01(plan, "2021-Q3", as_of=D(2021, 10, 25)) == NOT_MET


def test_published_by_the_as_of_date_within_the_grace_counts(plan):
    published("2021-Q3", D(2021, 10, 25))

    assert p01(plan, "2021-Q3", as_of=D(2021, 10, 25)) == MET


def test_a_publication_filed_for_another_quarter_does_not_count(plan):
    published("2021-Q1", D(2021, 7, 5))

    assert p01(plan, "2021-Q2") == NOT_MET
