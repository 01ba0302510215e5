from django.core.management.base import BaseCommand, CommandError

from indicators.demo.seed import DEMO_PASSWORD, demo_seed
from plans.models import Plan
from units.models import User


class Command(BaseCommand):
    help = "Tạo dữ liệu minh họa (đơn vị, người dùng, số liệu 2021). Không dùng khi vận hành."

    def add_arguments(self, parser):
        parser.add_argument("--plan", default="CCHC-2021")
        parser.add_argument("--scale", type=float, default=1.0, help="Hệ số số lượng hồ sơ")

    def handle(self, *args, plan, scale, **options):
        if not Plan.objects.filter(code=plan).exists():
            raise CommandError(
                f"Chưa nạp kế hoạch {plan}: chạy `manage.py load_plan {plan}` trước."
            )
        counts = demo_seed(plan_code=plan, scale=scale)
        self.stdout.write(
            self.style.SUCCESS(
                f"Dữ liệu minh họa: {counts['units']} đơn vị, {counts['dossiers']} hồ sơ."
            )
        )
        heads = User.objects.filter(username__startswith="head-").count()
        self.stdout.write(
            f"Đăng nhập (mật khẩu {DEMO_PASSWORD}): admin, noivu, lanhdao, "
            f"head-<mã đơn vị> ({heads} tài khoản, ví dụ head-p01, head-p-vts)."
        )
