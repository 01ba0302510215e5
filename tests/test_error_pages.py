"""Error pages speak Vietnamese and lead back into the portal (never Django's English pages)."""

from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error


def test_unit_head_on_another_units_page_gets_the_portal_404(client, head_p01, head_p02):
    client.force_login(head_p01)
    response = client.get(reverse("my_unit", args=["P02"]))
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy trang" in text and "Not Found" not in text
    assert reverse("home") in text


def test_anonymous_unknown_address_gets_the_portal_404(client, plan):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_read_only_leader_gets_the_portal_403(client, leader_user):
    client.force_login(leader_user)
    response = client.get(reverse("report_submit", args=["P01", "2021-Q3"]))
    assert response.status_code == 403
    assert "Không được phép" in response.content.decode()


def test_expired_form_gets_a_vietnamese_csrf_page(plan):
    response = Client(enforce_csrf_checks=True).post(
        reverse("login"), {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.content.decode()


def test_server_error_page_is_vietnamese():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Lỗi hệ thống" in response.content.decode()


def test_404_page_in_english(client, plan):
    response = client.get("/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Page not found" in response.content.decode()
