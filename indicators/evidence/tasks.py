"""Celery jobs of the evidence package: a large browser import or export runs in a worker."""

from celery import shared_task

from indicators.evidence.export_jobs import export_job_run
from indicators.evidence.jobs import import_job_run


# Named as before the move into packages, so queued messages and beat rows keep working.
@shared_task(name="indicators.tasks.import_job_run_task")
def import_job_run_task(job_id: int) -> None:
    import_job_run(job_id=job_id)


@shared_task(name="indicators.evidence.tasks.export_job_run_task")
def export_job_run_task(job_id: int) -> None:
    export_job_run(job_id=job_id)
