from django.urls import path

from .views import chairman, dashboard, imports, public
from .views import reports as report_views

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

# “Đơn vị của tôi”: a unit's quarterly reports, tasks and evidence files
_REPORT = "don-vi/<str:unit_code>/bao-cao/<str:period>/"
urlpatterns += [
    path("don-vi/", report_views.my_unit_index, name="my_unit_index"),
    path("don-vi/<str:unit_code>/", report_views.my_unit, name="my_unit"),
    path(
        "don-vi/<str:unit_code>/nhiem-vu/<int:pk>/hoan-thanh/",
        report_views.assignment_done,
        name="assignment_complete",
    ),
    path(_REPORT, report_views.report_detail, name="report_detail"),
    path(f"{_REPORT}nop/", report_views.report_submit, name="report_submit"),
    path(f"{_REPORT}tra-lai/", report_views.report_return, name="report_return"),
    path(f"{_REPORT}duyet/", report_views.report_approve, name="report_approve"),
    path(f"{_REPORT}mo-lai/", report_views.report_reopen, name="report_reopen"),
    path(f"{_REPORT}cong-khai/", report_views.report_publish, name="report_publish"),
    path(
        f"{_REPORT}minh-chung/<str:kind>/",
        report_views.report_evidence_add,
        name="report_evidence_add",
    ),
    path("bao-cao-quy/", report_views.report_list, name="report_list"),
    path("minh-chung/<str:kind>/<int:pk>/", report_views.evidence_file, name="evidence_file"),
]
