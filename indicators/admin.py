from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from import_export import fields
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget
from simple_history.admin import SimpleHistoryAdmin

from common.resources import VerboseExportMixin, VerboseHeadersResource
from indicators.compliance.models import ComplianceResult
from indicators.evidence.errors import ImportRejected, RowError
from indicators.evidence.forms import ImportForm
from indicators.evidence.imports import import_file
from indicators.evidence.models import Baseline, ExportJob, Form06Figure, ImportJob
from indicators.evidence.validators import KIND_LABELS, VALIDATORS
from indicators.evidence.views import export_download
from indicators.reports.models import PublishedFigure, QuarterlyReport, ReportFigure
from indicators.targets.models import ProcedureField, Target
from indicators.targets.validators import (
    target_field_thresholds_errors,
    target_unit_kinds_errors,
)
from plans.models import Clause, Plan
from plans.statuses import status_label
from units.admin import UnitAdmin
from units.models import Unit


class UnitsFileForm(ImportForm):
    """A units file (the columns of `import_data units`); the kind is fixed."""

    kind = None


# The units admin of `units/admin.py`, with the import and export of a units file. They are
# the project's own (`import_data units`, `export_data units`): the same validation, every bad
# row listed with its line, nothing written unless the whole file is good; an export re-imports
# unchanged. The units app may not import them, so the admin is completed here.
admin.site.unregister(Unit)


@admin.register(Unit)
class UnitFileAdmin(UnitAdmin):
    change_list_template = "admin/units/unit/change_list_files.html"

    def get_urls(self):
        urls = [
            path(
                "nhap-tu-tep/",
                self.admin_site.admin_view(self.import_view),
                name="units_unit_import",
            ),
            path(
                "xuat/<str:fmt>/",
                self.admin_site.admin_view(self.export_view),
                name="units_unit_export",
            ),
        ]
        return urls + super().get_urls()

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = UnitsFileForm(request.POST or None, request.FILES or None)
        result, errors = None, []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            dry_run = "check" in request.POST
            try:
                result = import_file(kind="units", source=upload, name=upload.name, dry_run=dry_run)
            except ImportRejected as exc:
                errors = exc.errors
            else:
                if not dry_run:
                    self.message_user(request, result.summary(), messages.SUCCESS)
                    return redirect("admin:units_unit_changelist")
        validator = VALIDATORS["units"]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Nhập đơn vị từ tệp"),
            "form": form,
            "result": result,
            "errors": errors,
            "columns": validator.columns,
            "optional_columns": validator.optional_columns,
            "kinds": Unit.Kind.choices,
        }
        return TemplateResponse(
            request,
            "admin/units/unit/import_file.html",
            context,
            status=400 if errors or form.errors else 200,
        )

    def export_view(self, request, fmt):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if fmt not in ("csv", "xlsx"):
            raise Http404
        return export_download(kind="units", fmt=fmt)


@admin.register(ProcedureField)
class ProcedureFieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]


# A target's editable fields, in the order the admin form and its export show them.
TARGET_FIELDS = [
    "plan",
    "code",
    "title",
    "clauses",
    "rule",
    "comparator",
    "threshold",
    "amber_margin",
    "field_thresholds",
    "scope",
    "periods",
    "unit_kinds",
    "unit_sector",
    "inspection_kinds",
]


class ClauseLabelWidget(ManyToManyWidget):
    """Clauses named by label (`I.2.1a,V.2.1`)."""

    def render(self, value, obj=None, **kwargs):
        return ",".join(c.label for c in value.all()) if value is not None else ""


class TargetResource(VerboseHeadersResource):
    """The admin's export of targets (Vietnamese headers); targets are imported with the plan
    workbook (`import_plan`), not here."""

    plan = fields.Field(
        attribute="plan", column_name=_("Kế hoạch"), widget=ForeignKeyWidget(Plan, "code")
    )
    clauses = fields.Field(
        attribute="clauses", column_name=_("Mục"), widget=ClauseLabelWidget(Clause)
    )

    class Meta:
        model = Target
        fields = TARGET_FIELDS


class TargetAdminForm(forms.ModelForm):
    """The target rules of `indicators.targets.validators`, each message on its field."""

    class Meta:
        model = Target
        fields = [*TARGET_FIELDS, "order"]
        labels = {"plan": _("Kế hoạch"), "order": _("Thứ tự")}

    def clean(self):
        cleaned = super().clean()
        if "unit_kinds" in cleaned:
            for message in target_unit_kinds_errors(unit_kinds=cleaned["unit_kinds"]):
                self.add_error("unit_kinds", message)
        if "field_thresholds" in cleaned:
            for message in target_field_thresholds_errors(
                field_thresholds=cleaned["field_thresholds"]
            ):
                self.add_error("field_thresholds", message)
        return cleaned


@admin.register(Target)
class TargetAdmin(VerboseExportMixin, admin.ModelAdmin):
    resource_classes = [TargetResource]
    form = TargetAdminForm
    list_display = ["code", "title", "rule", "comparator", "threshold", "scope", "periods"]
    list_filter = ["plan", "rule", "scope"]
    filter_horizontal = ["clauses"]


@admin.register(Baseline)
class BaselineAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "received", "online"]
    autocomplete_fields = ["unit"]


@admin.register(Form06Figure)
class Form06FigureAdmin(admin.ModelAdmin):
    """Biểu 06 rows as imported; corrections go through a new import (docs/imports.md)."""

    list_display = ["unit", "field", "period", "resolved_early", "resolved_on_time"]
    list_display += ["resolved_late", "pending_overdue"]
    list_filter = ["period", "field"]
    search_fields = ["unit__code", "unit__name"]
    autocomplete_fields = ["unit"]


def _report_locked(report) -> bool:
    """Submitted or approved: the figures are the unit's statement under review or the reviewed
    one, and change only through the review pages (returned, then edited by the unit)."""
    return report is not None and report.locked


class ReportFigureInline(admin.TabularInline):
    model = ReportFigure
    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _report_locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _report_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _report_locked(obj) and super().has_delete_permission(request, obj)


class PublishedFigureInline(admin.TabularInline):
    """The public figures frozen at the report's approval: written only by the approval."""

    model = PublishedFigure
    extra = 0
    can_delete = False
    fields = readonly_fields = [
        "rule",
        "field",
        "numerator",
        "denominator",
        "value",
        "threshold",
        "result",
        "approved_at",
    ]

    @admin.display(description=_("kết quả"))
    def result(self, obj):
        return status_label(obj.status) if obj.status else "—"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(QuarterlyReport)
class QuarterlyReportAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "period", "status", "submitted_at", "reviewed_by", "published"]
    list_filter = ["status", "period", "plan"]
    list_select_related = ["unit", "reviewed_by"]
    inlines = [ReportFigureInline, PublishedFigureInline]
    # The workflow is decided on the review pages, whose services freeze the public figures,
    # notify the unit and recompute (indicators/reports/services.py): an admin field that set
    # "approved" would do none of it.
    readonly_fields = [
        "status",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
        "review_comment",
        "published",
        "published_summary",
    ]
    raw_id_fields = ["unit"]

    def has_change_permission(self, request, obj=None):
        return not _report_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _report_locked(obj) and super().has_delete_permission(request, obj)


class JobKindFilter(admin.SimpleListFilter):
    """The kinds of data by their Vietnamese names (the column keeps the import code)."""

    title = _("loại dữ liệu")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = model_admin.get_queryset(request).order_by("kind").values_list("kind", flat=True)
        return [(kind, KIND_LABELS.get(kind, kind)) for kind in kinds.distinct()]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


class JobRecordAdmin(admin.ModelAdmin):
    """A background job's record, kept as the trace of what was imported or exported: shown,
    never edited or deleted here (a job runs from the import and export pages)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("loại dữ liệu"), ordering="kind")
    def kind_label(self, obj):
        return KIND_LABELS.get(obj.kind, obj.kind)

    @admin.display(description=_("tệp"))
    def file_name(self, obj):
        # the file lies outside the web root: its name, not a link that would not open
        return obj.file.name.rsplit("/", 1)[-1] if obj.file else "—"


@admin.register(ImportJob)
class ImportJobAdmin(JobRecordAdmin):
    list_display = ["created_at", "kind_label", "created_by", "status", "total_rows"]
    list_display += ["created", "updated", "error_count"]
    list_filter = ["status", JobKindFilter, "confirmed"]
    list_select_related = ["created_by"]
    fields = readonly_fields = [
        "kind_label",
        "file_name",
        "created_by",
        "status",
        "confirmed",
        "total_rows",
        "processed_rows",
        "created",
        "updated",
        "unchanged",
        "error_lines",
        "warning_lines",
        "created_at",
        "started_at",
        "finished_at",
        "attempts",
    ]

    @admin.display(description=_("số lỗi"))
    def error_count(self, obj):
        return len(obj.errors)

    @admin.display(description=_("lỗi"))
    def error_lines(self, obj):
        return _lines(obj.errors)

    @admin.display(description=_("cảnh báo"))
    def warning_lines(self, obj):
        return _lines(obj.warnings)


def _lines(messages: list[dict]) -> str:
    """Stored row errors or warnings, one per line as the import page shows them."""
    if not messages:
        return "—"
    return format_html_join(
        mark_safe("<br>"),
        "{}",
        ((str(RowError(line=m.get("line", 0), message=m.get("message", ""))),) for m in messages),
    )


@admin.register(ExportJob)
class ExportJobAdmin(JobRecordAdmin):
    list_display = ["created_at", "kind_label", "format", "requested_by", "status", "rows_done"]
    list_filter = ["status", JobKindFilter, "format"]
    list_select_related = ["requested_by"]
    fields = readonly_fields = [
        "kind_label",
        "format",
        "requested_by",
        "status",
        "rows_total",
        "rows_done",
        "file_name",
        "error",
        "created_at",
        "started_at",
        "finished_at",
        "attempts",
    ]


@admin.register(ComplianceResult)
class ComplianceResultAdmin(admin.ModelAdmin):
    list_display = ["target", "unit", "field", "period", "value", "status", "as_of"]
    list_filter = ["plan", "target", "period", "status"]
    list_select_related = ["target", "unit", "field"]
