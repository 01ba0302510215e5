from plans.models import Assignment
from plans.tasks import expand_assignments_task
from tests.jobs.conftest import wait_until
from units.models import Unit


def test_real_worker_expands_assignments_for_a_new_unit(plan, start_worker):
    start_worker("w1")
    Unit.objects.create(
        code="MN-09",
        name="Trường Mầm non 9",
        kind="public_service",
        sector="education",
        parent=plan.scope,
    )
    expand_assignments_task.delay(plan.code)
    assert wait_until(lambda: Assignment.objects.filter(unit__code="MN-09").exists())
