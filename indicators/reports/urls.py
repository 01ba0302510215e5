from django.urls import path

from indicators.reports import views

# “Đơn vị của tôi”: a unit's quarterly reports, tasks and evidence files
_REPORT = "don-vi/<str:unit_code>/bao-cao/<str:period>/"
urlpatterns = [
    path("don-vi/", views.my_unit_index, name="my_unit_index"),
    path("don-vi/<str:unit_code>/", views.my_unit, name="my_unit"),
    path(
        "don-vi/<str:unit_code>/nhiem-vu/<int:pk>/hoan-thanh/",
        views.assignment_done,
        name="assignment_complete",
    ),
    path(_REPORT, views.report_detail, name="report_detail"),
    path(f"{_REPORT}nop/", views.report_submit, name="report_submit"),
    path(f"{_REPORT}tra-lai/", views.report_return, name="report_return"),
    path(f"{_REPORT}duyet/", views.report_approve, name="report_approve"),
    path(f"{_REPORT}mo-lai/", views.report_reopen, name="report_reopen"),
    path(f"{_REPORT}cong-khai/", views.report_publish, name="report_publish"),
    path(
        f"{_REPORT}minh-chung/<str:kind>/",
        views.report_evidence_add,
        name="report_evidence_add",
    ),
    path("bao-cao-quy/", views.report_list, name="report_list"),
    path("minh-chung/<str:kind>/<int:pk>/", views.evidence_file, name="evidence_file"),
]
