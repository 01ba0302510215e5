"""django-import-export helpers for the admin's exports (the admin imports nothing through
django-import-export: units go through `import_data units`, targets and tasks through the plan
workbook)."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from import_export import resources


class VerboseHeadersResource(resources.ModelResource):
    """Export headers are the model fields' Vietnamese labels (`verbose_name`), not their names;
    a column the resource names itself keeps that name."""

    def get_export_headers(self, selected_fields=None):
        opts = self._meta.model._meta
        headers = []
        for field in self.get_export_fields(selected_fields):
            label = field.column_name
            if field.attribute and label in (field.attribute, field.attribute.removesuffix("_id")):
                try:
                    label = opts.get_field(label).verbose_name
                except FieldDoesNotExist:
                    pass
            headers.append(str(capfirst(label)))
        return headers
