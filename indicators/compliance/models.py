import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.targets.models import ProcedureField, Target
from plans.models import Plan
from units.models import Unit


class ComplianceResultQuerySet(models.QuerySet):
    def at(self, plan, as_of):
        """The results stored for a plan as of a date (one snapshot)."""
        return self.filter(plan=plan, as_of=as_of)


class ComplianceResult(models.Model):
    """One computed result: target × unit (or district) × field × period, as of a date."""

    class Status(models.TextChoices):
        MET = "met", _("Đạt")
        NOT_MET = "not_met", _("Chưa đạt")
        NO_DATA = "no_data", _("Chưa có số liệu")

    # A derived table rebuilt wholesale by the engine from ids it has just read: the foreign keys
    # are kept by Django (on_delete=CASCADE still deletes results with their unit, target, …) but
    # not checked row by row by the database, which made storing a country's million results
    # several times slower than computing them (bench/compliance.py). Reads go through the two
    # composite indexes below (plan, as_of, …); deleting a unit, target or field (rare, by an
    # admin) scans the table instead of paying for three more indexes on every recompute.
    # On PostgreSQL the table is UNLOGGED (migration 0005_bulk_tables): no write-ahead log for
    # rows that every recompute replaces; emptied after a crash, then rebuilt without anyone
    # acting: the sweeper queues the recompute of every plan left with no snapshot
    # (`recompute_requests_sweep`), and a page asking for figures queues its date
    # (docs/architecture.md "When something fails").
    plan = models.ForeignKey(
        Plan,
        on_delete=models.CASCADE,
        related_name="results",
        db_constraint=False,
        db_index=False,
    )
    as_of = models.DateField()
    target = models.ForeignKey(
        Target,
        on_delete=models.CASCADE,
        related_name="results",
        db_constraint=False,
        db_index=False,
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="results",
        db_constraint=False,
        db_index=False,
    )
    field = models.ForeignKey(
        ProcedureField,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    period = models.CharField(max_length=10)
    numerator = models.BigIntegerField(default=0)
    denominator = models.BigIntegerField(default=0)
    value = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    threshold = models.DecimalField(max_digits=7, decimal_places=2)
    status = models.CharField(max_length=10, choices=Status.choices)
    # The baseline year's online and received dossiers behind an online-growth row (None for
    # every other rule): an incremental recompute updates the whole-scope row from them.
    base_numerator = models.BigIntegerField(null=True)
    base_denominator = models.BigIntegerField(null=True)
    computed_at = models.DateTimeField()

    objects = ComplianceResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết quả chỉ tiêu")
        verbose_name_plural = _("kết quả chỉ tiêu")
        indexes = [
            models.Index(fields=["plan", "as_of", "target", "period"]),
            models.Index(fields=["plan", "as_of", "unit"]),
        ]

    def __str__(self):
        return f"{self.target.code} {self.period} {self.value}"


class RecomputeRequest(models.Model):
    """One row per plan: whether a coalesced compliance recompute is already queued.

    `compliance_recompute_soon` claims `pending` with a conditional update and queues the job only
    if it won; the job clears the flag when it starts, so a change during a run queues one more.
    `as_of_dates` are the dates a page asked for and found no results (ISO strings): the job
    computes them first and removes them once stored.
    """

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, primary_key=True, related_name="recompute_request"
    )
    pending = models.BooleanField(default=False)
    requested_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Set when a job ends; a job started and not finished within RUNNING_TIMEOUT died (a worker
    # killed mid-recompute) and the sweeper queues it again.
    finished_at = models.DateTimeField(null=True, blank=True)
    # How many times the job was queued (by a change, a page or the sweeper).
    attempts = models.PositiveIntegerField(default=0)
    # Rows the last finished job stored: results expected. None of them left in the table (an
    # UNLOGGED table emptied by a PostgreSQL crash) makes the sweeper queue a rebuild at once.
    last_written = models.PositiveIntegerField(default=0)
    as_of_dates = models.JSONField(_("ngày cần tính"), default=list, blank=True)
    # What the changes since the last job touched: `full` when one could not tell (a change of
    # configuration, a file of units, …), else the units (ids) and evidence kinds ("*": any),
    # which an incremental recompute takes (`compliance.incremental`).
    full = models.BooleanField(_("tính lại toàn bộ"), default=False)
    changed_units = models.JSONField(_("đơn vị có số liệu thay đổi"), default=list, blank=True)
    changed_kinds = models.JSONField(_("loại số liệu thay đổi"), default=list, blank=True)

    # A pending flag or asked date older than this is presumed lost (broker down, worker killed).
    STALE_AFTER = dt.timedelta(minutes=15)
    # The sweeper (`recompute_requests_sweep`, every minute) queues again a request pending this
    # long (the broker was down, or lost the message) …
    REQUEUE_AFTER = dt.timedelta(minutes=2)
    # … and one whose job started this long ago and never finished (the worker was killed).
    RUNNING_TIMEOUT = dt.timedelta(minutes=20)
    # Changes of more units than this are recomputed whole: one pass over the evidence is then
    # cheaper than this many units' queries.
    INCREMENTAL_MAX_UNITS = 200

    class Meta:
        verbose_name = _("yêu cầu tính lại chỉ tiêu")
        verbose_name_plural = _("yêu cầu tính lại chỉ tiêu")

    def __str__(self):
        return f"{self.plan_id} pending={self.pending}"
