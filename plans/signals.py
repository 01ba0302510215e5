"""What the lower layers announce; the compliance engine receives it (IndicatorsConfig.ready).

A receiver only schedules work after the commit; it never decides anything about the change.
"""

from django.dispatch import Signal

# Evidence behind a plan's results changed (a task completed, an inspection recorded, figures
# imported or approved). Arguments: `plan` (a Plan, or None) and `day` (the date the evidence
# is about, or None); with neither, every plan may be affected. `units` (unit ids) and `kinds`
# (evidence kinds, as the import kinds name them: "dossiers", "surveys", …) say what changed,
# when the sender knows: only those units' figures are then recomputed; None: anything may have.
evidence_changed = Signal()


def evidence_changed_send(*, sender, plan=None, day=None, units=None, kinds=None) -> None:
    evidence_changed.send(sender=sender, plan=plan, day=day, units=units, kinds=kinds)
