from django.urls import path  # noqa: F401  (each feature adds its routes below)

urlpatterns = []

# --- B: “Đơn vị của tôi”, quarterly reports, evidence files ---
from .views import reports as report_views  # noqa: E402

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
