from django.urls import path

from indicators.evidence import views, views_exports, views_form06, views_templates

# Bulk import and export of evidence
urlpatterns = [
    path("nhap-du-lieu/", views.import_start, name="import_start"),
    path("nhap-du-lieu/bieu-06.xlsx", views_form06.form06_sheet, name="form06_sheet"),
    path(
        "nhap-du-lieu/mau/<str:kind>.xlsx",
        views_templates.import_template,
        name="import_template",
    ),
    path("nhap-du-lieu/<int:pk>/", views.import_preview, name="import_preview"),
    path("nhap-du-lieu/<int:pk>/tien-do/", views.import_job, name="import_job"),
    path(
        "nhap-du-lieu/<int:pk>/tien-do/phan/",
        views.import_job_progress,
        name="import_job_progress",
    ),
    path("nhap-du-lieu/<int:pk>/xac-nhan/", views.import_confirm, name="import_confirm"),
    path("xuat-du-lieu/<str:kind>.<str:fmt>", views.export_data, name="export_data"),
    path("xuat-du-lieu/", views_exports.export_index, name="export_index"),
    path("xuat-du-lieu/luot/<int:pk>/", views_exports.export_job, name="export_job"),
    path(
        "xuat-du-lieu/luot/<int:pk>/tien-do/",
        views_exports.export_job_progress,
        name="export_job_progress",
    ),
    path(
        "xuat-du-lieu/luot/<int:pk>/tai/",
        views_exports.export_job_download,
        name="export_job_download",
    ),
]
