"""The periodic jobs as django-celery-beat rows, so that they can be edited in the admin."""

from celery.schedules import crontab
from django.conf import settings
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, PeriodicTask


def _field(value) -> str:
    """A crontab field as it was written (`7`, `*/5`, `monday`)."""
    return str(value)


@transaction.atomic
def schedules_sync() -> int:
    """Create a PeriodicTask for every entry of CELERY_BEAT_SCHEDULE that has none yet.

    Existing rows are left as they are (an admin may have changed them). Returns rows created.
    """
    created = 0
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        schedule = entry["schedule"]
        if not isinstance(schedule, crontab) or PeriodicTask.objects.filter(name=name).exists():
            continue
        cron, _ = CrontabSchedule.objects.get_or_create(
            minute=_field(schedule._orig_minute),
            hour=_field(schedule._orig_hour),
            day_of_week=_field(schedule._orig_day_of_week),
            day_of_month=_field(schedule._orig_day_of_month),
            month_of_year=_field(schedule._orig_month_of_year),
            timezone=settings.CELERY_TIMEZONE,
        )
        PeriodicTask.objects.create(name=name, task=entry["task"], crontab=cron)
        created += 1
    return created
