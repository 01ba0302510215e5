"""The in-app notifications inbox (the `Reminder` rows sent to a user): reads and marks."""

from django.utils import timezone

from plans.models import Reminder


def notifications_for(*, user):
    return Reminder.objects.filter(recipient=user).order_by("-on_date", "read_at", "due_on", "pk")


def notifications_unread_count(*, user) -> int:
    return Reminder.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_mark_read(*, user, pk: int) -> int:
    return Reminder.objects.filter(recipient=user, pk=pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_mark_all_read(*, user) -> int:
    return Reminder.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
