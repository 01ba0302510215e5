import django_filters
from django.utils.translation import gettext_lazy as _

from inspections.models import Inspection
from units.models import Unit

QUARTERS = [(str(q), _("Quý %(q)s") % {"q": q}) for q in range(1, 5)]


class InspectionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Loại kiểm tra"), choices=Inspection.Kind.choices, empty_label=_("Tất cả")
    )
    status = django_filters.ChoiceFilter(
        label=_("Tình trạng"), choices=Inspection.Status.choices, empty_label=_("Tất cả")
    )
    unit_kind = django_filters.ChoiceFilter(
        label=_("Loại đơn vị"),
        field_name="unit__kind",
        choices=[c for c in Unit.Kind.choices if c[0] != Unit.Kind.DISTRICT],
        empty_label=_("Tất cả"),
    )
    year = django_filters.NumberFilter(label=_("Năm"), field_name="date", lookup_expr="year")
    quarter = django_filters.ChoiceFilter(
        label=_("Quý"), choices=QUARTERS, method="filter_quarter", empty_label=_("Tất cả")
    )

    class Meta:
        model = Inspection
        fields = ["kind", "status", "unit_kind", "year", "quarter"]

    def filter_quarter(self, queryset, name, value):
        return queryset.filter(date__quarter=int(value))
