from celery import shared_task

from plans.models import Plan
from plans.services import plan_expand_assignments


@shared_task
def expand_assignments_task(plan_code: str) -> int:
    return plan_expand_assignments(plan=Plan.objects.get(code=plan_code))
