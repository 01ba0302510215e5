"""Celery jobs of the indicators app: two or three lines calling a service each.

Idempotent (a recompute replaces the results of (plan, as_of) in one transaction, so a worker
killed mid-run leaves the old results and the next run completes), acks_late, retried on a
lost database connection.
"""

import datetime as dt

from celery import shared_task
from django.db import OperationalError

from indicators.compliance.jobs import compliance_refresh, compliance_refresh_all
from plans.models import Plan

RETRY = {
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(name="indicators.tasks.recompute_compliance_task", **RETRY)
def recompute_compliance_task(plan_code: str, as_of: str | dt.date | None = None) -> int:
    day = dt.date.fromisoformat(str(as_of)) if as_of else None
    return compliance_refresh(plan=Plan.objects.get(code=plan_code), as_of=day)


@shared_task(name="indicators.tasks.recompute_all_plans_task", **RETRY)
def recompute_all_plans_task() -> int:
    return compliance_refresh_all()
