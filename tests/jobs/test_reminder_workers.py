"""Two real workers run the morning job for the same day at once: each person gets one e-mail."""

import datetime as dt
import re

from indicators.followup.tasks import send_reminders_task
from plans.models import Reminder
from tests.factories import unit_head
from tests.jobs.conftest import ROOT, wait_until
from units.models import Unit

DAY = dt.date(2021, 10, 24)


def _succeeded(names) -> int:
    text = "".join((ROOT / "test-results" / f"celery-{n}.log").read_text() for n in names)
    return len(re.findall(r"send_reminders_task\[[^\]]+\] succeeded", text))


def _recipients(mail_dir) -> list[str]:
    return [
        line[4:].strip()
        for path in mail_dir.iterdir()
        for line in path.read_text().splitlines()
        if line.startswith("To: ")
    ]


def test_two_workers_send_each_digest_once(plan, start_worker, tmp_path, monkeypatch):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    monkeypatch.setenv("EMAIL_FILE_PATH", str(mail_dir))
    heads = [unit_head(Unit.objects.get(code=code)) for code in ("P01", "P02", "P03", "TP")]
    start_worker("rw1")
    start_worker("rw2")

    send_reminders_task.delay(DAY.isoformat())
    send_reminders_task.delay(DAY.isoformat())

    assert wait_until(lambda: _succeeded(["rw1", "rw2"]) == 2, timeout=120)
    assert sorted(_recipients(mail_dir)) == sorted(h.email for h in heads)
    rows = Reminder.objects.filter(on_date=DAY)
    assert rows.exists()
    assert not rows.filter(emailed_at__isnull=True).exists()
    for head in heads:
        claims = set(rows.filter(recipient=head).values_list("emailed_at", flat=True))
        assert len(claims) == 1  # one claim, one e-mail
