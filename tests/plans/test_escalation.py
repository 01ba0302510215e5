import datetime as dt
from smtplib import SMTPException

import pytest
import time_machine
from django.core.mail.backends.locmem import EmailBackend
from django.db.models import F
from django.utils import timezone

from indicators.followup.escalation import escalations_send
from indicators.followup.lateness import late_units
from indicators.followup.tasks import send_escalations_task
from indicators.models import Feedback, QuarterlyReport
from plans.models import Assignment, Reminder
from tests.factories import UserFactory, unit_head, user_with_role
from units.models import Role, Unit

D = dt.date
AS_OF = D(2021, 10, 6)  # Q1–Q3 reports were due on 05/04, 05/07 and 05/10/2021


def _on_time(plan, code):
    """Make a unit exemplary as of AS_OF: tasks done on their due date, reports on time."""
    unit = Unit.objects.get(code=code)
    Assignment.objects.filter(unit=unit, due_on__lt=AS_OF).update(
        status="done", completed_on=F("due_on")
    )
    for quarter in plan.quarters()[:3]:
        due = plan.report_due_on(quarter)
        QuarterlyReport.objects.create(
            plan=plan,
            unit=unit,
            period=quarter.code,
            status="approved",
            submitted_at=timezone.make_aware(dt.datetime(due.year, due.month, due.day, 9)),
        )
    return unit


def _row(rows, code):
    return next((r for r in rows if r.unit.code == code), None)


def test_units_late_on_tasks_and_reports_are_escalated(plan):
    rows = late_units(plan=plan, as_of=AS_OF)
    vts = _row(rows, "P-VTS")
    assert vts.tasks_overdue >= 1  # V.2.2 was due 30/06/2021
    assert vts.reports_missing == ["2021-Q1", "2021-Q2", "2021-Q3"]
    assert any("quá hạn" in r for r in vts.reasons)
    assert any("Chưa nộp báo cáo quý" in r for r in vts.reasons)


def test_district_itself_is_never_listed(plan):
    assert _row(late_units(plan=plan, as_of=AS_OF), "Q3") is None


def test_unit_with_everything_on_time_is_not_escalated(plan):
    _on_time(plan, "P01")
    assert _row(late_units(plan=plan, as_of=AS_OF), "P01") is None


def test_late_report_is_a_reason(plan):
    _on_time(plan, "P01")
    QuarterlyReport.objects.filter(unit__code="P01", period="2021-Q2").update(
        submitted_at=timezone.make_aware(dt.datetime(2021, 7, 20, 9))
    )
    row = _row(late_units(plan=plan, as_of=AS_OF), "P01")
    assert row.reports_late == ["2021-Q2"]
    assert row.reports_missing == []


def test_report_submitted_after_as_of_counts_as_missing(plan):
    _on_time(plan, "P01")
    row = _row(late_units(plan=plan, as_of=D(2021, 7, 6)), "P01")
    assert row is None
    QuarterlyReport.objects.filter(unit__code="P01", period="2021-Q2").update(
        submitted_at=timezone.make_aware(dt.datetime(2021, 8, 1, 9))
    )
    assert _row(late_units(plan=plan, as_of=D(2021, 7, 6)), "P01").reports_missing == ["2021-Q2"]


FEEDBACK_DUE = D(2021, 9, 10)


def _feedback(code, unit, channel="1022", due=FEEDBACK_DUE, resolved=None):
    return Feedback.objects.create(
        code=code,
        channel=channel,
        unit=Unit.objects.get(code=unit),
        received_on=D(2021, 9, 1),
        due_on=due,
        resolved_on=resolved,
    )


def test_unresolved_1022_feedback_past_due_is_escalated(plan):
    _on_time(plan, "P01")
    _feedback("PA-1", "P01")
    row = _row(late_units(plan=plan, as_of=AS_OF), "P01")
    assert row.feedback_1022_unresolved == 1
    assert any("Cổng 1022" in r for r in row.reasons)


def test_1022_feedback_resolved_late_is_escalated(plan):
    _on_time(plan, "P01")
    _feedback("PA-1", "P01", resolved=D(2021, 9, 15))
    assert _row(late_units(plan=plan, as_of=AS_OF), "P01").feedback_1022_late == 1


def test_1022_feedback_resolved_after_as_of_was_unresolved_then(plan):
    _on_time(plan, "P01")
    _feedback("PA-1", "P01", resolved=D(2021, 10, 20))
    assert _row(late_units(plan=plan, as_of=AS_OF), "P01").feedback_1022_unresolved == 1


def test_feedback_of_other_channels_is_not_escalated(plan):
    _on_time(plan, "P01")
    _feedback("PA-1", "P01", channel="national")
    assert _row(late_units(plan=plan, as_of=AS_OF), "P01") is None


def test_worst_units_come_first(plan):
    rows = late_units(plan=plan, as_of=AS_OF)
    assert [r.late_items for r in rows] == sorted((r.late_items for r in rows), reverse=True)


def test_escalation_list_runs_a_bounded_number_of_queries(plan, django_assert_max_num_queries):
    for n in range(20):
        Unit.objects.create(code=f"MN-{n}", name=f"Trường {n}", kind="public_service")
    with django_assert_max_num_queries(6):
        late_units(plan=plan, as_of=AS_OF)


def test_weekly_escalation_goes_to_noivu_and_the_chairman(plan, mailoutbox):
    noivu = user_with_role(Role.NOIVU, Unit.objects.get(code="NV"), username="noivu")
    chairman = user_with_role(Role.LEADER, Unit.objects.get(code="Q3"), username="chu-tich")
    head = unit_head(Unit.objects.get(code="P01"))
    assert escalations_send(today=AS_OF) == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([noivu.email, chairman.email])
    message = mailoutbox[0]
    assert "Cảnh báo" in message.subject
    assert "Phường Võ Thị Sáu" in message.body
    assert "http://" in message.body and "/canh-bao/?plan=CCHC-2021" in message.body
    assert "/kiem-tra/de-xuat/CCHC-2021/?as_of=2021-10-06" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert Reminder.objects.filter(recipient=noivu, item_key="escalation:CCHC-2021:2021-W40")
    assert not Reminder.objects.filter(recipient=head, offset="weekly").exists()


def test_weekly_escalation_is_sent_once_per_week(plan, mailoutbox):
    user_with_role(Role.NOIVU, Unit.objects.get(code="NV"), username="noivu")
    escalations_send(today=D(2021, 10, 4))
    escalations_send(today=D(2021, 10, 4))
    escalations_send(today=D(2021, 10, 6))
    assert len(mailoutbox) == 1
    escalations_send(today=D(2021, 10, 11))
    assert len(mailoutbox) == 2


def test_leader_outside_the_district_gets_no_escalation(plan, mailoutbox):
    UserFactory(username="x")
    user_with_role(Role.LEADER, Unit.objects.get(code="P01"), username="pho-chu-tich-p01")
    escalations_send(today=AS_OF)
    assert mailoutbox == []


@time_machine.travel(dt.datetime(2021, 10, 4, 7, 30), tick=False)
def test_escalation_task_uses_today(plan, mailoutbox):
    user_with_role(Role.NOIVU, Unit.objects.get(code="NV"), username="noivu")
    assert send_escalations_task.delay().get() == 1
    assert "04/10/2021" in mailoutbox[0].body


def test_failed_escalation_email_is_sent_by_the_retry(plan, mailoutbox, monkeypatch):
    user_with_role(Role.NOIVU, Unit.objects.get(code="NV"), username="noivu")
    user_with_role(Role.LEADER, Unit.objects.get(code="Q3"), username="chu-tich")
    original, calls = EmailBackend.send_messages, []

    def flaky(self, messages):
        calls.append(1)
        if len(calls) == 1:
            raise SMTPException("421")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    with pytest.raises(SMTPException):
        escalations_send(today=AS_OF)
    assert len(mailoutbox) == 1
    escalations_send(today=AS_OF)
    assert len(mailoutbox) == 2
    escalations_send(today=AS_OF)
    assert len(mailoutbox) == 2
