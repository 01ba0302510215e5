import datetime as dt

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


def test_lists_own_tasks_by_due_date_with_status_as_of_today(head, plan):
    body = head.get(URL).content.decode()
    own = Assignment.objects.filter(unit__code="P01").order_by("due_on").first()
    assert f'data-task="{own.task.code}"' in body
    assert Assignment.objects.filter(unit__code="P01", due_on__lt=dt.date(2021, 8, 10)).exists()
    assert 'data-status="overdue"' in body


def test_shows_own_reports_per_quarter(head, plan):
    QuarterlyReportFactory(
        plan=plan, unit=Unit.objects.get(code="P01"), period="2021-Q2", status="returned"
    )
    body = head.get(URL).content.decode()
    assert 'data-period="2021-Q2"' in body and 'data-status="returned"' in body


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
    CorrectiveActionFactory(unit=Unit.objects.get(code="P01"), title="Niêm yết lại TTHC")
    CorrectiveActionFactory(unit=Unit.objects.get(code="P02"), title="Việc của P02")
    CorrectiveActionFactory(unit=Unit.objects.get(code="P01"), title="Đã xong", status="closed")
    body = head.get(URL).content.decode()
    assert "Niêm yết lại TTHC" in body
    assert "Việc của P02" not in body and "Đã xong" not in body


def test_shows_unread_reminders_only(head, head_p01, plan):
    ReminderFactory(recipient=head_p01, subject="Sắp đến hạn báo cáo quý 3")
    ReminderFactory(recipient=head_p01, subject="Đã đọc rồi", read_at="2021-08-01T00:00+07:00")
    body = head.get(URL).content.decode()
    assert "Sắp đến hạn báo cáo quý 3" in body and "Đã đọc rồi" not in body
