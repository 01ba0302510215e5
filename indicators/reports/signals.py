"""What the quarterly reports announce; `indicators.followup` receives it (IndicatorsConfig.ready).

A receiver only schedules work after the commit; it never decides anything about the decision.
"""

from django.dispatch import Signal

# Phòng Nội vụ returned, approved or reopened a report, and the unit's heads were notified.
# Argument: `reminder_ids`, the notifications (`plans.Reminder`) written with the decision.
report_decided = Signal()


def report_decided_send(*, sender, reminder_ids: list[int]) -> None:
    report_decided.send(sender=sender, reminder_ids=reminder_ids)
