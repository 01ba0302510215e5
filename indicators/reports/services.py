"""Writes for quarterly reports: draft → submitted → returned | approved (approved is locked).

A unit head changes only a draft or returned report of their own unit; Phòng Nội vụ returns
(with a comment), approves, reopens an approved report (with a reason) and publishes it.
"""

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.files import evidence_errors
from indicators.evidence.models import (
    Initiative,
    OutreachProduct,
    SatisfactionPublication,
    SatisfactionSurvey,
)
from indicators.reports.models import PublishedFigure, QuarterlyReport, ReportFigure
from indicators.reports.notices import APPROVED, REOPENED, RETURNED, report_decision_notify
from indicators.reports.public_cache import public_cache_bump
from indicators.reports.published import (
    published_figures_from,
    published_summary,
    thresholds_of,
)
from indicators.reports.selectors import (
    FIGURE_KEYS,
    SURVEY_KEYS,
    report_dossier_counts,
    report_figure_rows,
)
from indicators.targets.models import ProcedureField, Target
from plans.models import Plan
from plans.periods import PUBLICATION_GRACE_DAYS, Period
from plans.signals import evidence_changed_send
from units.models import Unit

logger = logging.getLogger(__name__)

Status = QuarterlyReport.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)
EVIDENCE_MODELS = {"initiative": Initiative, "outreach": OutreachProduct}


# --- pure checks, shared with the forms -------------------------------------------------------


MAX_FIGURE = 10**9  # a count above this is implausible (and near the database's integer range)


def _bound_error(value) -> str | None:
    if value is None:
        return None
    if value < 0:
        return _("Số liệu không được âm.")
    if value > MAX_FIGURE:
        return _("Số liệu quá lớn (tối đa 1.000.000.000).")
    return None


def figure_errors(values: dict) -> dict[str, str]:
    """Messages by key for one field's figures (empty when they are consistent)."""
    errors = {}
    for key in FIGURE_KEYS:
        message = _bound_error(values.get(key))
        if message:
            errors[key] = message
    if errors:
        return errors
    get = lambda key: values.get(key) or 0  # noqa: E731
    if get("satisfied") > get("responses"):
        errors["satisfied"] = _("Số phiếu hài lòng không được lớn hơn số phiếu khảo sát.")
    return errors


def feedback_errors(received: int, handled: int) -> dict[str, str]:
    errors = {}
    for key, value in (("feedback_received", received), ("feedback_handled", handled)):
        message = _bound_error(value)
        if message:
            errors[key] = message
    if not errors and handled > received:
        errors["feedback_handled"] = _(
            "Số phản ánh đã xử lý không được lớn hơn số phản ánh tiếp nhận."
        )
    return errors


def date_in_quarter_error(day: dt.date | None, period: Period) -> str | None:
    """A dated item of the quarter must lie in it and not after today."""
    if day is None:
        return _("Vui lòng nhập ngày.")
    if day > timezone.localdate():
        return _("Ngày không được sau hôm nay.")
    if not period.contains(day):
        return _("Ngày phải nằm trong %(label)s (%(start)s – %(end)s).") % {
            "label": period.label,
            "start": period.start.strftime("%d/%m/%Y"),
            "end": period.last_day.strftime("%d/%m/%Y"),
        }
    return None


def publication_date_error(day: dt.date | None, period: Period) -> str | None:
    """A quarter's result is published once the quarter is over: from its first day to the end
    of the grace period after it, and not after today (DESIGN "Publication rule")."""
    if day is None:
        return _("Vui lòng nhập ngày.")
    if day > timezone.localdate():
        return _("Ngày không được sau hôm nay.")
    if not period.start <= day <= period.publication_last_day:
        return _(
            "Ngày công khai kết quả %(label)s phải từ %(start)s đến %(end)s (%(days)s ngày sau "
            "cuối quý)."
        ) % {
            "label": period.label,
            "start": period.start.strftime("%d/%m/%Y"),
            "end": period.publication_last_day.strftime("%d/%m/%Y"),
            "days": PUBLICATION_GRACE_DAYS,
        }
    return None


# --- permissions ------------------------------------------------------------------------------


def _check_can_edit(*, report: QuarterlyReport, user) -> None:
    if not user.can_edit_unit(report.unit):
        raise PermissionDenied(_("Bạn không có quyền sửa báo cáo của đơn vị này."))
    if report.status not in EDITABLE:
        raise ValidationError(
            _("Báo cáo đang ở trạng thái “%(status)s”, không thể sửa.")
            % {"status": report.get_status_display()}
        )


def _check_noivu(user) -> None:
    if not user.is_noivu:
        raise PermissionDenied(_("Chỉ Phòng Nội vụ được thực hiện thao tác này."))


def _locked(report: QuarterlyReport, *, create: bool = False) -> QuarterlyReport:
    """The report row re-read under a row lock, so two reviewers cannot both act.

    With `create`, an unsaved draft (what a page shows before anything is saved) is created
    here, inside the caller's transaction: the first save of figures or evidence creates the
    report, and a rejected save leaves no empty report behind.
    """
    if create and report.pk is None:
        report = report_get_or_create(plan=report.plan, unit=report.unit, period=report.period)
    return QuarterlyReport.objects.select_for_update().select_related("unit").get(pk=report.pk)


def _period(report: QuarterlyReport) -> Period:
    return Period.parse(report.period)


# --- services ---------------------------------------------------------------------------------


def report_get_or_create(*, plan: Plan, unit: Unit, period) -> QuarterlyReport:
    """The unit's report for a quarter of the plan, created as a draft when missing."""
    period = period if isinstance(period, Period) else Period.parse(str(period))
    if not period.is_quarter or period.year != plan.year:
        raise ValidationError(_("Kỳ báo cáo phải là một quý của năm %(y)s.") % {"y": plan.year})
    if unit.kind == Unit.Kind.DISTRICT:
        raise ValidationError(_("Quận không lập báo cáo quý của đơn vị."))
    report, _created = QuarterlyReport.objects.get_or_create(
        plan=plan, unit=unit, period=period.code
    )
    return report


def _normalize_figures(figures) -> list[dict]:
    """Accept a list of dicts with `field` (a ProcedureField or its code) or {code: values}."""
    if not figures:
        return []
    if isinstance(figures, dict):
        figures = [{"field": key, **values} for key, values in figures.items()]
    codes = {item["field"] for item in figures if not isinstance(item["field"], ProcedureField)}
    by_code = {f.code: f for f in ProcedureField.objects.filter(code__in=codes)}
    normalized = []
    for item in figures:
        procedure_field = item["field"]
        if not isinstance(procedure_field, ProcedureField):
            if procedure_field not in by_code:
                raise ValidationError(
                    _("Lĩnh vực không tồn tại: %(code)s.") % {"code": procedure_field}
                )
            procedure_field = by_code[procedure_field]
        normalized.append({**item, "field": procedure_field})
    return normalized


@transaction.atomic
def report_save_figures(
    *,
    report: QuarterlyReport,
    user,
    figures: list[dict] | None = None,
    feedback_received: int | None = None,
    feedback_handled: int | None = None,
    note: str | None = None,
    publication_url: str = "",
    published_on: dt.date | None = None,
) -> QuarterlyReport:
    """Save a draft's figures, feedback counts and publication link.

    `figures` is a list of dicts with `field` (a ProcedureField or its code) and the figure
    keys, or a dict {field code: figure values}. Dossier
    counts are ignored for fields whose dossiers are imported (they are computed). Survey results
    also update the unit's `SatisfactionSurvey` for the field and quarter, and a publication link
    the unit's `SatisfactionPublication` (Plan II.7), so compliance sees them.
    """
    report = _locked(report, create=True)
    _check_can_edit(report=report, user=user)
    period = _period(report)
    figures = _normalize_figures(figures)

    errors: dict[str, list[str]] = {}
    for item in figures:
        for key, message in figure_errors(item).items():
            errors.setdefault(key, []).append(f"{item['field'].name}: {message}")
    received = report.feedback_received if feedback_received is None else feedback_received
    handled = report.feedback_handled if feedback_handled is None else feedback_handled
    for key, message in feedback_errors(received, handled).items():
        errors.setdefault(key, []).append(message)
    if publication_url:
        message = publication_date_error(published_on, period)
        if message:
            errors.setdefault("published_on", []).append(message)
    if errors:
        raise ValidationError(errors)

    computed = report_dossier_counts(unit=report.unit, period=period)
    existing = {f.field_id: f for f in ReportFigure.objects.filter(report=report)}
    surveys = {
        s.field_id: s
        for s in SatisfactionSurvey.objects.select_for_update().filter(
            unit=report.unit, period=period.code
        )
    }
    for item in figures:
        procedure_field: ProcedureField = item["field"]
        keys = SURVEY_KEYS if procedure_field.pk in computed else FIGURE_KEYS
        values = {key: item.get(key) or 0 for key in keys}
        figure = existing.get(procedure_field.pk)
        if figure is None:
            if any(values.values()):
                figure = ReportFigure(report=report, field=procedure_field, **values)
                figure._history_user = user
                figure.save()
        elif any(getattr(figure, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(figure, key, value)
            figure._history_user = user
            figure.save()
        survey = surveys.get(procedure_field.pk)
        responses, satisfied = values["responses"], values["satisfied"]
        if survey is None and responses:
            survey = SatisfactionSurvey(
                unit=report.unit,
                field=procedure_field,
                period=period.code,
                responses=responses,
                satisfied=satisfied,
            )
            survey._history_user = user
            survey.save()
        elif survey is not None and (survey.responses, survey.satisfied) != (responses, satisfied):
            survey.responses, survey.satisfied = responses, satisfied
            survey._history_user = user
            survey.save()

    report.feedback_received, report.feedback_handled = received, handled
    if note is not None:
        report.note = note
    if publication_url:
        report.publication_url = publication_url
        SatisfactionPublication.objects.update_or_create(
            unit=report.unit,
            period=period.code,
            defaults={"url": publication_url, "published_on": published_on},
        )
    report.full_clean()
    report._history_user = user
    report.save()
    evidence_changed_send(sender=QuarterlyReport, plan=report.plan, units=[report.unit_id])
    return report


@transaction.atomic
def report_submit(*, report: QuarterlyReport, user) -> QuarterlyReport:
    report = _locked(report, create=True)
    _check_can_edit(report=report, user=user)
    report.status = Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = user
    report._history_user = user
    report.save()
    return report


def _check_submitted(report: QuarterlyReport) -> None:
    if report.status != Status.SUBMITTED:
        raise ValidationError(
            _("Chỉ xét duyệt được báo cáo đã nộp (hiện: “%(status)s”).")
            % {"status": report.get_status_display()}
        )


@transaction.atomic
def report_return(*, report: QuarterlyReport, user, comment: str) -> QuarterlyReport:
    _check_noivu(user)
    report = _locked(report)
    _check_submitted(report)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [_("Vui lòng nêu lý do trả lại báo cáo.")]})
    report.status = Status.RETURNED
    report.review_comment = comment
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report._change_reason = comment
    report._history_user = user
    report.save()
    report_decision_notify(report=report, decision=RETURNED)
    return report


@transaction.atomic
def report_approve(*, report: QuarterlyReport, user) -> QuarterlyReport:
    _check_noivu(user)
    report = _locked(report)
    _check_submitted(report)
    report.status = Status.APPROVED
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report.review_comment = ""
    summary = report_freeze_public_figures(report=report, approved_at=report.reviewed_at)
    if report.published_summary and report.published_summary != summary:
        report._change_reason = _("Số liệu công khai cập nhật khi duyệt lại")
    report.published_summary = summary
    report._history_user = user
    report.save()
    report_decision_notify(report=report, decision=APPROVED)
    public_cache_bump(plan_id=report.plan_id)
    evidence_changed_send(sender=QuarterlyReport, plan=report.plan, units=[report.unit_id])
    return report


@dataclass
class BulkApproval:
    approved: list[QuarterlyReport] = dataclass_field(default_factory=list)
    skipped: list[tuple[QuarterlyReport, str]] = dataclass_field(default_factory=list)  # why


def reports_approve_many(*, reports, user) -> BulkApproval:
    """Approve each report with `report_approve`, in order; a report that cannot be approved
    (no longer submitted: another reviewer returned it meanwhile) is skipped with the reason.

    Each approval is its own transaction (call this outside one): each report is approved whole
    (status, frozen public figures, the unit's notification) or not at all, and one skipped or
    failing report does not undo the approvals of the others, which are independent decisions
    about different units; the page then says which were approved and which skipped. Row locks
    are held for one report at a time, and each unit's e-mail can go out as soon as its own
    approval commits.
    """
    _check_noivu(user)
    result = BulkApproval()
    for report in reports:
        try:
            result.approved.append(report_approve(report=report, user=user))
        except ValidationError as error:
            result.skipped.append((report, " ".join(error.messages)))
        except DatabaseError:  # rolled back whole; the others still go through
            logger.exception("Approving report %s failed", report.pk)
            result.skipped.append((report, _("Lỗi khi ghi, vui lòng thử lại.")))
    return result


def report_freeze_public_figures(*, report: QuarterlyReport, approved_at: dt.datetime) -> str:
    """Replace the report's public figures by the ones it shows now (what the approver saw:
    `report_figure_rows`), and return their one-line summary. The public page reads only these
    (Plan II.7: what is published is what was approved)."""
    rows = [
        (row.field, row.values) for row in report_figure_rows(report=report, period=_period(report))
    ]
    targets = Target.objects.filter(plan=report.plan).order_by("order", "code")
    figures = published_figures_from(rows, thresholds_of(targets))
    PublishedFigure.objects.filter(report=report).delete()
    PublishedFigure.objects.bulk_create(
        PublishedFigure(
            report=report,
            rule=f.rule,
            field=f.field,
            numerator=f.numerator,
            denominator=f.denominator,
            value=f.value,
            threshold=f.threshold,
            status=f.status,
            approved_at=approved_at,
        )
        for f in figures
    )
    return published_summary(figures)


@transaction.atomic
def report_reopen(*, report: QuarterlyReport, user, reason: str) -> QuarterlyReport:
    """An approved report is locked; only Phòng Nội vụ reopens it (to `returned`), with a reason."""
    _check_noivu(user)
    report = _locked(report)
    if report.status != Status.APPROVED:
        raise ValidationError(_("Chỉ mở lại được báo cáo đã duyệt."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Vui lòng nêu lý do mở lại báo cáo.")]})
    report.status = Status.RETURNED
    report.published = False
    report.review_comment = reason
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report._change_reason = reason
    report._history_user = user
    report.save()
    report_decision_notify(report=report, decision=REOPENED)
    public_cache_bump(plan_id=report.plan_id)
    # its Biểu 06 figures no longer count (DESIGN "Biểu 06": the approved report wins)
    evidence_changed_send(sender=QuarterlyReport, plan=report.plan, units=[report.unit_id])
    return report


@transaction.atomic
def report_publish(*, report: QuarterlyReport, user, published: bool) -> QuarterlyReport:
    """Show (or hide) an approved report's figures on the public page."""
    _check_noivu(user)
    report = _locked(report)
    if published and report.status != Status.APPROVED:
        raise ValidationError(_("Chỉ công khai được báo cáo đã duyệt."))
    if report.published != published:
        report.published = published
        report._history_user = user
        report.save()
        public_cache_bump(plan_id=report.plan_id)
    return report


@transaction.atomic
def report_add_evidence(
    *,
    report: QuarterlyReport,
    user,
    kind: str,
    title: str,
    date: dt.date | None,
    evidence_file=None,
    evidence_link: str = "",
):
    """Add an initiative (Plan II.5) or outreach product (Plan II.9) of the report's quarter."""
    model = EVIDENCE_MODELS.get(kind)
    if model is None:
        raise ValidationError(_("Loại minh chứng không hợp lệ."))
    report = _locked(report, create=True)
    _check_can_edit(report=report, user=user)
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Vui lòng nhập tên.")]
    message = date_in_quarter_error(date, _period(report))
    if message:
        errors["date"] = [message]
    errors.update(evidence_errors(evidence_file=evidence_file, evidence_link=evidence_link))
    if errors:
        raise ValidationError(errors)
    prefix = "SK" if kind == "initiative" else "TT"
    item = model(
        code=f"{prefix}-{report.unit.code}-{report.period}-{uuid.uuid4().hex[:8]}",
        unit=report.unit,
        title=title.strip(),
        date=date,
        evidence_link=evidence_link,
    )
    if evidence_file:
        item.evidence_file = evidence_file
    item.full_clean()
    item.save()
    evidence_changed_send(sender=QuarterlyReport, plan=report.plan, units=[report.unit_id])
    return item
