from django.urls import path

from indicators.reports.views import files, report, unit

# “Đơn vị của tôi”: a unit's quarterly reports, tasks and evidence files
_REPORT = "don-vi/<str:unit_code>/bao-cao/<str:period>/"
urlpatterns = [
    path("don-vi/", unit.my_unit_index, name="my_unit_index"),
    path("don-vi/<str:unit_code>/", unit.my_unit, name="my_unit"),
    path(
        "don-vi/<str:unit_code>/nhiem-vu/<int:pk>/hoan-thanh/",
        unit.assignment_done,
        name="assignment_complete",
    ),
    path(_REPORT, report.report_detail, name="report_detail"),
    path(f"{_REPORT}ban-word/", report.report_docx, name="report_docx"),
    path(f"{_REPORT}nop/", report.report_submit, name="report_submit"),
    path(f"{_REPORT}tra-lai/", report.report_return, name="report_return"),
    path(f"{_REPORT}duyet/", report.report_approve, name="report_approve"),
    path(f"{_REPORT}mo-lai/", report.report_reopen, name="report_reopen"),
    path(f"{_REPORT}cong-khai/", report.report_publish, name="report_publish"),
    path(
        f"{_REPORT}minh-chung/<str:kind>/",
        report.report_evidence_add,
        name="report_evidence_add",
    ),
    path("bao-cao-quy/", report.report_list, name="report_list"),
    path("bao-cao-quy/duyet/", report.report_approve_many, name="report_approve_many"),
    path("minh-chung/<str:kind>/<int:pk>/", files.evidence_file, name="evidence_file"),
]
