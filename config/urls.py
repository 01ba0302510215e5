from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from config import views
from indicators.followup.urls import inspection_urlpatterns
from inspections.urls import urlpatterns as inspections_urlpatterns

inspection_pages = inspections_urlpatterns + inspection_urlpatterns

# The admin speaks Vietnamese and names the portal (PORTAL_NAME), not the government it serves.
admin.site.site_header = format_lazy(_("Quản trị {portal}"), portal=settings.PORTAL_NAME)
admin.site.site_title = format_lazy(_("Quản trị {portal}"), portal=settings.PORTAL_NAME)
admin.site.index_title = _("Quản trị hệ thống")

urlpatterns = [
    path("favicon.ico", views.favicon),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("kiem-tra/", include((inspection_pages, "inspections"))),
    path("", include("indicators.urls")),
    path("", include("plans.urls")),
]
