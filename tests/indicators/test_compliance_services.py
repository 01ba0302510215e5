import datetime as dt
import logging
from unittest import mock

from django.db import transaction

from indicators.compliance import jobs
from indicators.compliance.jobs import compliance_refresh
from indicators.compliance.services import compliance_recompute_soon
from indicators.compliance.tasks import recompute_all_plans_task, recompute_compliance_task
from indicators.models import ComplianceResult, RecomputeRequest


def test_a_burst_in_one_transaction_gives_one_recompute(plan, django_capture_on_commit_callbacks):
    with mock.patch.object(jobs, "compliance_recompute", return_value=0) as recompute:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with transaction.atomic():
                for _ in range(100):
                    compliance_recompute_soon(plan=plan)

    assert len(callbacks) == 1
    assert recompute.call_count == 1


def test_eager_recompute_after_commit_stores_results(plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        compliance_recompute_soon(plan=plan)

    assert ComplianceResult.objects.filter(plan=plan, as_of=plan.default_as_of()).exists()
    assert not RecomputeRequest.objects.get(plan=plan).pending


def test_eager_recompute_logs_no_broker_warning(plan, django_capture_on_commit_callbacks, caplog):
    with caplog.at_level(logging.WARNING, logger="kombu"):
        with mock.patch.object(jobs, "compliance_recompute", return_value=0):
            with django_capture_on_commit_callbacks(execute=True):
                compliance_recompute_soon(plan=plan)

    assert not [r.getMessage() for r in caplog.records if r.name.startswith("kombu")]


def test_a_burst_in_quick_succession_queues_one_job(plan, django_capture_on_commit_callbacks):
    with mock.patch.object(recompute_compliance_task, "apply_async") as queue:
        with django_capture_on_commit_callbacks(execute=True):
            claimed = [compliance_recompute_soon(plan=plan) for _ in range(100)]

    assert claimed.count(True) == 1
    queue.assert_called_once()
    assert queue.call_args.kwargs["args"] == ["CCHC-2021"]
    assert queue.call_args.kwargs["countdown"] > 0


def test_a_change_during_a_run_queues_one_more(plan, django_capture_on_commit_callbacks):
    with mock.patch.object(recompute_compliance_task, "apply_async") as queue:
        with django_capture_on_commit_callbacks(execute=True):
            compliance_recompute_soon(plan=plan)
            compliance_refresh(plan=plan)  # the job starts: the flag is cleared
            compliance_recompute_soon(plan=plan)
            compliance_recompute_soon(plan=plan)

    assert queue.call_count == 2


def test_a_lost_flag_is_reclaimed_after_a_while(plan, time_machine):
    time_machine.move_to(dt.datetime(2021, 5, 1, 8, 0))
    assert compliance_recompute_soon(plan=plan)
    assert not compliance_recompute_soon(plan=plan)

    time_machine.move_to(dt.datetime(2021, 5, 1, 9, 0))

    assert compliance_recompute_soon(plan=plan)


def test_a_broker_failure_keeps_the_request_pending(plan, django_capture_on_commit_callbacks):
    with mock.patch.object(recompute_compliance_task, "apply_async", side_effect=OSError):
        with django_capture_on_commit_callbacks(execute=True):
            compliance_recompute_soon(plan=plan)

    request = RecomputeRequest.objects.get(plan=plan)
    assert request.pending  # recorded: the sweeper queues it once the broker is back
    assert request.attempts == 1


def test_task_recomputes_the_given_as_of(plan):
    written = recompute_compliance_task("CCHC-2021", "2021-06-30")

    assert written == ComplianceResult.objects.filter(as_of=dt.date(2021, 6, 30)).count() > 0


def test_refresh_recomputes_the_default_and_the_stored_snapshots(plan, time_machine):
    time_machine.move_to(dt.datetime(2021, 8, 1, 8, 0))
    recompute_compliance_task("CCHC-2021", "2021-06-30")

    recompute_all_plans_task()

    assert set(ComplianceResult.objects.values_list("as_of", flat=True)) == {
        dt.date(2021, 6, 30),
        dt.date(2021, 8, 1),
    }
