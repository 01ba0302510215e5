"""After a change is saved, its page says the figures are being updated until the recompute the
change queued has stored them (issue "fresh figures without waiting")."""

import datetime as dt

from django.utils import timezone

from indicators.compliance.models import RecomputeRequest

STATUS = "/so-lieu/CCHC-2021/trang-thai/?change=1"


def _queued(plan):
    RecomputeRequest.objects.update_or_create(
        plan=plan, defaults={"pending": True, "requested_at": timezone.now()}
    )


def test_while_a_recompute_is_queued_the_box_polls(client, plan):
    _queued(plan)
    body = client.get(STATUS + "&reload=1").content.decode()
    assert 'id="results-updating"' in body and "every 2s" in body and "reload=1" in body


def test_a_running_recompute_still_shows_the_box(client, plan):
    now = timezone.now()
    RecomputeRequest.objects.create(plan=plan, started_at=now, finished_at=now - dt.timedelta(1))
    assert 'id="results-updating"' in client.get(STATUS).content.decode()


def test_once_stored_the_page_reloads_or_says_done(client, plan):
    now = timezone.now()
    RecomputeRequest.objects.create(plan=plan, started_at=now, finished_at=now)
    assert client.get(STATUS + "&was=1&reload=1")["HX-Refresh"] == "true"
    assert 'id="results-updated"' in client.get(STATUS + "&was=1").content.decode()


def test_nothing_is_shown_when_nothing_was_under_way(client, plan):
    body = client.get(STATUS).content.decode()
    assert "results-updating" not in body and "results-updated" not in body


def test_a_stale_pending_flag_is_not_shown_as_updating(client, plan):
    RecomputeRequest.objects.create(
        plan=plan, pending=True, requested_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert "results-updating" not in client.get(STATUS).content.decode()
