"""Receivers for the plans' own models: they schedule work after the commit, nothing else."""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from plans.models import Task
from plans.services import task_changed


@receiver(post_save, sender=Task, dispatch_uid="plans-expand-on-task-save")
def expand_on_task_save(sender, *, instance, raw=False, **kwargs) -> None:
    if not raw:
        task_changed(task_id=instance.pk)


@receiver(m2m_changed, sender=Task.assigned_units.through, dispatch_uid="plans-expand-on-assigned")
def expand_on_assigned_units(sender, *, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    for task_id in sorted(pk_set or ()) if reverse else [instance.pk]:
        task_changed(task_id=task_id)
