from django.urls import path

from indicators.targets import views, views_workbook

urlpatterns = [
    path("ke-hoach/tep/", views_workbook.plan_files, name="plan_files"),
    path("ke-hoach/tep/xac-nhan/", views_workbook.plan_files_confirm, name="plan_files_confirm"),
    path("ke-hoach/<str:code>/tep.xlsx", views_workbook.plan_file_download, name="plan_file"),
    path("ke-hoach/<str:code>/nam-moi/", views_workbook.plan_roll_page, name="plan_roll"),
    path("ke-hoach/<str:code>/", views.plan_detail, name="plan_detail"),
]
