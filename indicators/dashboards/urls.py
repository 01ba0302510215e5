from django.urls import path

from indicators.dashboards import views, views_chairman, views_public

urlpatterns = [
    # Staff dashboard and the evidence behind each figure
    path("tong-quan/", views.dashboard_current, name="dashboard_current"),
    path("tong-quan/<str:plan_code>/", views.dashboard, name="dashboard"),
    path(
        "tong-quan/<str:plan_code>/tinh-lai/",
        views.dashboard_recompute,
        name="dashboard_recompute",
    ),
    path("tong-quan/<str:plan_code>/bang-chung/", views.cell_evidence, name="cell_evidence"),
    path("don-vi-cua-toi/", views.unit_home, name="unit_home"),
    # Polled while the results of an as-of date are being computed
    path("so-lieu/<str:plan_code>/trang-thai/", views.results_status, name="results_status"),
    # Public transparency page (no login)
    path("cong-khai/", views_public.public_current, name="public_current"),
    path("cong-khai/<str:plan_code>/", views_public.public, name="public"),
    # Chairman's report
    path(
        "bao-cao-chu-tich/",
        views_chairman.chairman_report_current,
        name="chairman_report_current",
    ),
    path(
        "bao-cao-chu-tich/<str:plan_code>/",
        views_chairman.chairman_report_view,
        name="chairman_report",
    ),
]
