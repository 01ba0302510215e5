from django.core.management.base import BaseCommand

from indicators.followup.escalation import escalations_send
from indicators.management.commands._day_args import add_day_arguments, run_day


class Command(BaseCommand):
    help = (
        "Gửi danh sách đơn vị chậm trễ (Kế hoạch V.3.3) cho Phòng Nội vụ và Chủ tịch, mỗi người "
        "một thư mỗi tuần (Celery beat chạy sáng thứ Hai)."
    )

    def add_arguments(self, parser):
        add_day_arguments(parser)

    def handle(self, *args, date=None, plan=None, **options):
        today = run_day(date=date, plan=plan)
        sent = escalations_send(today=today)
        self.stdout.write(
            self.style.SUCCESS(f"Leo thang ngày {today:%d/%m/%Y}: đã gửi {sent} thư.")
        )
