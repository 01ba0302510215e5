from django.core.management.base import BaseCommand

from indicators.followup.sweep import pending_work_sweep


class Command(BaseCommand):
    help = (
        "Xếp hàng lại việc bị mất (tính lại chỉ tiêu, lượt nhập, thư nhắc việc, lượt xuất) khi "
        "máy chủ hàng đợi hay worker bị dừng; beat chạy mỗi phút (cron: * * * * * khi không "
        "có Celery)."
    )

    def handle(self, *args, **options):
        done = pending_work_sweep()
        self.stdout.write(
            self.style.SUCCESS(
                "Tính lại: {recomputes} · lượt nhập: {imports} · thư nhắc việc: {digests} · "
                "lượt xuất: {exports}".format(**done)
            )
        )
