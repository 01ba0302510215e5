from django.contrib import admin
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget
from simple_history.admin import SimpleHistoryAdmin

from indicators.compliance.models import ComplianceResult
from indicators.evidence.models import Baseline
from indicators.reports.models import QuarterlyReport, ReportFigure
from indicators.targets.models import ProcedureField, Target
from plans.models import Clause, Plan


@admin.register(ProcedureField)
class ProcedureFieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]


class ClauseLabelWidget(ManyToManyWidget):
    """Clauses named by label (`I.2.1a,V.2.1`) within the row's plan."""

    def clean(self, value, row=None, **kwargs):
        labels = [v.strip() for v in str(value or "").split(",") if v.strip()]
        return Clause.objects.filter(plan__code=row.get("plan"), label__in=labels)

    def render(self, value, obj=None, **kwargs):
        return ",".join(c.label for c in value.all()) if value is not None else ""


class TargetResource(resources.ModelResource):
    plan = fields.Field(attribute="plan", column_name="plan", widget=ForeignKeyWidget(Plan, "code"))
    clauses = fields.Field(
        attribute="clauses", column_name="clauses", widget=ClauseLabelWidget(Clause)
    )

    class Meta:
        model = Target
        import_id_fields = ["plan", "code"]
        fields = [
            "plan",
            "code",
            "title",
            "clauses",
            "rule",
            "comparator",
            "threshold",
            "scope",
            "periods",
            "unit_kinds",
            "field_thresholds",
            "unit_sector",
            "inspection_kinds",
            "order",
        ]
        skip_unchanged = True


@admin.register(Target)
class TargetAdmin(ImportExportModelAdmin):
    resource_classes = [TargetResource]
    list_display = ["code", "title", "rule", "comparator", "threshold", "scope", "periods"]
    list_filter = ["plan", "rule", "scope"]
    filter_horizontal = ["clauses"]


@admin.register(Baseline)
class BaselineAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "received", "online"]
    autocomplete_fields = ["unit"]


class ReportFigureInline(admin.TabularInline):
    model = ReportFigure
    extra = 0


@admin.register(QuarterlyReport)
class QuarterlyReportAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "period", "status", "submitted_at", "reviewed_by", "published"]
    list_filter = ["status", "period", "plan"]
    list_select_related = ["unit", "reviewed_by"]
    inlines = [ReportFigureInline]
    raw_id_fields = ["unit", "submitted_by", "reviewed_by"]


@admin.register(ComplianceResult)
class ComplianceResultAdmin(admin.ModelAdmin):
    list_display = ["target", "unit", "field", "period", "value", "status", "as_of"]
    list_filter = ["plan", "target", "period", "status"]
    list_select_related = ["target", "unit", "field"]
