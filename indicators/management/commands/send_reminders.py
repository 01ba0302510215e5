import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from indicators.followup.reminders import reminders_send
from indicators.management.commands._day_args import add_day_arguments, run_day


class Command(BaseCommand):
    help = (
        "Gửi nhắc việc buổi sáng: thông báo trong cổng và một thư tổng hợp mỗi người mỗi ngày. "
        "Chạy lại trong ngày không gửi trùng (cron: 0 7 * * *)."
    )

    def add_arguments(self, parser):
        add_day_arguments(parser)
        parser.add_argument(
            "--days",
            type=int,
            default=1,
            help="Chạy các buổi sáng của N ngày kết thúc ở ngày chạy (mặc định 1: chỉ ngày đó)",
        )

    def handle(self, *args, date=None, plan=None, days=1, **options):
        last = run_day(date=date, plan=plan)
        if days < 1:
            raise CommandError("--days phải từ 1 trở lên.")
        for back in range(days - 1, -1, -1):
            today = last - dt.timedelta(days=back)
            sent = reminders_send(today=today)
            self.stdout.write(
                self.style.SUCCESS(f"Nhắc việc ngày {today:%d/%m/%Y}: đã gửi {sent} thư tổng hợp.")
            )
