from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.models import Plan
from units.models import Unit


class InspectionQuerySet(models.QuerySet):
    def done(self):
        return self.filter(status=Inspection.Status.DONE)

    def cchc(self):
        return self.filter(kind__in=Inspection.CCHC_KINDS)

    def conduct(self):
        return self.filter(kind=Inspection.Kind.CONDUCT_SURPRISE)

    def between(self, start, end):
        return self.filter(date__range=(start, end))


class Inspection(models.Model):
    """Plan I.2.1, V.2.1: a CCHC or public-duty inspection of one unit, planned or done."""

    class Kind(models.TextChoices):
        CCHC_PERIODIC = "cchc_periodic", _("Kiểm tra CCHC định kỳ")
        CCHC_SURPRISE = "cchc_surprise", _("Kiểm tra CCHC đột xuất")
        CONDUCT_SURPRISE = "conduct_surprise", _("Kiểm tra đột xuất công vụ, quy tắc ứng xử")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Dự kiến")
        DONE = "done", _("Đã kiểm tra")

    CCHC_KINDS = (Kind.CCHC_PERIODIC, Kind.CCHC_SURPRISE)

    code = models.CharField(_("mã"), max_length=60, unique=True)
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="inspections"
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.DONE
    )
    date = models.DateField(_("ngày kiểm tra"))
    lead = models.CharField(_("trưởng đoàn"), max_length=200, blank=True)
    team = models.TextField(_("thành viên đoàn"), blank=True)
    scope = models.TextField(_("nội dung kiểm tra"), blank=True)
    head_responsibility = models.BooleanField(
        _("kiểm tra trách nhiệm người đứng đầu"), default=False
    )
    conclusion = models.TextField(_("kết luận"), blank=True)
    minutes = models.FileField(_("biên bản (PDF)"), upload_to="inspections/%Y/", blank=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "code"]
        indexes = [models.Index(fields=["kind", "date"])]
        verbose_name = _("cuộc kiểm tra")
        verbose_name_plural = _("cuộc kiểm tra")

    def __str__(self):
        return f"{self.code} – {self.unit.code} {self.date:%d/%m/%Y}"


class Finding(models.Model):
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("cuộc kiểm tra"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    text = models.TextField(_("nội dung phát hiện"))

    class Meta:
        verbose_name = _("phát hiện")
        verbose_name_plural = _("phát hiện")

    def __str__(self):
        return self.text[:80]


def action_closed_by(day, *, prefix: str = "") -> models.Q:
    """Closed on or before the day (an action closed later was still open that day); closed
    without a date (possible in the admin) counts as closed."""
    dated = models.Q(**{f"{prefix}closed_on__lte": day}) | models.Q(
        **{f"{prefix}closed_on__isnull": True}
    )
    return models.Q(**{f"{prefix}status": "closed"}) & dated


def action_overdue_on(day, *, prefix: str = "") -> models.Q:
    """Due before the day and not closed by it: due on the day itself is not overdue yet (the
    query form of `plans.statuses.action_status`)."""
    return models.Q(**{f"{prefix}due_on__lt": day}) & ~action_closed_by(day, prefix=prefix)


class CorrectiveAction(models.Model):
    """A measure a unit must take after an inspection finding, by a due date (plan V.2.1)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang khắc phục")
        CLOSED = "closed", _("Đã khắc phục")

    finding = models.ForeignKey(
        Finding, verbose_name=_("phát hiện"), on_delete=models.CASCADE, related_name="actions"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị chịu trách nhiệm"),
        on_delete=models.PROTECT,
        related_name="corrective_actions",
    )
    title = models.CharField(_("biện pháp khắc phục"), max_length=500)
    due_on = models.DateField(_("hạn"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    evidence_file = models.FileField(_("tệp minh chứng"), upload_to="actions/%Y/", blank=True)
    evidence_link = models.URLField(_("đường dẫn minh chứng"), blank=True)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("biện pháp khắc phục")
        verbose_name_plural = _("biện pháp khắc phục")

    def __str__(self):
        return self.title


class RecognitionProposal(models.Model):
    """Plan V.2.5: a proposal to commend, remind, criticise or discipline."""

    class Kind(models.TextChoices):
        COMMEND = "commend", _("Biểu dương")
        REMIND = "remind", _("Nhắc nhở")
        CRITICISE = "criticise", _("Phê bình")
        DISCIPLINE = "discipline", _("Xử lý nghiêm")

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="proposals"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="proposals"
    )
    person = models.CharField(_("cá nhân"), max_length=200, blank=True)
    kind = models.CharField(_("hình thức"), max_length=20, choices=Kind.choices)
    reason = models.TextField(_("lý do"))
    evidence_link = models.CharField(_("minh chứng"), max_length=500, blank=True)
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("cuộc kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "unit__code"]
        verbose_name = _("đề xuất khen thưởng, phê bình")
        verbose_name_plural = _("đề xuất khen thưởng, phê bình")

    def __str__(self):
        return f"{self.get_kind_display()} {self.unit.code}"
