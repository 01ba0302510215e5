"""Receivers of the lower layers' signals: they schedule a coalesced recompute, nothing else.

Evidence (`plans.signals.evidence_changed`) and the configuration the results depend on: a
target, a unit (and its successors), a plan's task (and its assigned units). A configuration
change only notes the plan or unit; one recompute per plan follows the commit (`services`).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from indicators.compliance.services import evidence_changed as recompute_affected_plans
from indicators.compliance.services import plan_config_changed, unit_config_changed
from indicators.targets.models import Target
from plans.models import Task
from plans.signals import evidence_changed
from units.models import Unit

M2M_CHANGES = {"post_add", "post_remove", "post_clear"}


@receiver(evidence_changed, dispatch_uid="compliance-recompute-on-evidence")
def recompute_on_evidence(sender, *, plan=None, day=None, units=None, kinds=None, **kw) -> None:
    recompute_affected_plans(plan=plan, day=day, units=units, kinds=kinds)


@receiver(post_save, sender=Target, dispatch_uid="compliance-recompute-on-target-save")
@receiver(post_delete, sender=Target, dispatch_uid="compliance-recompute-on-target-delete")
@receiver(post_save, sender=Task, dispatch_uid="compliance-recompute-on-task-save")
@receiver(post_delete, sender=Task, dispatch_uid="compliance-recompute-on-task-delete")
def recompute_on_plan_row(sender, *, instance, raw=False, **kwargs) -> None:
    if not raw:
        plan_config_changed(plan_id=instance.plan_id)


@receiver(post_save, sender=Unit, dispatch_uid="compliance-recompute-on-unit-save")
@receiver(post_delete, sender=Unit, dispatch_uid="compliance-recompute-on-unit-delete")
def recompute_on_unit(sender, *, instance, raw=False, **kwargs) -> None:
    if not raw:
        unit_config_changed(unit_id=instance.pk)


@receiver(m2m_changed, sender=Unit.successors.through, dispatch_uid="compliance-on-successors")
def recompute_on_successors(sender, *, instance, action, **kwargs) -> None:
    if action in M2M_CHANGES:
        unit_config_changed(unit_id=instance.pk)


@receiver(m2m_changed, sender=Task.assigned_units.through, dispatch_uid="compliance-on-assigned")
def recompute_on_assigned_units(sender, *, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in M2M_CHANGES:
        return
    if not reverse:  # task.assigned_units.add(unit)
        plan_config_changed(plan_id=instance.plan_id)
        return
    if not pk_set:  # unit.assigned_tasks.clear(): the plans the unit is in
        unit_config_changed(unit_id=instance.pk)
        return
    # unit.assigned_tasks.add(task): the tasks' plans
    for plan_id in set(Task.objects.filter(pk__in=pk_set).values_list("plan_id", flat=True)):
        plan_config_changed(plan_id=plan_id)
