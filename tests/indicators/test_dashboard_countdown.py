"""The countdown to the plan's deadline speaks of the as-of date unless it is today."""

import datetime as dt

import time_machine

from indicators.dashboards.summary import deadline_countdown

DEADLINE = dt.date(2021, 10, 25)
URL = "/tong-quan/CCHC-2021/"


@time_machine.travel(dt.datetime(2026, 12, 3, 9), tick=False)
def test_a_past_as_of_on_the_deadline_is_not_today():
    text = deadline_countdown(deadline=DEADLINE, as_of=DEADLINE)
    assert text == "Tính đến 25/10/2021 là hạn hoàn thành"


@time_machine.travel(dt.datetime(2026, 12, 3, 9), tick=False)
def test_a_past_as_of_before_the_deadline_counts_from_itself():
    text = deadline_countdown(deadline=DEADLINE, as_of=dt.date(2021, 10, 20))
    assert text == "Tính đến 20/10/2021: còn <strong>5</strong> ngày đến hạn hoàn thành 25/10/2021"


@time_machine.travel(dt.datetime(2026, 12, 3, 9), tick=False)
def test_a_past_as_of_after_the_deadline_says_it_has_passed():
    text = deadline_countdown(deadline=DEADLINE, as_of=dt.date(2021, 10, 27))
    assert text == "Tính đến 27/10/2021: đã qua hạn hoàn thành 25/10/2021 (2 ngày)"


@time_machine.travel(dt.datetime(2021, 10, 25, 9), tick=False)
def test_today_on_the_deadline_says_today():
    assert deadline_countdown(deadline=DEADLINE, as_of=DEADLINE) == (
        "Hôm nay là hạn hoàn thành (25/10/2021)"
    )


@time_machine.travel(dt.datetime(2021, 10, 20, 9), tick=False)
def test_today_before_the_deadline_counts_the_days_left():
    assert deadline_countdown(deadline=DEADLINE, as_of=dt.date(2021, 10, 20)) == (
        "Còn <strong>5</strong> ngày đến hạn hoàn thành 25/10/2021"
    )


@time_machine.travel(dt.datetime(2026, 12, 3, 9), tick=False)
def test_the_dashboard_of_a_past_plan_does_not_say_today(client, noivu_user, plan):
    client.force_login(noivu_user)
    body = client.get(URL).content.decode()  # the as-of date defaults to the deadline
    assert "Tính đến 25/10/2021 là hạn hoàn thành" in body
    assert "Hôm nay" not in body
