import datetime as dt
from smtplib import SMTPException

import pytest
import time_machine
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django_celery_beat.models import PeriodicTask

from config.celery import app as celery_app
from indicators.followup.reminders import reminder_offset, reminders_create, reminders_send
from indicators.followup.tasks import send_reminders_task
from indicators.models import QuarterlyReport
from inspections.models import CorrectiveAction, Finding, Inspection
from plans.models import Assignment, Reminder
from plans.schedules import schedules_sync
from tests.factories import UserFactory, unit_head
from units.models import Unit

D = dt.date


def _final_report(unit_code="P01") -> Assignment:
    return Assignment.objects.get(task__code="BAO-CAO", unit__code=unit_code)


def _keys(user, day=None):
    rows = Reminder.objects.filter(recipient=user)
    if day:
        rows = rows.filter(on_date=day)
    return set(rows.values_list("item_key", "offset"))


def _run(day):
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 7, 0), tick=False):
        call_command("send_reminders", stdout=open("/dev/null", "w"))


@pytest.mark.parametrize(
    "day, offset",
    [
        (D(2021, 10, 11), "d14"),
        (D(2021, 10, 18), "d7"),
        (D(2021, 10, 22), "d3"),
        (D(2021, 10, 24), "d1"),
        (D(2021, 10, 26), "overdue"),
        (D(2021, 11, 2), "overdue"),
    ],
)
def test_final_report_reminded_on_its_days(head_p01, day, offset):
    _run(day)
    assert (f"assignment:{_final_report().pk}", offset) in _keys(head_p01, day)


def test_final_report_reminded_on_no_other_day(head_p01):
    key = f"assignment:{_final_report().pk}"
    day = D(2021, 10, 1)
    while day <= D(2021, 11, 12):
        _run(day)
        day += dt.timedelta(days=1)
    days = sorted(
        Reminder.objects.filter(recipient=head_p01, item_key=key).values_list("on_date", flat=True)
    )
    assert days == [
        D(2021, 10, 11),
        D(2021, 10, 18),
        D(2021, 10, 22),
        D(2021, 10, 24),
        D(2021, 10, 26),
        D(2021, 11, 2),
        D(2021, 11, 9),
    ]


def test_overdue_offset_repeats_weekly():
    due = D(2021, 10, 25)
    assert reminder_offset(due_on=due, today=D(2021, 10, 26)) == "overdue"
    assert reminder_offset(due_on=due, today=D(2021, 11, 2)) == "overdue"
    assert reminder_offset(due_on=due, today=D(2021, 10, 27)) is None
    assert reminder_offset(due_on=due, today=D(2021, 10, 25)) is None


def test_done_assignment_gets_no_reminder(head_p01):
    Assignment.objects.filter(pk=_final_report().pk).update(
        status="done", completed_on=D(2021, 10, 20)
    )
    _run(D(2021, 10, 24))
    _run(D(2021, 10, 26))
    assert not Reminder.objects.filter(item_key=f"assignment:{_final_report().pk}").exists()


def test_reminders_go_to_the_responsible_unit_heads_only(head_p01, head_p02):
    _run(D(2021, 10, 24))
    assert (f"assignment:{_final_report('P01').pk}", "d1") in _keys(head_p01)
    assert (f"assignment:{_final_report('P01').pk}", "d1") not in _keys(head_p02)


def test_one_digest_per_person_per_day_with_every_item(head_p01, head_p02, mailoutbox, settings):
    settings.PORTAL_BASE_URL = "https://cchc.quan3.example"
    _run(D(2021, 10, 24))
    assert sorted(m.to[0] for m in mailoutbox) == sorted([head_p01.email, head_p02.email])
    message = next(m for m in mailoutbox if m.to == [head_p01.email])
    assert "24/10/2021" in message.subject
    assert "BAO-CAO" in message.body and "II.1" in message.body
    assert "Quý 4/2021" in message.body
    assert "https://cchc.quan3.example/don-vi/P01/" in message.body
    assert "https://cchc.quan3.example/don-vi/P01/bao-cao/2021-Q4/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://cchc.quan3.example/don-vi/P01/"' in html
    n_items = Reminder.objects.filter(recipient=head_p01, on_date=D(2021, 10, 24)).count()
    assert n_items > 3
    assert f"{n_items} việc" in message.subject


def test_running_the_morning_job_twice_sends_once(head_p01, mailoutbox):
    _run(D(2021, 10, 24))
    _run(D(2021, 10, 24))
    assert len(mailoutbox) == 1
    assert not Reminder.objects.filter(recipient=head_p01, emailed_at__isnull=True).exists()


def test_each_day_has_its_own_digest(head_p01, mailoutbox):
    _run(D(2021, 10, 24))
    _run(D(2021, 10, 26))
    assert len(mailoutbox) == 2


def test_smtp_failure_is_retried_then_sent_once(head_p01, head_p02, mailoutbox, monkeypatch):
    calls = []
    original = EmailBackend.send_messages

    def flaky(self, messages):
        calls.append(messages[0].to)
        if len(calls) == 1:
            raise SMTPException("421 try again later")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    # Eager tasks re-run their retries in-process when errors are not propagated.
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
    result = send_reminders_task.delay("2021-10-24")
    assert result.successful()
    assert len(calls) == 3  # the failed one, the other recipient, then the retry
    assert sorted(m.to[0] for m in mailoutbox) == sorted([head_p01.email, head_p02.email])
    assert not Reminder.objects.filter(on_date=D(2021, 10, 24), emailed_at__isnull=True).exists()


def test_failed_send_releases_the_claim(head_p01, mailoutbox, monkeypatch):
    def down(self, messages):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(EmailBackend, "send_messages", down)
    with pytest.raises(OSError):
        reminders_send(today=D(2021, 10, 24))
    assert not Reminder.objects.filter(recipient=head_p01, emailed_at__isnull=False).exists()
    monkeypatch.undo()
    reminders_send(today=D(2021, 10, 24))
    assert len(mailoutbox) == 1


def test_digest_catches_up_reminders_a_crashed_run_left_unsent(head_p01, mailoutbox):
    Reminder.objects.create(
        recipient=head_p01,
        item_key="assignment:0",
        offset="d1",
        on_date=D(2021, 10, 23),
        subject="Việc còn sót hôm qua",
    )
    reminders_send(today=D(2021, 10, 24))
    assert "Việc còn sót hôm qua" in mailoutbox[0].body


def test_user_without_email_gets_notifications_but_no_email(plan, mailoutbox):
    head = unit_head(Unit.objects.get(code="P03"))
    head.email = ""
    head.save()
    reminders_send(today=D(2021, 10, 24))
    assert Reminder.objects.filter(recipient=head).exists()
    assert mailoutbox == []


def test_quarterly_report_reminded_before_due_and_when_late(head_p01):
    reminders_send(today=D(2021, 9, 21))  # Q3 report due 05/10/2021
    reminders_send(today=D(2021, 10, 6))
    key = "report:CCHC-2021:P01:2021-Q3"
    assert (key, "d14") in _keys(head_p01, D(2021, 9, 21))
    assert (key, "overdue") in _keys(head_p01, D(2021, 10, 6))


def test_submitted_quarterly_report_is_not_reminded(plan, head_p01):
    QuarterlyReport.objects.create(
        plan=plan, unit=head_p01.unit, period="2021-Q3", status="submitted"
    )
    reminders_send(today=D(2021, 10, 6))
    assert not Reminder.objects.filter(item_key="report:CCHC-2021:P01:2021-Q3").exists()


def test_returned_quarterly_report_is_still_late(plan, head_p01):
    QuarterlyReport.objects.create(
        plan=plan, unit=head_p01.unit, period="2021-Q3", status="returned"
    )
    reminders_send(today=D(2021, 10, 6))
    assert Reminder.objects.filter(item_key="report:CCHC-2021:P01:2021-Q3").exists()


def _action(unit, due_on, status="open"):
    inspection = Inspection.objects.create(
        code="KT-2021-01", kind="cchc_periodic", unit=unit, date=D(2021, 7, 1)
    )
    finding = Finding.objects.create(inspection=inspection, text="Chưa niêm yết TTHC")
    return CorrectiveAction.objects.create(
        finding=finding, unit=unit, title="Niêm yết đầy đủ TTHC", due_on=due_on, status=status
    )


def test_corrective_action_reminded_like_an_assignment(head_p01):
    action = _action(head_p01.unit, D(2021, 8, 10))
    reminders_send(today=D(2021, 8, 9))
    reminders_send(today=D(2021, 8, 11))
    assert (f"action:{action.pk}", "d1") in _keys(head_p01, D(2021, 8, 9))
    assert (f"action:{action.pk}", "overdue") in _keys(head_p01, D(2021, 8, 11))


def test_closed_corrective_action_gets_no_reminder(head_p01):
    action = _action(head_p01.unit, D(2021, 8, 10), status="closed")
    reminders_send(today=D(2021, 8, 9))
    assert not Reminder.objects.filter(item_key=f"action:{action.pk}").exists()


def test_inactive_head_gets_nothing(plan):
    user = UserFactory(username="old-head", is_active=False)
    unit_head(Unit.objects.get(code="P04"))
    user.role, user.unit = "unit_head", Unit.objects.get(code="P04")
    user.save()
    reminders_send(today=D(2021, 10, 24))
    assert not Reminder.objects.filter(recipient=user).exists()


def test_command_rejects_a_bad_date(db):
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("send_reminders", "--date", "31/02/2021")


def test_command_takes_the_date_as_every_command_does(head_p01, mailoutbox):
    call_command("send_reminders", "--date", "24/10/2021", stdout=open("/dev/null", "w"))
    assert len(mailoutbox) == 1


def test_command_with_date(head_p01, mailoutbox):
    call_command("send_reminders", "--date", "2021-10-24", stdout=open("/dev/null", "w"))
    assert len(mailoutbox) == 1


def test_schedules_sync_creates_editable_beat_rows_once(db):
    assert schedules_sync() == 4
    assert schedules_sync() == 0
    task = PeriodicTask.objects.get(name="send-reminders-every-morning")
    assert task.task == "plans.tasks.send_reminders_task"
    assert (task.crontab.hour, task.crontab.minute) == ("7", "0")
    assert str(task.crontab.timezone) == "Asia/Ho_Chi_Minh"
    weekly = PeriodicTask.objects.get(name="escalate-weekly")
    assert weekly.crontab.day_of_week == "monday"


def test_a_run_interrupted_before_sending_is_completed_by_the_next(head_p01, mailoutbox):
    reminders_create(today=D(2021, 10, 24))  # the worker died here
    assert mailoutbox == []
    reminders_send(today=D(2021, 10, 24))
    assert len(mailoutbox) == 1
    assert not Reminder.objects.filter(recipient=head_p01, emailed_at__isnull=True).exists()
