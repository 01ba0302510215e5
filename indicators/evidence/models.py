import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.targets.models import ProcedureField
from units.models import Unit

# The counting rule of dossiers and feedback, in one place (docs/counting-rules.md, plan II.6):
# on-time rate = resolved in the period on time / (resolved in the period + unresolved at the
# period's end with `due_on` before that end). The prefix lets a query count related rows.


def resolved_between(start, end, *, prefix: str = "") -> models.Q:
    return models.Q(**{f"{prefix}resolved_on__range": (start, end)})


def resolved_on_time(*, prefix: str = "") -> models.Q:
    return models.Q(**{f"{prefix}resolved_on__lte": models.F(f"{prefix}due_on")})


def overdue_unresolved_at(end, *, prefix: str = "") -> models.Q:
    """Received by the end, not resolved by the end, and due before the end."""
    unresolved = models.Q(**{f"{prefix}resolved_on__isnull": True}) | models.Q(
        **{f"{prefix}resolved_on__gt": end}
    )
    return unresolved & models.Q(**{f"{prefix}due_on__lt": end, f"{prefix}received_on__lte": end})


class DossierQuerySet(models.QuerySet):
    def received_between(self, start, end):
        return self.filter(received_on__range=(start, end))

    def counted_for_ontime(self, start, end):
        """The rows an on-time rate over [start, end] counts: resolved in it, or overdue at end."""
        return self.filter(resolved_between(start, end) | overdue_unresolved_at(end))


class Dossier(models.Model):
    """One administrative-procedure dossier (hồ sơ TTHC)."""

    # Unique by a constraint rather than `unique=True`, which on PostgreSQL adds a second index
    # for `LIKE 'x%'` searches that nothing makes on dossier codes.
    code = models.CharField(_("mã hồ sơ"), max_length=60)
    # Indexes cost every import (a country loads millions of dossiers), so only those a query
    # uses are kept: the unique code (upserts) and (unit, field, received_on) for one unit's
    # dossiers (report counts, evidence lists); it also serves the unit foreign key. Whole-table
    # scans (the engine's grouped counts, a district's quarter) read the heap, and a field, a
    # resolved or a due date alone selects rows spread over every page, so those single-column
    # indexes were never worth their upkeep (migration 0005).
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="dossiers", db_index=False
    )
    field = models.ForeignKey(
        ProcedureField, on_delete=models.PROTECT, related_name="dossiers", db_index=False
    )
    received_on = models.DateField(_("ngày nhận"))
    due_on = models.DateField(_("ngày hẹn trả"))
    resolved_on = models.DateField(_("ngày giải quyết"), null=True, blank=True)
    online = models.BooleanField(_("trực tuyến"), default=False)
    e_paid = models.BooleanField(_("thanh toán điện tử"), default=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ TTHC")
        verbose_name_plural = _("hồ sơ TTHC")
        indexes = [
            models.Index(fields=["unit", "field", "received_on"]),
        ]
        constraints = [models.UniqueConstraint(fields=["code"], name="dossier_code_unique")]

    def __str__(self):
        return self.code


class SatisfactionSurvey(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="surveys")
    field = models.ForeignKey(ProcedureField, on_delete=models.PROTECT, related_name="surveys")
    period = models.CharField(_("kỳ"), max_length=10)
    responses = models.PositiveIntegerField(_("số phiếu"))
    satisfied = models.PositiveIntegerField(_("số phiếu hài lòng"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khảo sát hài lòng")
        verbose_name_plural = _("khảo sát hài lòng")
        constraints = [
            models.UniqueConstraint(fields=["unit", "field", "period"], name="survey_unique_key"),
            models.CheckConstraint(
                condition=models.Q(satisfied__lte=models.F("responses")),
                name="survey_satisfied_le_responses",
            ),
        ]

    def __str__(self):
        return f"{self.unit.code} {self.field.code} {self.period}"


class Feedback(models.Model):
    """A citizen's or business's feedback or petition (phản ánh, kiến nghị)."""

    class Channel(models.TextChoices):
        NATIONAL = "national", _("Cổng dịch vụ công Quốc gia")
        PORTAL_1022 = "1022", _("Cổng thông tin 1022")
        OTHER = "other", _("Hình thức khác")

    code = models.CharField(_("mã"), max_length=60, unique=True)
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="feedback")
    received_on = models.DateField(_("ngày nhận"))
    due_on = models.DateField(_("hạn xử lý"))
    resolved_on = models.DateField(_("ngày xử lý"), null=True, blank=True)
    published_on = models.DateField(_("ngày công khai"), null=True, blank=True)

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        indexes = [models.Index(fields=["unit", "received_on"])]

    def __str__(self):
        return self.code


class DatedEvidence(models.Model):
    code = models.CharField(_("mã"), max_length=60, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên"), max_length=500)
    date = models.DateField(_("ngày"))
    evidence_file = models.FileField(_("tệp minh chứng"), upload_to="evidence/%Y/", blank=True)
    evidence_link = models.URLField(_("đường dẫn minh chứng"), blank=True)

    class Meta:
        abstract = True
        ordering = ["date", "code"]

    def __str__(self):
        return f"{self.code} – {self.title}"


class Initiative(DatedEvidence):
    """Plan II.5: an initiative or solution that improves the unit's work."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="initiatives")

    class Meta(DatedEvidence.Meta):
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")


class OutreachProduct(DatedEvidence):
    """Plan II.9: a CCHC outreach product or model."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="outreach_products")

    class Meta(DatedEvidence.Meta):
        verbose_name = _("sản phẩm tuyên truyền")
        verbose_name_plural = _("sản phẩm tuyên truyền")


# Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP), per procedure field and quarter: the eight
# numbers a unit reports, in the form's column order (docs/imports.md, "form06").
FORM06_COUNTS = (
    "received_online",
    "received_direct",
    "carried_over",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending_in_time",
    "pending_overdue",
)


def form06_ontime(values: dict) -> tuple[int, int]:
    """On time from Biểu 06 numbers (DESIGN "ONTIME from form figures"): (early + on time,
    early + on time + late + pending overdue)."""
    on_time = (values.get("resolved_early") or 0) + (values.get("resolved_on_time") or 0)
    late = (values.get("resolved_late") or 0) + (values.get("pending_overdue") or 0)
    return on_time, on_time + late


def form06_online(values: dict) -> tuple[int, int]:
    """The online share from Biểu 06 numbers: (received online, online + in person)."""
    online = values.get("received_online") or 0
    return online, online + (values.get("received_direct") or 0)


def carried_over_into(start, *, prefix: str = "") -> models.Q:
    """Received before the start and not resolved before it (Biểu 06 "từ kỳ trước chuyển qua")."""
    unresolved = models.Q(**{f"{prefix}resolved_on__isnull": True}) | models.Q(
        **{f"{prefix}resolved_on__gte": start}
    )
    return unresolved & models.Q(**{f"{prefix}received_on__lt": start})


def pending_at(end, *, prefix: str = "") -> models.Q:
    """Received by the end and not resolved by it (Biểu 06 "đang giải quyết")."""
    unresolved = models.Q(**{f"{prefix}resolved_on__isnull": True}) | models.Q(
        **{f"{prefix}resolved_on__gt": end}
    )
    return unresolved & models.Q(**{f"{prefix}received_on__lte": end})


def dossiers_matter_to(start, end, *, prefix: str = "") -> models.Q:
    """The dossiers a quarter's figures count: received or resolved in it, or overdue at its end.
    Where a unit and field has any for a quarter, its dossiers win over Biểu 06 figures."""
    received = models.Q(**{f"{prefix}received_on__range": (start, end)})
    return (
        received
        | resolved_between(start, end, prefix=prefix)
        | overdue_unresolved_at(end, prefix=prefix)
    )


class Form06Counts(models.Model):
    """The eight numbers of Biểu 06 for one procedure field: received (online; in person or by
    post; carried over), resolved (early; on time; late), pending (within the deadline; overdue).
    """

    received_online = models.PositiveIntegerField(_("tiếp nhận trực tuyến"), default=0)
    received_direct = models.PositiveIntegerField(_("tiếp nhận trực tiếp, bưu chính"), default=0)
    carried_over = models.PositiveIntegerField(_("từ kỳ trước chuyển qua"), default=0)
    resolved_early = models.PositiveIntegerField(_("giải quyết trước hạn"), default=0)
    resolved_on_time = models.PositiveIntegerField(_("giải quyết đúng hạn"), default=0)
    resolved_late = models.PositiveIntegerField(_("giải quyết quá hạn"), default=0)
    pending_in_time = models.PositiveIntegerField(_("đang giải quyết trong hạn"), default=0)
    pending_overdue = models.PositiveIntegerField(_("đang giải quyết quá hạn"), default=0)

    class Meta:
        abstract = True

    @property
    def received_total(self) -> int:
        return self.received_online + self.received_direct + self.carried_over

    @property
    def resolved_total(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def pending_total(self) -> int:
        return self.pending_in_time + self.pending_overdue


class Form06Figure(Form06Counts):
    """A unit's Biểu 06 row for one field and quarter, imported (`import_data form06`)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="form06_figures")
    field = models.ForeignKey(ProcedureField, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("quý"), max_length=10)

    class Meta:
        verbose_name = _("số liệu Biểu 06")
        verbose_name_plural = _("số liệu Biểu 06")
        constraints = [
            models.UniqueConstraint(fields=["unit", "field", "period"], name="form06_unique_key")
        ]

    def __str__(self):
        return f"{self.unit.code} {self.field.code} {self.period}"


class SatisfactionPublication(models.Model):
    """Plan II.7: the unit published its quarter's satisfaction result on its website."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="publications")
    period = models.CharField(_("kỳ"), max_length=10)
    url = models.URLField(_("đường dẫn"), max_length=500)
    published_on = models.DateField(_("ngày công khai"))

    class Meta:
        verbose_name = _("công khai kết quả hài lòng")
        verbose_name_plural = _("công khai kết quả hài lòng")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="publication_unique_key")
        ]

    def __str__(self):
        return f"{self.unit.code} {self.period}"


class EPaymentAdoption(models.Model):
    """Plan V.5: the day a public-service unit started taking electronic payments."""

    unit = models.OneToOneField(Unit, on_delete=models.PROTECT, related_name="epayment")
    adopted_on = models.DateField(_("ngày áp dụng"))

    class Meta:
        verbose_name = _("áp dụng thanh toán điện tử")
        verbose_name_plural = _("áp dụng thanh toán điện tử")

    def __str__(self):
        return f"{self.unit.code} {self.adopted_on:%d/%m/%Y}"


class Baseline(models.Model):
    """Dossier counts of a baseline year entered by an admin (when its dossiers are not loaded)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="baselines")
    year = models.PositiveSmallIntegerField(_("năm"))
    received = models.PositiveIntegerField(_("hồ sơ tiếp nhận"))
    online = models.PositiveIntegerField(_("hồ sơ trực tuyến"))

    class Meta:
        verbose_name = _("số liệu năm gốc")
        verbose_name_plural = _("số liệu năm gốc")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="baseline_unique_key"),
            models.CheckConstraint(
                condition=models.Q(online__lte=models.F("received")),
                name="baseline_online_le_received",
            ),
        ]

    def __str__(self):
        return f"{self.unit.code} {self.year}"


class ImportJob(models.Model):
    """A bulk import running in the background, with its progress."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang nhập")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Bị từ chối")

    kind = models.CharField(_("loại dữ liệu"), max_length=20)
    file = models.FileField(_("tệp"), upload_to="imports/%Y/")
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    processed_rows = models.PositiveIntegerField(_("số dòng đã đọc"), default=0)
    created = models.PositiveIntegerField(_("dòng thêm mới"), default=0)
    updated = models.PositiveIntegerField(_("dòng cập nhật"), default=0)
    unchanged = models.PositiveIntegerField(_("dòng không đổi"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    # Checks that do not reject the file (Biểu 06 carry-over), shown in the preview.
    warnings = models.JSONField(_("cảnh báo"), default=list, blank=True)
    # False: the job only validates the file and counts (the preview); True: it writes.
    confirmed = models.BooleanField(_("đã xác nhận ghi"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lúc tải lên"), auto_now_add=True)
    # When the job was last handed to the broker (or tried to be), and when a worker began it:
    # the sweeper queues again a job pending too long and fails one running too long.
    queued_at = models.DateTimeField(_("lúc xếp hàng"), null=True, blank=True)
    started_at = models.DateTimeField(_("lúc bắt đầu"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("số lần chạy"), default=0)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    # A pending job not started this long after it was queued is queued again (broker down).
    REQUEUE_AFTER = dt.timedelta(minutes=2)
    # A running job not finished this long after it started died with its worker: failed.
    RUNNING_TIMEOUT = dt.timedelta(minutes=60)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lượt nhập dữ liệu")
        verbose_name_plural = _("lượt nhập dữ liệu")

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class ExportJob(models.Model):
    """A large export written by a worker; its file is kept `KEEP_FOR`, for its requester only."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang xuất")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Thất bại")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    kind = models.CharField(_("loại dữ liệu"), max_length=20)
    format = models.CharField(_("định dạng"), max_length=4, choices=Format.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    rows_total = models.PositiveIntegerField(_("số dòng ước tính"), default=0)
    rows_done = models.PositiveIntegerField(_("số dòng đã xuất"), default=0)
    # Under MEDIA_ROOT, outside the web root: served only by the job's download view.
    file = models.FileField(_("tệp"), upload_to="exports/%Y/", blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("lúc yêu cầu"), auto_now_add=True)
    queued_at = models.DateTimeField(_("lúc xếp hàng"), null=True, blank=True)
    started_at = models.DateTimeField(_("lúc bắt đầu"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("số lần chạy"), default=0)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    # A pending job not started this long after it was queued is queued again (broker down).
    REQUEUE_AFTER = dt.timedelta(minutes=2)
    # A running job not finished this long after it started died with its worker: an export
    # only reads, so it is run again, up to MAX_ATTEMPTS times in all, then failed.
    RUNNING_TIMEOUT = dt.timedelta(minutes=30)
    MAX_ATTEMPTS = 3
    # A finished job's file is deleted this long after it was written (the row stays).
    KEEP_FOR = dt.timedelta(days=7)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lượt xuất dữ liệu")
        verbose_name_plural = _("lượt xuất dữ liệu")
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="exportjob_user_recent")
        ]

    def __str__(self):
        return f"{self.kind}.{self.format} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, int(100 * self.rows_done / self.rows_total))
