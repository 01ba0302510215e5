import datetime as dt

import pytest
from django.urls import reverse

from plans.models import Reminder
from tests.factories import UserFactory

D = dt.date
LIST_URL = reverse("notifications")


def _notify(user, n=1, **extra):
    return [
        Reminder.objects.create(
            recipient=user,
            item_key=f"assignment:{i}",
            offset="d1",
            on_date=D(2021, 10, 24),
            subject=f"Nhiệm vụ số {i} sắp đến hạn",
            link="/ke-hoach/CCHC-2021/",
            **extra,
        )
        for i in range(n)
    ]


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_navbar_shows_unread_count(client, head_p01):
    _notify(head_p01, 3)
    client.force_login(head_p01)
    body = client.get(reverse("plan_detail", args=["CCHC-2021"])).content.decode()
    assert 'data-unread="3"' in body


def test_navbar_has_no_badge_when_all_read(client, head_p01):
    client.force_login(head_p01)
    body = client.get(LIST_URL).content.decode()
    assert "data-unread" not in body
    assert "Chưa có thông báo nào" in body


def test_list_shows_only_own_notifications(client, head_p01, head_p02):
    _notify(head_p01)
    Reminder.objects.create(
        recipient=head_p02, item_key="x", offset="d1", on_date=D(2021, 10, 24), subject="Của P02"
    )
    client.force_login(head_p01)
    body = client.get(LIST_URL).content.decode()
    assert "Nhiệm vụ số 0 sắp đến hạn" in body
    assert "Của P02" not in body


def test_list_is_paginated(client, head_p01, django_assert_max_num_queries):
    _notify(head_p01, 45)
    client.force_login(head_p01)
    with django_assert_max_num_queries(8):
        response = client.get(LIST_URL, {"page": 3})
    assert len(response.context["page"].object_list) == 5
    assert client.get(LIST_URL, {"page": "abc"}).status_code == 200


def test_mark_one_read(client, head_p01):
    first, second = _notify(head_p01, 2)
    client.force_login(head_p01)
    response = client.post(reverse("notification_read", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None
    assert 'data-unread="1"' in client.get(LIST_URL).content.decode()


def test_mark_read_follows_a_safe_next_only(client, head_p01):
    (reminder,) = _notify(head_p01)
    client.force_login(head_p01)
    url = reverse("notification_read", args=[reminder.pk])
    response = client.post(url, {"next": "/ke-hoach/CCHC-2021/"})
    assert response["Location"] == "/ke-hoach/CCHC-2021/"
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == LIST_URL


def test_mark_read_needs_post(client, head_p01):
    (reminder,) = _notify(head_p01)
    client.force_login(head_p01)
    assert client.get(reverse("notification_read", args=[reminder.pk])).status_code == 405
    reminder.refresh_from_db()
    assert reminder.read_at is None


def test_cannot_mark_someone_elses_notification(client, head_p01, head_p02):
    (reminder,) = _notify(head_p02)
    client.force_login(head_p01)
    assert client.post(reverse("notification_read", args=[reminder.pk])).status_code == 404
    reminder.refresh_from_db()
    assert reminder.read_at is None


def test_mark_all_read(client, head_p01, head_p02):
    _notify(head_p01, 3)
    (other,) = _notify(head_p02)
    client.force_login(head_p01)
    response = client.post(reverse("notifications_read_all"), follow=True)
    assert "Đã đánh dấu 3 thông báo là đã đọc" in response.content.decode()
    assert not Reminder.objects.filter(recipient=head_p01, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


ESCALATION = reverse("escalation")
RECOGNITION = reverse("recognition_candidates")


@pytest.mark.parametrize("url", [ESCALATION, RECOGNITION])
@pytest.mark.parametrize("fixture", ["noivu_user", "leader_user", "admin_user_"])
def test_overview_pages_open_for_noivu_and_leaders(client, request, fixture, url):
    """The old V.2.5 address leads to the one proposals page (followed here)."""
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(url, {"as_of": "2021-10-06"}, follow=True)
    assert response.status_code == 200


@pytest.mark.parametrize("url", [ESCALATION, RECOGNITION])
def test_overview_pages_are_404_for_unit_heads(client, head_p01, url):
    client.force_login(head_p01)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", [ESCALATION, RECOGNITION])
def test_overview_pages_are_404_for_users_without_role(client, plan, url):
    client.force_login(UserFactory(username="norole"))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", [ESCALATION, RECOGNITION])
def test_overview_pages_send_anonymous_to_login(client, plan, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_escalation_page_lists_late_units(client, noivu_user, django_assert_max_num_queries):
    client.force_login(noivu_user)
    with django_assert_max_num_queries(15):
        response = client.get(ESCALATION, {"as_of": "2021-10-06"})
    body = response.content.decode()
    assert 'data-unit="P-VTS"' in body
    assert "Chưa nộp báo cáo quý" in body
    assert response.context["as_of"] == D(2021, 10, 6)


def test_escalation_page_says_so_when_no_unit_is_late(client, noivu_user):
    client.force_login(noivu_user)
    body = client.get(ESCALATION, {"as_of": "2021-01-02"}).content.decode()
    assert "Không có đơn vị nào chậm thực hiện" in body


def test_unknown_plan_falls_back_with_a_message(client, noivu_user):
    client.force_login(noivu_user)
    response = client.get(ESCALATION, {"plan": "KHONG-CO", "as_of": "2021-10-06"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Không có kế hoạch mã KHONG-CO" in body
    assert response.context["plan"].code == "CCHC-2021"


def test_bad_as_of_falls_back_to_default(client, leader_user):
    client.force_login(leader_user)
    response = client.get(RECOGNITION, {"as_of": "31/02/2021"}, follow=True)
    assert response.status_code == 200
    assert response.context["as_of"] == D(2021, 10, 25)


def test_recognition_page_shows_criticism_reasons(client, noivu_user):
    """Changed: the proposals page (one table, one row per unit) instead of two lists."""
    client.force_login(noivu_user)
    body = client.get(RECOGNITION, {"as_of": "2021-10-06"}, follow=True).content.decode()
    assert 'id="candidates"' in body
    row = body.split('data-suggestion="P02-criticise"')[1].split("</tr>")[0]
    assert "nhiệm vụ quá hạn chưa hoàn thành" in row


def test_escalation_link_in_nav_only_for_overview_roles(client, noivu_user, head_p01):
    client.force_login(noivu_user)
    assert f'href="{ESCALATION}"' in client.get(LIST_URL).content.decode()
    client.force_login(head_p01)
    assert f'href="{ESCALATION}"' not in client.get(LIST_URL).content.decode()
