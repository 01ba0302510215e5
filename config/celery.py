import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("cchc")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each package's tasks.py: the apps', and those of the packages inside `indicators`.
app.autodiscover_tasks()
app.autodiscover_tasks(["indicators.evidence", "indicators.compliance", "indicators.followup"])
