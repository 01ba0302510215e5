"""Writes for inspections (plan I.2.1, V.2): planning, recording, follow-up, proposals."""

import csv
import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from common.cells import cell_text
from inspections.models import CorrectiveAction, Finding, Inspection, RecognitionProposal
from inspections.selectors import inspection_code_max
from plans.models import Plan
from plans.periods import Period
from plans.signals import evidence_changed_send
from units.models import Unit

# --- codes ------------------------------------------------------------------------------------


def inspection_code_next(*, year: int) -> str:
    """`KT-2021-0007`: the next free sequential code of the year."""
    prefix = f"KT-{year}-"
    last = inspection_code_max(prefix=prefix)
    try:
        number = int(last.removeprefix(prefix)) + 1 if last else 1
    except ValueError:
        number = Inspection.objects.filter(code__startswith=prefix).count() + 1
    return f"{prefix}{number:04d}"


def _save_with_code(inspection: Inspection) -> Inspection:
    """Save a new inspection under the next code; retry if another request took it."""
    for _attempt in range(5):
        inspection.code = inspection_code_next(year=inspection.date.year)
        try:
            with transaction.atomic():
                inspection.save()
            return inspection
        except IntegrityError:
            continue
    raise ValidationError("Không cấp được mã cuộc kiểm tra, vui lòng thử lại.")


# --- planning ---------------------------------------------------------------------------------


def inspection_planned_same(*, unit: Unit, kind: str, period: Period) -> Inspection | None:
    """The inspection (planned or done) of a unit of a kind already dated in the quarter."""
    return (
        Inspection.objects.filter(unit=unit, kind=kind)
        .between(period.start, period.last_day)
        .order_by("date", "code")
        .first()
    )


def inspection_plan_add(
    *, plan: Plan, unit: Unit, kind: str, quarter: int, date: dt.date | None = None
) -> Inspection:
    """Plan I.2.1: put a unit on the year's inspection plan for a quarter (status `planned`).

    A quarter that ended before today cannot be planned, and a unit has at most one inspection
    of a kind in a quarter (planned or done): a second one names the first."""
    period = Period(plan.year, quarter)
    today = timezone.localdate()
    if period.last_day < today:
        raise ValidationError(
            {
                "quarter": _(
                    "%(quarter)s đã kết thúc ngày %(end)s: không lập kế hoạch kiểm tra cho quý "
                    "đã qua."
                )
                % {"quarter": period.label, "end": period.last_day.strftime("%d/%m/%Y")}
            }
        )
    date = date or period.start
    if not period.contains(date):
        raise ValidationError({"date": f"Ngày dự kiến phải thuộc {period.label}."})
    if not unit.is_active_on(date) or unit.kind in Unit.SCOPE_KINDS:
        raise ValidationError({"unit": "Đơn vị không thuộc diện kiểm tra."})
    inspection = Inspection(
        plan=plan, unit=unit, kind=kind, status=Inspection.Status.PLANNED, date=date, code="-"
    )
    inspection.full_clean(exclude=["code"])
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=unit.pk).first()  # one planner per unit
        same = inspection_planned_same(unit=unit, kind=kind, period=period)
        if same is not None:
            kind_label = same.get_kind_display()
            raise ValidationError(
                _(
                    "%(unit)s đã có cuộc %(kind)s trong %(quarter)s: %(code)s, ngày %(date)s "
                    "(%(status)s). Không thêm lần thứ hai."
                )
                % {
                    "unit": unit.name,
                    "kind": kind_label[:1].lower() + kind_label[1:],
                    "quarter": period.label,
                    "code": same.code,
                    "date": same.date.strftime("%d/%m/%Y"),
                    "status": same.get_status_display().lower(),
                }
            )
        return _save_with_code(inspection)


def inspection_planned_remove(*, inspection: Inspection) -> None:
    """Only a planned inspection can be removed; a done one is a record."""
    deleted, _types = Inspection.objects.filter(
        pk=inspection.pk, status=Inspection.Status.PLANNED
    ).delete()
    if not deleted:
        raise ValidationError("Chỉ xoá được cuộc kiểm tra đang ở trạng thái dự kiến.")


# --- recording --------------------------------------------------------------------------------


@transaction.atomic
def inspection_record(*, inspection: Inspection, findings_formset, plan: Plan | None) -> Inspection:
    """Save an inspection as done (new, or a planned one carried out) with its findings.

    `inspection` carries the cleaned form values (unsaved); `findings_formset` is a valid inline
    formset of its findings.
    """
    inspection.status = Inspection.Status.DONE
    if inspection.plan_id is None and plan is not None and plan.year == inspection.date.year:
        inspection.plan = plan
    if inspection.pk:
        inspection.full_clean()
        inspection.save()
    else:
        inspection.code = inspection.code or "-"
        inspection.full_clean(exclude=["code"])
        _save_with_code(inspection)
    findings_formset.instance = inspection
    findings_formset.save()
    evidence_changed_send(
        sender=Inspection, day=inspection.date, units=[inspection.unit_id], kinds=["inspections"]
    )
    return inspection


def corrective_action_add(
    *, finding: Finding, unit: Unit, title: str, due_on: dt.date
) -> CorrectiveAction:
    """A follow-up action on a finding, due by a date, owed by a unit."""
    action = CorrectiveAction(finding=finding, unit=unit, title=title, due_on=due_on)
    if due_on < finding.inspection.date:
        raise ValidationError({"due_on": "Hạn khắc phục không được trước ngày kiểm tra."})
    action.full_clean()
    action.save()
    return action


def corrective_action_close(
    *,
    action: CorrectiveAction,
    closed_on: dt.date,
    evidence_file=None,
    evidence_link: str = "",
    today: dt.date | None = None,
) -> CorrectiveAction:
    """Close an open action with evidence; exactly once (a conditional update).

    The closing date may not precede the inspection nor lie in the future.
    """
    today = today or timezone.localdate()
    inspection_date = action.finding.inspection.date
    errors = {}
    if closed_on > today:
        errors["closed_on"] = "Ngày hoàn thành không được ở tương lai."
    elif closed_on < inspection_date:
        errors["closed_on"] = (
            f"Ngày hoàn thành không được trước ngày kiểm tra ({inspection_date:%d/%m/%Y})."
        )
    if not evidence_file and not evidence_link:
        errors["evidence_link"] = "Cần tệp minh chứng hoặc đường dẫn minh chứng."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        updated = CorrectiveAction.objects.filter(
            pk=action.pk, status=CorrectiveAction.Status.OPEN
        ).update(status=CorrectiveAction.Status.CLOSED, closed_on=closed_on)
        if updated != 1:
            raise ValidationError("Biện pháp này đã được đóng trước đó.")
        action.refresh_from_db()
        action.evidence_link = evidence_link
        if evidence_file:
            action.evidence_file.save(evidence_file.name, evidence_file, save=False)
        action.save(update_fields=["evidence_link", "evidence_file"])
    return action


# --- proposals (plan V.2.5) -------------------------------------------------------------------


def proposal_add(
    *,
    plan: Plan,
    unit: Unit,
    kind: str,
    reason: str,
    person: str = "",
    inspection: Inspection | None = None,
    evidence_link: str = "",
) -> RecognitionProposal:
    proposal = RecognitionProposal(
        plan=plan,
        unit=unit,
        kind=kind,
        reason=reason,
        person=person,
        inspection=inspection,
        evidence_link=evidence_link,
    )
    proposal.full_clean()
    proposal.save()
    return proposal


def proposal_remove(*, proposal: RecognitionProposal) -> None:
    proposal.delete()


# --- export -----------------------------------------------------------------------------------

EXPORT_HEADER = ["STT", "Mã đơn vị", "Đơn vị", "Cá nhân", "Hình thức", "Lý do", "Minh chứng"]


def proposal_rows(*, proposals, evidence_url) -> list[list[str]]:
    """Export rows; `evidence_url(proposal)` gives the link to the evidence."""
    rows = []
    for number, p in enumerate(proposals, start=1):
        rows.append(
            [
                str(number),
                cell_text(p.unit.code),
                cell_text(p.unit.name),
                cell_text(p.person),
                cell_text(p.get_kind_display()),
                cell_text(p.reason),
                cell_text(evidence_url(p)),
            ]
        )
    return rows


def proposals_csv(*, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_HEADER)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def proposals_xlsx(*, rows, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "De xuat"
    sheet.append([title])
    sheet.append(EXPORT_HEADER)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"
    for column, width in zip("ABCDEFG", (6, 12, 40, 25, 14, 60, 50), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
