"""Receivers of the lower layers' signals: they schedule a coalesced recompute, nothing else."""

from django.dispatch import receiver

from indicators.compliance.services import evidence_changed as recompute_affected_plans
from plans.signals import evidence_changed


@receiver(evidence_changed, dispatch_uid="compliance-recompute-on-evidence")
def recompute_on_evidence(sender, *, plan=None, day=None, **kwargs) -> None:
    recompute_affected_plans(plan=plan, day=day)
