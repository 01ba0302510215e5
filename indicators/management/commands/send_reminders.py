import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indicators.followup.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Gửi nhắc việc buổi sáng: thông báo trong cổng và một thư tổng hợp mỗi người mỗi ngày. "
        "Chạy lại trong ngày không gửi trùng (cron: 0 7 * * *)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày chạy, dạng YYYY-MM-DD (mặc định: hôm nay)")

    def handle(self, *args, date=None, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {date!r} (cần dạng YYYY-MM-DD)") from exc
        sent = reminders_send(today=today)
        self.stdout.write(
            self.style.SUCCESS(f"Nhắc việc ngày {today:%d/%m/%Y}: đã gửi {sent} thư tổng hợp.")
        )
