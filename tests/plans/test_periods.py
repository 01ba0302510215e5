import datetime as dt

import pytest

from plans.periods import Period, reported_periods


def test_quarter_bounds():
    q3 = Period.parse("2021-Q3")
    assert (q3.start, q3.last_day) == (dt.date(2021, 7, 1), dt.date(2021, 9, 30))
    assert Period.parse("2021").last_day == dt.date(2021, 12, 31)


def test_period_ends_at_as_of_when_earlier():
    assert Period.parse("2021").end_as_of(dt.date(2021, 10, 25)) == dt.date(2021, 10, 25)


def test_periods_starting_after_as_of_are_not_reported():
    codes = [
        p.code for p in reported_periods(2021, dt.date(2021, 5, 1), quarterly=True, yearly=True)
    ]
    assert codes == ["2021-Q1", "2021-Q2", "2021"]


@pytest.mark.parametrize("text", ["2021-Q5", "Q1", "", "2021-q1x"])
def test_bad_period_is_rejected(text):
    with pytest.raises(ValueError):
        Period.parse(text)


def test_period_label_filter_reads_as_vietnamese():
    from django.utils import translation

    from plans.templatetags.portal import period_label

    with translation.override("vi"):  # whatever language an earlier test left active
        assert period_label("2021-Q3") == "Quý 3/2021"
        assert period_label("2021") == "Năm 2021"
        assert period_label("") == ""


def test_period_label_is_translated():
    from django.utils import translation

    from plans.templatetags.portal import period_label

    with translation.override("vi"):
        assert (Period.parse("2021-Q3").label, Period.parse("2021").label) == (
            "Quý 3/2021",
            "Năm 2021",
        )
    with translation.override("en"):
        assert (Period.parse("2021-Q3").label, Period.parse("2021").label) == (
            "Q3 2021",
            "Year 2021",
        )
        assert period_label("2021-Q3") == "Q3 2021"  # the template filter is Period.label


def test_every_status_has_one_label_and_colour_everywhere():
    from django.template import Context, Template
    from django.utils import translation

    from indicators.reports.models import QuarterlyReport
    from plans.statuses import STATUSES, status_label

    with translation.override("vi"):  # whatever language an earlier test left active
        badge = Template('{% load portal %}{% status_badge "submitted" %}').render(Context())
        assert "text-bg-primary" in badge and "Đã nộp" in badge
        for value, label in QuarterlyReport.Status.choices:
            assert label == STATUSES[value].label
    with translation.override("en"):
        assert status_label("approved") == "Approved"
        assert "Approved" in Template('{% load portal %}{% status_badge "approved" %}').render(
            Context()
        )
    assert status_label("unknown") == "unknown"
