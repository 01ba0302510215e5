from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from indicators.followup.urls import inspection_urlpatterns
from inspections.urls import urlpatterns as inspections_urlpatterns

inspection_pages = inspections_urlpatterns + inspection_urlpatterns

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("kiem-tra/", include((inspection_pages, "inspections"))),
    path("", include("indicators.urls")),
    path("", include("plans.urls")),
]
