from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models import Clause, Plan


class ProcedureField(models.Model):
    """A field of administrative procedures (lĩnh vực TTHC)."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("lĩnh vực TTHC")
        verbose_name_plural = _("lĩnh vực TTHC")

    def __str__(self):
        return self.name


class Target(models.Model):
    """A measurable target of the plan, computed by one rule family (`compliance/rules.py`).

    Its history is kept: a period that ended before a change is judged by the target as it
    stood at that period's end (DESIGN "The past does not move")."""

    class Rule(models.TextChoices):
        INSPECTION_COVERAGE = "inspection_coverage", _("Tỷ lệ đơn vị được kiểm tra CCHC")
        CONDUCT_INSPECTIONS = "conduct_inspections", _("Số đơn vị được kiểm tra đột xuất công vụ")
        SATISFACTION = "satisfaction", _("Tỷ lệ hài lòng")
        PUBLICATION = "publication", _("Công khai kết quả hài lòng")
        ONTIME = "ontime", _("Tỷ lệ hồ sơ đúng hạn")
        FEEDBACK = "feedback", _("Phản ánh, kiến nghị xử lý kịp thời và công khai")
        INITIATIVES = "initiatives", _("Số sáng kiến")
        OUTREACH = "outreach", _("Số sản phẩm tuyên truyền")
        ONLINE_GROWTH = "online_growth", _("Tăng tỷ lệ hồ sơ trực tuyến")
        EPAYMENT_SHARE = "epayment_share", _("Tỷ lệ đơn vị giáo dục thanh toán điện tử")
        TASK_COMPLETION = "task_completion", _("Tỷ lệ nhiệm vụ hoàn thành đúng hạn")

    class Comparator(models.TextChoices):
        GTE = "gte", "≥"
        GT = "gt", ">"
        EQ = "eq", "="

    class Scope(models.TextChoices):
        DISTRICT = "district", _("Toàn địa bàn")
        UNIT = "unit", _("Từng đơn vị")
        UNIT_AND_DISTRICT = "unit_and_district", _("Từng đơn vị và toàn địa bàn")
        UNIT_FIELD = "unit_field", _("Từng đơn vị × lĩnh vực")

    class Periods(models.TextChoices):
        YEAR = "year", _("Năm")
        QUARTERS = "quarters", _("Quý")
        QUARTERS_AND_YEAR = "quarters_and_year", _("Quý và năm")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("mã"), max_length=40)
    title = models.CharField(_("chỉ tiêu"), max_length=300)
    clauses = models.ManyToManyField(Clause, verbose_name=_("mục"), related_name="targets")
    rule = models.CharField(_("cách tính"), max_length=40, choices=Rule.choices)
    comparator = models.CharField(_("so sánh"), max_length=5, choices=Comparator.choices)
    threshold = models.DecimalField(_("ngưỡng"), max_digits=7, decimal_places=2)
    field_thresholds = models.JSONField(
        _("ngưỡng riêng theo lĩnh vực"),
        default=dict,
        blank=True,
        help_text=_('Mã lĩnh vực → ngưỡng, ví dụ {"land": "96"}.'),
    )
    # Display only: the stored status stays met / not_met (docs/counting-rules.md, "Sát ngưỡng").
    amber_margin = models.DecimalField(
        _("biên sát ngưỡng (điểm)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("2"),
        validators=[MinValueValidator(0)],
        help_text=_(
            "Kết quả đạt nhưng cách ngưỡng dưới số điểm này hiện màu vàng (“Sát ngưỡng”); "
            "0: không cảnh báo."
        ),
    )
    scope = models.CharField(_("kết quả cho"), max_length=20, choices=Scope.choices)
    periods = models.CharField(_("kỳ"), max_length=20, choices=Periods.choices)
    unit_kinds = models.CharField(
        _("chỉ tính đơn vị loại"),
        max_length=100,
        blank=True,
        help_text=_("Để trống: mọi loại; ví dụ ward;agency."),
    )
    unit_sector = models.CharField(_("chỉ tính lĩnh vực đơn vị"), max_length=50, blank=True)
    inspection_kinds = models.CharField(_("loại kiểm tra được tính"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="target_unique_code")]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self):
        return f"{self.code} – {self.title}"

    @property
    def quarterly(self) -> bool:
        return self.periods in (self.Periods.QUARTERS, self.Periods.QUARTERS_AND_YEAR)

    @property
    def yearly(self) -> bool:
        return self.periods in (self.Periods.YEAR, self.Periods.QUARTERS_AND_YEAR)

    @property
    def per_unit(self) -> bool:
        return self.scope != self.Scope.DISTRICT

    @property
    def district_wide(self) -> bool:
        return self.scope in (self.Scope.DISTRICT, self.Scope.UNIT_AND_DISTRICT)

    @property
    def per_field(self) -> bool:
        return self.scope == self.Scope.UNIT_FIELD

    @property
    def kinds(self) -> list[str]:
        """The unit kinds the target counts (empty: every kind)."""
        return [k.strip() for k in self.unit_kinds.replace(",", ";").split(";") if k.strip()]

    def counts_unit(self, kind: str, sector: str) -> bool:
        return (not self.kinds or kind in self.kinds) and (
            not self.unit_sector or sector == self.unit_sector
        )

    def threshold_for(self, field: ProcedureField | None) -> Decimal:
        """A field may have its own threshold (plan II.6: land's on-time rate ≥ 96%)."""
        if field is not None and field.code in (self.field_thresholds or {}):
            return Decimal(str(self.field_thresholds[field.code]))
        return self.threshold

    @property
    def comparator_sign(self) -> str:
        return dict(self.Comparator.choices)[self.comparator]

    @property
    def is_count(self) -> bool:
        """A count of things (≥ 1 initiative), not a share or a growth in points."""
        return self.rule in (
            self.Rule.INITIATIVES,
            self.Rule.OUTREACH,
            self.Rule.CONDUCT_INSPECTIONS,
        )

    @property
    def threshold_unit(self) -> str:
        """What follows the threshold's number: nothing for a count, points for a growth, %."""
        if self.is_count:
            return ""
        if self.rule == self.Rule.ONLINE_GROWTH:
            return " " + gettext("điểm %")
        return "%"
