import io

import pytest
from django.core.management import call_command

from indicators.models import Dossier
from units.models import Role, Unit, User


def _seed():
    call_command("seed_demo", "--scale", "0.02", stdout=open("/dev/null", "w"))


def test_seed_demo_creates_contract_logins_and_education_units(plan):
    _seed()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="noivu").role == Role.NOIVU
    assert User.objects.get(username="head-p-vts").unit.code == "P-VTS"
    assert User.objects.get(username="head-p01").check_password("demo-2021")
    assert Unit.objects.public_service().education().count() >= 20


def test_every_unit_has_a_head(plan):
    _seed()
    for unit in Unit.objects.below_scope():
        assert User.objects.filter(username=f"head-{unit.code.lower()}", unit=unit).exists()


def test_seed_demo_twice_adds_nothing(plan):
    _seed()
    counts = (Dossier.objects.count(), User.objects.count(), Unit.objects.count())
    _seed()
    assert (Dossier.objects.count(), User.objects.count(), Unit.objects.count()) == counts
    assert counts[0] > 0


def test_demo_reports_carry_who_submitted_and_approved_them_and_when(plan):
    from django.db.models import F

    from indicators.dashboards.summary import dashboard_summary
    from indicators.models import QuarterlyReport

    _seed()
    sent = QuarterlyReport.objects.exclude(status="draft")
    assert sent.count() > Unit.objects.below_scope().count()  # every unit, three quarters
    assert not sent.filter(submitted_at__isnull=True).exists()
    assert not sent.filter(submitted_by__isnull=True).exists()
    assert not sent.filter(status="approved", reviewed_by__isnull=True).exists()
    assert QuarterlyReport.objects.get(unit__code="P01", period="2021-Q3").status == "draft"
    assert sent.filter(feedback_handled__gt=0).exists()
    assert not sent.filter(feedback_handled__gt=F("feedback_received")).exists()
    summary = dashboard_summary(plan=plan, as_of=plan.deadline)
    assert summary["reports"]["submitted"] > summary["reports"]["expected"] // 2


def test_demo_completes_most_tasks_due_by_the_deadline(plan):
    from plans.models import Assignment

    _seed()
    on_deadline = Assignment.objects.for_plan(plan).filter(due_on=plan.deadline)
    assert on_deadline.filter(status="done").count() > on_deadline.count() // 2


def test_morning_runs_on_demo_data_send_each_digest_once(plan, mailoutbox):
    from plans.models import Reminder

    _seed()
    for day in ("2021-10-11", "2021-10-18", "2021-10-22", "2021-10-24", "2021-10-26"):
        call_command("send_reminders", "--date", day, stdout=open("/dev/null", "w"))
    sent = len(mailoutbox)
    reminders = Reminder.objects.count()
    assert sent > 0 and reminders >= sent
    call_command("send_reminders", "--date", "2021-10-24", stdout=open("/dev/null", "w"))
    assert (len(mailoutbox), Reminder.objects.count()) == (sent, reminders)


def test_make_runs_demo_day_fills_the_bell_the_digest_and_the_escalation(plan, mailoutbox):
    """`make run` runs the mornings of the week up to the demo's as-of date (25/10/2021, the
    plan's deadline, a Monday) and its escalation, so a new user sees what they look like."""
    from plans.models import Reminder

    _seed()
    out = io.StringIO()
    call_command("send_reminders", "--plan", "CCHC-2021", "--days", "7", stdout=out)
    assert "Nhắc việc ngày 19/10/2021" in out.getvalue()  # the week up to the as-of date
    assert "Nhắc việc ngày 25/10/2021" in out.getvalue()
    digests = len(mailoutbox)
    assert digests > 0 and Reminder.objects.exists()
    call_command("send_escalations", "--plan", "CCHC-2021", stdout=out)
    assert "Leo thang ngày 25/10/2021" in out.getvalue()
    assert len(mailoutbox) > digests


def test_a_day_command_refuses_an_unknown_plan_or_both_options(plan):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Không có kế hoạch"):
        call_command("send_escalations", "--plan", "NOPE")
    with pytest.raises(CommandError, match="Chỉ dùng một"):
        call_command("send_reminders", "--plan", "CCHC-2021", "--date", "2021-10-25")
