from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from common.dates import parse_date
from indicators.followup.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Gửi nhắc việc buổi sáng: thông báo trong cổng và một thư tổng hợp mỗi người mỗi ngày. "
        "Chạy lại trong ngày không gửi trùng (cron: 0 7 * * *)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Ngày chạy, dạng YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: hôm nay)"
        )

    def handle(self, *args, date=None, **options):
        today = parse_date(date) if date else timezone.localdate()
        if today is None:
            raise CommandError(f"Ngày không hợp lệ: {date!r} (cần dạng YYYY-MM-DD hoặc DD/MM/YYYY)")
        sent = reminders_send(today=today)
        self.stdout.write(
            self.style.SUCCESS(f"Nhắc việc ngày {today:%d/%m/%Y}: đã gửi {sent} thư tổng hợp.")
        )
