import datetime as dt
import re

import pytest
import time_machine

from indicators.models import Target
from plans.models import Assignment
from tests.factories import (
    CorrectiveActionFactory,
    QuarterlyReportFactory,
    ReminderFactory,
    compliance_result,
)
from units.models import Unit

URL = "/don-vi-cua-toi/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2021-08-10 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def head(client, head_p01):
    client.force_login(head_p01)
    return client


def test_anonymous_is_sent_to_login(client, plan):
    assert client.get(URL).url.startswith("/dang-nhap/")


def test_staff_are_sent_to_the_dashboard(client, noivu_user):
    client.force_login(noivu_user)
    assert client.get(URL).url == "/tong-quan/CCHC-2021/"


def _items(body: str) -> list[str]:
    """The home's to-do rows, in page order, as their data-item keys."""
    return re.findall(r'data-item="([^"]+)"', body.split('id="todo"')[1].split("</section>")[0])


def test_lists_overdue_and_coming_tasks_not_done_with_status_as_of_today(head, plan):
    body = head.get(URL).content.decode()
    overdue = Assignment.objects.get(unit__code="P01", task__code="II.7", period="2021-Q2")
    later = Assignment.objects.filter(unit__code="P01", due_on__gt=dt.date(2021, 9, 9))
    assert f"assignment-{overdue.pk}" in _items(body)
    row = body.split(f'data-item="assignment-{overdue.pk}"')[1].split("</li>")[0]
    assert 'data-status="overdue"' in row and f"?mo={overdue.pk}#a{overdue.pk}" in row
    assert later.exists() and not any(f"assignment-{a.pk}" in _items(body) for a in later)


def test_a_task_done_by_today_is_not_listed(head, plan):
    done = Assignment.objects.get(unit__code="P01", task__code="II.7", period="2021-Q2")
    Assignment.objects.filter(pk=done.pk).update(status="done", completed_on="2021-07-01")
    assert f"assignment-{done.pk}" not in _items(head.get(URL).content.decode())


def test_one_list_by_due_date(head, plan):
    CorrectiveActionFactory(unit=Unit.objects.get(code="P01"), due_on=dt.date(2021, 6, 1))
    body = head.get(URL).content.decode()
    dues = re.findall(
        r'<time datetime="([\d-]+)"', body.split('id="todo"')[1].split("</section>")[0]
    )
    kinds = set(re.findall(r'data-kind="(\w+)"', body))
    assert dues == sorted(dues) and {"task", "report", "action"} <= kinds


def test_shows_own_reports_to_do(head, plan):
    QuarterlyReportFactory(
        plan=plan, unit=Unit.objects.get(code="P01"), period="2021-Q2", status="returned"
    )
    QuarterlyReportFactory(
        plan=plan, unit=Unit.objects.get(code="P01"), period="2021-Q1", status="approved"
    )
    body = head.get(URL).content.decode()
    returned = body.split('data-item="report-2021-Q2"')[1].split("</li>")[0]
    assert 'data-status="returned"' in returned and "/don-vi/P01/bao-cao/2021-Q2/" in returned
    assert "report-2021-Q1" not in _items(body)  # approved: nothing to do
    assert "report-2021-Q3" not in _items(body)  # due 05/10, more than 30 days away


def test_the_as_of_date_is_asked_in_the_query(head, plan):
    body = head.get(URL + "?as_of=2021-10-06").content.decode()
    assert 'data-as-of="2021-10-06"' in body
    row = body.split('data-item="report-2021-Q3"')[1].split("</li>")[0]
    assert 'data-status="overdue"' in row  # due 05/10/2021, not started


def test_the_home_is_the_only_page_titled_my_unit(head, plan):
    home = head.get(URL).content.decode()
    unit_page = head.get("/don-vi/P01/").content.decode()
    assert "<title>Đơn vị của tôi" in home
    assert "Đơn vị: Phường 1" in unit_page and "<title>Đơn vị của tôi" not in unit_page


def test_home_query_count_is_bounded(head, plan, django_assert_max_num_queries):
    for _ in range(5):
        CorrectiveActionFactory(unit=Unit.objects.get(code="P01"))
    with django_assert_max_num_queries(25):  # the first visit also queues the results
        assert head.get(URL).status_code == 200


def test_shows_own_results_only(head, plan):
    as_of = plan.default_as_of()
    initiative = Target.objects.get(plan=plan, code="INITIATIVE")
    compliance_result(
        plan=plan,
        as_of=as_of,
        target=initiative,
        unit=Unit.objects.get(code="P01"),
        value=2,
        status="met",
    )
    compliance_result(
        plan=plan,
        as_of=as_of,
        target=initiative,
        unit=Unit.objects.get(code="P02"),
        value=7,
        status="not_met",
    )
    body = head.get(URL).content.decode()
    assert 'data-result="INITIATIVE:2021:" data-status="met"' in body
    assert 'data-status="not_met"' not in body.split('id="my-results"')[1].split("</section>")[0]


def test_shows_open_corrective_actions_of_own_unit(head, plan):
    p01, p02 = Unit.objects.get(code="P01"), Unit.objects.get(code="P02")
    CorrectiveActionFactory(unit=p01, title="Niêm yết lại TTHC")
    CorrectiveActionFactory(unit=p02, title="Việc của P02")
    CorrectiveActionFactory(unit=p01, title="Đã xong", status="closed")
    body = head.get(URL).content.decode()
    assert "Niêm yết lại TTHC" in body
    assert "Việc của P02" not in body and "Đã xong" not in body


def test_shows_unread_reminders_only(head, head_p01, plan):
    ReminderFactory(recipient=head_p01, subject="Sắp đến hạn báo cáo quý 3")
    ReminderFactory(recipient=head_p01, subject="Đã đọc rồi", read_at="2021-08-01T00:00+07:00")
    body = head.get(URL).content.decode()
    assert "Sắp đến hạn báo cáo quý 3" in body and "Đã đọc rồi" not in body
