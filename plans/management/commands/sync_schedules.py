from django.core.management.base import BaseCommand

from plans.schedules import schedules_sync


class Command(BaseCommand):
    help = (
        "Tạo lịch chạy định kỳ (django-celery-beat) từ CELERY_BEAT_SCHEDULE để sửa được trong "
        "trang quản trị. Lịch đã có được giữ nguyên."
    )

    def handle(self, *args, **options):
        created = schedules_sync()
        self.stdout.write(self.style.SUCCESS(f"Lịch chạy định kỳ: tạo mới {created}."))
