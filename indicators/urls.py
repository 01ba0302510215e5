from django.urls import path  # noqa: F401  (each feature adds its routes below)

urlpatterns = []

from indicators.views import chairman as chairman_views  # noqa: E402
from indicators.views import dashboard as dashboard_views  # noqa: E402
from indicators.views import public as public_views  # noqa: E402

urlpatterns += [
    path("tong-quan/", dashboard_views.dashboard_current, name="dashboard_current"),
    path("tong-quan/<str:plan_code>/", dashboard_views.dashboard, name="dashboard"),
    path(
        "tong-quan/<str:plan_code>/bang-chung/",
        dashboard_views.cell_evidence,
        name="cell_evidence",
    ),
    path("don-vi-cua-toi/", dashboard_views.unit_home, name="unit_home"),
    path("cong-khai/", public_views.public_current, name="public_current"),
    path("cong-khai/<str:plan_code>/", public_views.public, name="public"),
    path(
        "bao-cao-chu-tich/",
        chairman_views.chairman_report_current,
        name="chairman_report_current",
    ),
    path(
        "bao-cao-chu-tich/<str:plan_code>/",
        chairman_views.chairman_report_view,
        name="chairman_report",
    ),
]
