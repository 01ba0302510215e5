from django.urls import path

from .views import chairman, dashboard, imports, public

urlpatterns = [
    # Staff dashboard and the evidence behind each figure
    path("tong-quan/", dashboard.dashboard_current, name="dashboard_current"),
    path("tong-quan/<str:plan_code>/", dashboard.dashboard, name="dashboard"),
    path("tong-quan/<str:plan_code>/bang-chung/", dashboard.cell_evidence, name="cell_evidence"),
    path("don-vi-cua-toi/", dashboard.unit_home, name="unit_home"),
    # Public transparency page (no login)
    path("cong-khai/", public.public_current, name="public_current"),
    path("cong-khai/<str:plan_code>/", public.public, name="public"),
    # Chairman's report
    path("bao-cao-chu-tich/", chairman.chairman_report_current, name="chairman_report_current"),
    path(
        "bao-cao-chu-tich/<str:plan_code>/", chairman.chairman_report_view, name="chairman_report"
    ),
    # Bulk import and export of evidence
    path("nhap-du-lieu/", imports.import_start, name="import_start"),
    path("nhap-du-lieu/<int:pk>/", imports.import_preview, name="import_preview"),
    path("nhap-du-lieu/<int:pk>/tien-do/", imports.import_job, name="import_job"),
    path(
        "nhap-du-lieu/<int:pk>/tien-do/phan/",
        imports.import_job_progress,
        name="import_job_progress",
    ),
    path("nhap-du-lieu/<int:pk>/xac-nhan/", imports.import_confirm, name="import_confirm"),
    path("xuat-du-lieu/<str:kind>.<str:fmt>", imports.export_data, name="export_data"),
]
