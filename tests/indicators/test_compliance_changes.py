"""A change of the configuration (target, unit, task) queues ONE coalesced recompute per plan,
after the commit; a changed task gets its missing assignments."""

import datetime as dt
from unittest import mock

import pytest
from django.core.management import call_command

from common.commit import after_commit_batches_close
from indicators.compliance.models import RecomputeRequest
from indicators.compliance.tasks import recompute_compliance_task
from indicators.targets.models import Target
from plans.models import Assignment, Task
from tests.factories import UnitFactory
from units.models import Unit


@pytest.fixture
def settled(plan):
    """The plan loaded in the test's transaction; later changes start new after-commit batches."""
    after_commit_batches_close()
    return plan


@pytest.fixture
def queue():
    with mock.patch.object(recompute_compliance_task, "apply_async") as apply_async:
        yield apply_async


def _queued_plans(queue) -> list[str]:
    return [c.kwargs["args"][0] for c in queue.call_args_list]


def test_a_target_change_queues_a_recompute_after_the_commit(
    settled, queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        target = Target.objects.get(plan=settled, code="SAT-OVERALL")
        target.threshold = 85
        target.save()
        assert not queue.called  # nothing before the commit

    assert len(callbacks) >= 1
    assert _queued_plans(queue) == ["CCHC-2021"]


def test_a_target_deleted_queues_a_recompute(settled, queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Target.objects.get(plan=settled, code="SAT-OVERALL").delete()

    assert _queued_plans(queue) == ["CCHC-2021"]


def test_a_burst_of_changes_gives_one_recompute(
    settled, queue, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(dt.datetime(2021, 8, 1, 9, 0))
    with django_capture_on_commit_callbacks(execute=True):
        for target in Target.objects.filter(plan=settled):
            target.save()
        for task in Task.objects.filter(plan=settled)[:10]:
            task.save()
        for unit in Unit.objects.filter(kind=Unit.Kind.WARD):
            unit.save()

    assert _queued_plans(queue) == ["CCHC-2021"]


def test_reloading_an_unchanged_plan_queues_nothing(
    settled, queue, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(dt.datetime(2021, 8, 1, 9, 0))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_plan", "CCHC-2021", stdout=open("/dev/null", "w"))

    assert _queued_plans(queue) == []


def test_a_workbook_changing_many_targets_gives_one_recompute(
    settled, queue, time_machine, django_capture_on_commit_callbacks, tmp_path
):
    from openpyxl import load_workbook

    time_machine.move_to(dt.datetime(2021, 8, 1, 9, 0))
    path = tmp_path / "plan.xlsx"
    call_command("export_plan", "CCHC-2021", output=str(path), stdout=open("/dev/null", "w"))
    workbook = load_workbook(path)
    for row in list(workbook["targets"].iter_rows(min_row=2))[:5]:
        row[5].value = 77  # threshold
    workbook.save(path)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_plan", str(path), stdout=open("/dev/null", "w"))

    assert Target.objects.filter(plan=settled, threshold=77).count() == 5
    assert _queued_plans(queue) == ["CCHC-2021"]


def test_a_unit_change_recomputes_the_plans_not_ended_whose_scope_has_it(
    settled, queue, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(dt.datetime(2021, 8, 1, 9, 0))
    ward = Unit.objects.get(code="P10")
    with django_capture_on_commit_callbacks(execute=True):
        ward.active_to = dt.date(2021, 8, 1)
        ward.save()

    assert _queued_plans(queue) == ["CCHC-2021"]


def test_a_unit_of_another_district_recomputes_nothing(
    settled, queue, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(dt.datetime(2021, 8, 1, 9, 0))
    other = UnitFactory(code="Q1", kind=Unit.Kind.DISTRICT)
    after_commit_batches_close()
    with django_capture_on_commit_callbacks(execute=True):
        UnitFactory(code="Q1-P01", kind=Unit.Kind.WARD, parent=other)

    assert not queue.called


def test_a_unit_change_leaves_an_ended_plan_alone(
    settled, queue, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(dt.datetime(2022, 2, 1, 9, 0))
    with django_capture_on_commit_callbacks(execute=True):
        ward = Unit.objects.get(code="P10")
        ward.active_to = dt.date(2022, 1, 31)
        ward.save()

    assert not queue.called


def test_successors_changed_queue_a_recompute(
    settled, queue, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(dt.datetime(2021, 8, 1, 9, 0))
    with django_capture_on_commit_callbacks(execute=True):
        Unit.objects.get(code="P10").successors.add(Unit.objects.get(code="P09"))

    assert _queued_plans(queue) == ["CCHC-2021"]


def test_a_task_given_a_unit_gets_its_assignments_after_the_commit(
    settled, queue, django_capture_on_commit_callbacks
):
    task = Task.objects.filter(plan=settled, assigned_kinds="").first()
    newcomer = UnitFactory(code="P99", kind=Unit.Kind.WARD, parent=settled.scope)
    after_commit_batches_close()
    with django_capture_on_commit_callbacks(execute=True):
        task.assigned_units.add(newcomer)
        assert not Assignment.objects.filter(task=task, unit=newcomer).exists()

    assert Assignment.objects.filter(task=task, unit=newcomer).exists()
    assert _queued_plans(queue) == ["CCHC-2021"]


def test_a_unit_given_a_task_from_its_side_recomputes_the_tasks_plan(
    settled, queue, django_capture_on_commit_callbacks
):
    task = Task.objects.filter(plan=settled).first()
    with django_capture_on_commit_callbacks(execute=True):
        Unit.objects.get(code="P01").assigned_tasks.add(task)

    assert _queued_plans(queue) == ["CCHC-2021"]


def test_a_rolled_back_change_queues_nothing_and_later_ones_still_do(
    settled, queue, django_capture_on_commit_callbacks
):
    from django.db import transaction

    target = Target.objects.get(plan=settled, code="SAT-OVERALL")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                target.save()
                raise RuntimeError
        except RuntimeError:
            pass
        target.save()

    assert _queued_plans(queue) == ["CCHC-2021"]


def test_the_plan_fixture_leaves_no_recompute_pending(plan):
    """Loading in a test's transaction queues nothing that later tests would see as pending."""
    assert not RecomputeRequest.objects.filter(plan=plan, pending=True).exists()
