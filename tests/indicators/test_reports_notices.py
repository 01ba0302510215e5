"""A unit is told at once when Phòng Nội vụ returns or approves its report: a notification in the
bell for each of its heads, and an e-mail in the next morning digest, or right away where
NOTIFY_REPORT_DECISIONS_IMMEDIATELY is set."""

import datetime as dt
from smtplib import SMTPException
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators.followup import reminders
from indicators.followup.reminders import reminders_send
from indicators.models import QuarterlyReport
from indicators.reports.services import report_approve, report_reopen, report_return
from plans.models import Reminder
from tests.factories import user_with_role
from tests.indicators.report_helpers import report
from units.models import Role, Unit

S = QuarterlyReport.Status
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
DECIDED = dt.datetime(2021, 7, 20, 15, tzinfo=HCM)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(DECIDED, tick=False):
        yield


@pytest.fixture
def submitted(plan):
    return report(plan, code="P01", period="2021-Q2", status=S.SUBMITTED)


def _bell(client) -> str:
    body = client.get(reverse("notifications")).content.decode()
    return body.split('data-nav="notifications"')[1].split("</a>")[0]


def test_the_unit_head_sees_the_return_in_the_bell(client, submitted, noivu_user, head_p01):
    client.force_login(noivu_user)
    client.post(
        reverse("report_return", args=["P01", "2021-Q2"]), {"comment": "Thiếu số liệu đất đai"}
    )
    client.force_login(head_p01)
    assert 'data-unread="1"' in _bell(client)
    body = client.get(reverse("notifications")).content.decode()
    assert "Báo cáo CCHC Quý 2/2021 (P01) bị Phòng Nội vụ trả lại: Thiếu số liệu đất đai" in body
    assert reverse("report_detail", args=["P01", "2021-Q2"]) in body
    assert "Bị trả lại" in body


def test_the_unit_head_sees_the_approval_in_the_bell(client, submitted, noivu_user, head_p01):
    client.force_login(noivu_user)
    client.post(reverse("report_approve", args=["P01", "2021-Q2"]))
    client.force_login(head_p01)
    assert 'data-unread="1"' in _bell(client)
    body = client.get(reverse("notifications")).content.decode()
    assert "Báo cáo CCHC Quý 2/2021 (P01) đã được Phòng Nội vụ duyệt" in body


def test_every_active_head_of_the_unit_and_no_one_else_is_notified(
    submitted, noivu_user, head_p01, head_p02
):
    second = user_with_role(Role.UNIT_HEAD, Unit.objects.get(code="P01"), username="head-p01-b")
    gone = user_with_role(Role.UNIT_HEAD, Unit.objects.get(code="P01"), username="head-p01-c")
    gone.is_active = False
    gone.save()
    report_approve(report=submitted, user=noivu_user)
    notified = set(Reminder.objects.filter(offset="approved").values_list("recipient", flat=True))
    assert notified == {head_p01.pk, second.pk}


def test_a_report_returned_twice_in_a_day_notifies_twice(submitted, noivu_user, head_p01):
    report_return(report=submitted, user=noivu_user, comment="Lần 1")
    QuarterlyReport.objects.filter(pk=submitted.pk).update(status=S.SUBMITTED)
    with time_machine.travel(DECIDED + dt.timedelta(hours=1), tick=False):
        report_return(report=submitted, user=noivu_user, comment="Lần 2")
    subjects = Reminder.objects.filter(recipient=head_p01).values_list("subject", flat=True)
    assert sorted(s[-5:] for s in subjects) == ["Lần 1", "Lần 2"]


def test_reopening_an_approved_report_notifies_the_unit(plan, noivu_user, head_p01):
    approved = report(plan, code="P01", period="2021-Q2", status=S.APPROVED)
    report_reopen(report=approved, user=noivu_user, reason="Sai số liệu hộ tịch")
    notice = Reminder.objects.get(recipient=head_p01)
    assert notice.offset == "reopened" and "Sai số liệu hộ tịch" in notice.subject


def test_a_refused_decision_notifies_no_one(plan, noivu_user, head_p01):
    draft = report(plan, code="P01", period="2021-Q2")
    with pytest.raises(ValidationError):
        report_approve(report=draft, user=noivu_user)
    assert not Reminder.objects.exists()


def test_by_default_the_e_mail_goes_in_the_next_morning_digest(
    submitted, noivu_user, head_p01, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report_return(report=submitted, user=noivu_user, comment="Thiếu số liệu đất đai")
    assert mailoutbox == []
    with time_machine.travel(dt.datetime(2021, 7, 21, 7, tzinfo=HCM), tick=False):
        reminders_send(today=dt.date(2021, 7, 21))
    mine = [m for m in mailoutbox if m.to == [head_p01.email]]
    assert len(mine) == 1
    assert "KẾT QUẢ XÉT DUYỆT BÁO CÁO" in mine[0].body
    assert "bị Phòng Nội vụ trả lại: Thiếu số liệu đất đai" in mine[0].body


def test_configured_immediately_the_e_mail_goes_after_the_commit_and_not_again(
    settings, submitted, noivu_user, head_p01, mailoutbox, django_capture_on_commit_callbacks
):
    settings.NOTIFY_REPORT_DECISIONS_IMMEDIATELY = True
    with django_capture_on_commit_callbacks(execute=True):
        report_return(report=submitted, user=noivu_user, comment="Thiếu số liệu đất đai")
        assert mailoutbox == []  # not before the commit
    assert [m.to for m in mailoutbox] == [[head_p01.email]]
    assert mailoutbox[0].subject.startswith("[CCHC] Báo cáo CCHC Quý 2/2021 (P01) bị Phòng")
    assert "/don-vi/P01/bao-cao/2021-Q2/" in mailoutbox[0].body
    notice = Reminder.objects.get(recipient=head_p01, offset="returned")
    assert notice.emailed_at is not None and notice.read_at is None  # still unread in the bell
    with time_machine.travel(dt.datetime(2021, 7, 21, 7, tzinfo=HCM), tick=False):
        reminders_send(today=dt.date(2021, 7, 21))
    assert not any("trả lại" in m.body for m in mailoutbox[1:])


def test_an_smtp_failure_leaves_the_e_mail_to_the_digest(
    settings,
    submitted,
    noivu_user,
    head_p01,
    mailoutbox,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    settings.NOTIFY_REPORT_DECISIONS_IMMEDIATELY = True

    def refuse(**kwargs):
        raise SMTPException("421 try later")

    monkeypatch.setattr(reminders, "email_send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        report_approve(report=submitted, user=noivu_user)
    notice = Reminder.objects.get(recipient=head_p01, offset="approved")
    assert notice.emailed_at is None
    monkeypatch.undo()
    with time_machine.travel(dt.datetime(2021, 7, 21, 7, tzinfo=HCM), tick=False):
        reminders_send(today=dt.date(2021, 7, 21))
    assert any("đã được Phòng Nội vụ duyệt" in m.body for m in mailoutbox)
