"""The digest outbox: a digest claimed and never marked sent (the process died between the two)
is resent after the claim times out, once and never twice."""

import datetime as dt

import pytest
import time_machine

from indicators.followup import reminders
from indicators.followup.reminders import digests_resend, reminders_send
from indicators.followup.sweep import pending_work_sweep
from plans.models import Digest, Reminder

DAY = dt.date(2021, 10, 24)
MORNING = dt.datetime(2021, 10, 24, 7, 0, tzinfo=dt.UTC)


class Killed(BaseException):
    """The process dies (SIGKILL): nothing after the claim runs, not even `except Exception`."""


@pytest.fixture
def killed_after_claim(monkeypatch):
    def die(**kwargs):
        raise Killed

    monkeypatch.setattr(reminders, "email_send", die)
    return monkeypatch


def _crash(traveller):
    with pytest.raises(Killed):
        reminders_send(today=DAY)


def test_a_digest_claimed_and_never_sent_is_resent_once(head_p01, mailoutbox, killed_after_claim):
    with time_machine.travel(MORNING, tick=False) as traveller:
        _crash(traveller)
        killed_after_claim.undo()
        digest = Digest.objects.get(recipient=head_p01, on_date=DAY)
        assert digest.claimed_at and digest.sent_at is None and mailoutbox == []

        traveller.shift(Digest.CLAIM_TIMEOUT + dt.timedelta(minutes=1))
        assert digests_resend() == 1
        assert digests_resend() == 0
        traveller.shift(dt.timedelta(hours=1))
        assert digests_resend() == 0
        assert reminders_send(today=DAY) == 0

    assert [m.to for m in mailoutbox] == [[head_p01.email]]
    assert mailoutbox[0].extra_headers["Message-ID"] == digest.message_id
    digest.refresh_from_db()
    assert digest.sent_at and digest.attempts == 2
    assert not Reminder.objects.filter(recipient=head_p01, emailed_at__isnull=True).exists()


def test_a_held_claim_is_not_resent_before_it_times_out(head_p01, mailoutbox, killed_after_claim):
    with time_machine.travel(MORNING, tick=False) as traveller:
        _crash(traveller)
        killed_after_claim.undo()
        traveller.shift(Digest.CLAIM_TIMEOUT - dt.timedelta(minutes=1))
        assert digests_resend() == 0
        assert reminders_send(today=DAY) == 0  # the morning job retried: the claim is held
    assert mailoutbox == []


def test_the_sweeper_task_resends_the_lost_digest(head_p01, mailoutbox, killed_after_claim):
    with time_machine.travel(MORNING, tick=False) as traveller:
        _crash(traveller)
        killed_after_claim.undo()
        traveller.shift(Digest.CLAIM_TIMEOUT + dt.timedelta(minutes=1))
        assert pending_work_sweep()["digests"] == 1
        assert pending_work_sweep()["digests"] == 0
    assert len(mailoutbox) == 1


def test_reminders_of_a_sent_digest_are_not_put_in_another(head_p01, mailoutbox):
    with time_machine.travel(MORNING, tick=False):
        assert reminders_send(today=DAY) == 1
        assert reminders_send(today=DAY) == 0
    assert Digest.objects.filter(recipient=head_p01).count() == 1
    assert not Reminder.objects.filter(recipient=head_p01, digest__isnull=True).exists()
