from django.urls import path  # noqa: F401  (each feature adds its routes below)

urlpatterns = []

from .views import imports as import_views  # noqa: E402

urlpatterns += [
    path("nhap-du-lieu/", import_views.import_start, name="import_start"),
    path("nhap-du-lieu/<int:pk>/", import_views.import_preview, name="import_preview"),
    path("nhap-du-lieu/<int:pk>/tien-do/", import_views.import_job, name="import_job"),
    path(
        "nhap-du-lieu/<int:pk>/tien-do/phan/",
        import_views.import_job_progress,
        name="import_job_progress",
    ),
    path("nhap-du-lieu/<int:pk>/xac-nhan/", import_views.import_confirm, name="import_confirm"),
    path("xuat-du-lieu/<str:kind>.<str:fmt>", import_views.export_data, name="export_data"),
]
