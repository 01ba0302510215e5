"""Recomputes lost on the way (broker down, worker killed, results emptied) are queued again by
the sweeper, and enqueueing never raises into the request."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from indicators.compliance.services import compliance_recompute_soon, recompute_requests_sweep
from indicators.compliance.tasks import recompute_compliance_task
from indicators.models import ComplianceResult, RecomputeRequest
from units.models import Unit

BROKER_DOWN = OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.fixture
def broker_down():
    with mock.patch.object(recompute_compliance_task, "apply_async", side_effect=BROKER_DOWN) as m:
        yield m


def _ago(**kwargs):
    return timezone.now() - dt.timedelta(**kwargs)


def test_enqueue_with_the_broker_down_does_not_raise(
    plan, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert compliance_recompute_soon(plan=plan, as_of=dt.date(2021, 6, 30))

    request = RecomputeRequest.objects.get(plan=plan)
    assert broker_down.called
    assert request.pending and request.as_of_dates == ["2021-06-30"]


def test_dashboard_with_the_broker_down_says_it_is_computing(
    client, noivu_user, plan, broker_down, django_capture_on_commit_callbacks
):
    client.force_login(noivu_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/tong-quan/{plan.code}/?as_of=2021-06-30")
    assert response.status_code == 200
    assert "đang tính" in response.content.decode().lower()
    assert RecomputeRequest.objects.get(plan=plan).pending


def test_sweeper_requeues_a_stale_pending_request(plan, broker_down):
    RecomputeRequest.objects.create(plan=plan, pending=True, requested_at=_ago(minutes=5))
    broker_down.side_effect = None

    assert recompute_requests_sweep() == 1

    broker_down.assert_called_once_with(args=[plan.code], countdown=0)
    request = RecomputeRequest.objects.get(plan=plan)
    assert request.pending and request.requested_at > _ago(minutes=1)
    assert request.attempts == 1


def test_sweeper_leaves_a_fresh_pending_request(plan, broker_down):
    RecomputeRequest.objects.create(plan=plan, pending=True, requested_at=_ago(seconds=30))
    ComplianceResult.objects.all().delete()

    assert recompute_requests_sweep() == 0
    assert not broker_down.called


def test_sweeper_requeues_once_when_run_twice(plan, broker_down):
    RecomputeRequest.objects.create(plan=plan, pending=True, requested_at=_ago(minutes=5))
    broker_down.side_effect = None

    assert recompute_requests_sweep() == 1
    assert recompute_requests_sweep() == 0
    assert broker_down.call_count == 1


def test_sweeper_requeues_a_recompute_whose_worker_died(plan, broker_down):
    RecomputeRequest.objects.create(
        plan=plan, pending=False, requested_at=_ago(hours=1), started_at=_ago(minutes=30)
    )
    broker_down.side_effect = None

    assert recompute_requests_sweep() == 1
    assert broker_down.called
    assert RecomputeRequest.objects.get(plan=plan).pending


def test_sweeper_leaves_a_recompute_still_running(plan, broker_down):
    RecomputeRequest.objects.create(
        plan=plan, pending=True, requested_at=_ago(minutes=5), started_at=_ago(minutes=3)
    )
    recompute_compliance_task(plan.code)  # stores a snapshot; finished_at set
    RecomputeRequest.objects.filter(plan=plan).update(
        pending=True, requested_at=_ago(minutes=5), started_at=_ago(minutes=3), finished_at=None
    )

    assert recompute_requests_sweep() == 0
    assert not broker_down.called


def test_a_finished_recompute_is_not_requeued(plan, broker_down):
    RecomputeRequest.objects.create(plan=plan, pending=True, requested_at=_ago(hours=1))
    recompute_compliance_task(plan.code)
    RecomputeRequest.objects.filter(plan=plan).update(started_at=_ago(hours=1))

    request = RecomputeRequest.objects.get(plan=plan)
    assert not request.pending and request.finished_at >= request.started_at
    assert recompute_requests_sweep() == 0
    assert not broker_down.called


def test_sweeper_queues_a_plan_left_with_no_snapshot(plan, django_capture_on_commit_callbacks):
    """After a PostgreSQL crash the UNLOGGED results table is empty: figures come back alone."""
    assert not ComplianceResult.objects.filter(plan=plan).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert recompute_requests_sweep() == 1

    assert ComplianceResult.objects.filter(plan=plan, as_of=plan.default_as_of()).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert recompute_requests_sweep() == 0


def test_sweep_command_reports_what_it_did(plan, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_pending_work", stdout=out)
    assert "Tính lại: 1 · lượt nhập: 0 · thư nhắc việc: 0" in out.getvalue()


def test_results_emptied_by_a_crash_are_rebuilt_at_once(plan, django_capture_on_commit_callbacks):
    RecomputeRequest.objects.create(plan=plan, pending=True, requested_at=timezone.now())
    recompute_compliance_task(plan.code)
    assert RecomputeRequest.objects.get(plan=plan).last_written > 0
    ComplianceResult.objects.all().delete()  # PostgreSQL empties an UNLOGGED table on a crash

    with django_capture_on_commit_callbacks(execute=True):
        assert recompute_requests_sweep() == 1

    assert ComplianceResult.objects.filter(plan=plan, as_of=plan.default_as_of()).exists()


def test_results_emptied_after_an_incremental_job_that_changed_nothing_are_rebuilt_at_once(
    plan, django_capture_on_commit_callbacks
):
    RecomputeRequest.objects.create(plan=plan, pending=True, requested_at=timezone.now())
    recompute_compliance_task(plan.code)
    p01 = Unit.objects.get(code="P01")
    RecomputeRequest.objects.filter(plan=plan).update(
        pending=True, requested_at=timezone.now(), changed_units=[p01.pk], changed_kinds=["*"]
    )
    assert recompute_compliance_task(plan.code) == 0  # P01's evidence did not change
    ComplianceResult.objects.all().delete()  # then a crash

    with django_capture_on_commit_callbacks(execute=True):
        assert recompute_requests_sweep() == 1

    assert ComplianceResult.objects.filter(plan=plan, as_of=plan.default_as_of()).exists()


def test_a_plan_whose_recompute_stores_nothing_is_not_recomputed_every_minute(plan, broker_down):
    RecomputeRequest.objects.create(
        plan=plan, started_at=_ago(minutes=2), finished_at=_ago(minutes=1), last_written=0
    )

    assert recompute_requests_sweep() == 0
    assert not broker_down.called
