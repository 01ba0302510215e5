"""django-import-export helpers for the admin's exports (the admin imports nothing through
django-import-export: units go through `import_data units`, targets and tasks through the plan
workbook)."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from import_export import resources
from import_export.admin import ExportMixin
from import_export.forms import SelectableFieldsExportForm


class VerboseHeadersResource(resources.ModelResource):
    """Export headers are the model fields' Vietnamese labels (`verbose_name`), not their names;
    a column the resource names itself keeps that name."""

    def export_label(self, field) -> str:
        label = field.column_name
        if field.attribute and label in (field.attribute, field.attribute.removesuffix("_id")):
            try:
                label = self._meta.model._meta.get_field(label).verbose_name
            except FieldDoesNotExist:
                pass
        return str(capfirst(label))

    def get_export_headers(self, selected_fields=None):
        return [self.export_label(f) for f in self.get_export_fields(selected_fields)]


class VerboseExportForm(SelectableFieldsExportForm):
    """The export screen's column check boxes read as the exported headers."""

    def _get_field_label(self, resource, field_name: str) -> str:
        field = resource.fields.get(field_name)
        if field is not None and issubclass(resource, VerboseHeadersResource):
            return resource().export_label(field)
        return super()._get_field_label(resource, field_name)


class VerboseExportMixin(ExportMixin):
    """`ExportMixin` for a `VerboseHeadersResource`: Vietnamese headers and check boxes."""

    export_form_class = VerboseExportForm
