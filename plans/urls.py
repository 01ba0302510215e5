from django.urls import path

from plans import views, views_notifications

urlpatterns = [
    path("", views.home, name="home"),
    path("ke-hoach/", views.plan_current_detail, name="plan_current"),
    path("ke-hoach/<str:code>/nhiem-vu/<str:task_code>/", views.task_detail, name="task_detail"),
]

urlpatterns += [
    path("thong-bao/", views_notifications.notifications, name="notifications"),
    path(
        "thong-bao/<int:pk>/da-doc/",
        views_notifications.notification_read,
        name="notification_read",
    ),
    path(
        "thong-bao/da-doc-tat-ca/",
        views_notifications.notifications_read_all,
        name="notifications_read_all",
    ),
]
