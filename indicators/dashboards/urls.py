from django.urls import path

from indicators.dashboards import chairman, public, views

urlpatterns = [
    # Staff dashboard and the evidence behind each figure
    path("tong-quan/", views.dashboard_current, name="dashboard_current"),
    path("tong-quan/<str:plan_code>/", views.dashboard, name="dashboard"),
    path("tong-quan/<str:plan_code>/bang-chung/", views.cell_evidence, name="cell_evidence"),
    path("don-vi-cua-toi/", views.unit_home, name="unit_home"),
    # Public transparency page (no login)
    path("cong-khai/", public.public_current, name="public_current"),
    path("cong-khai/<str:plan_code>/", public.public, name="public"),
    # Chairman's report
    path("bao-cao-chu-tich/", chairman.chairman_report_current, name="chairman_report_current"),
    path(
        "bao-cao-chu-tich/<str:plan_code>/", chairman.chairman_report_view, name="chairman_report"
    ),
]
