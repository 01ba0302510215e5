"""English locale: the compiled catalogue is used, and Vietnamese stays the default."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext


def test_catalogue_translates_to_english():
    with translation.override("en"):
        assert gettext("Đăng nhập") == "Log in"
        assert gettext("Tên đăng nhập") == "Username"
        assert ngettext("%(n)s đơn vị", "%(n)s đơn vị", 1) % {"n": 1} == "1 unit"
        assert ngettext("%(n)s đơn vị", "%(n)s đơn vị", 3) % {"n": 3} == "3 units"


def test_vietnamese_is_the_default_language():
    assert settings.LANGUAGE_CODE == "vi"
    with translation.override(settings.LANGUAGE_CODE):
        assert gettext("Đăng nhập") == "Đăng nhập"


@pytest.mark.django_db
def test_login_page_in_english_via_accept_language(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    assert "Log in" in html
    assert "Username" in html
    assert "Password" in html
    assert "Mật khẩu" not in html


@pytest.mark.django_db
def test_login_page_in_english_via_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("login")).content.decode()
    assert "Log in" in html
    assert "Password" in html


@pytest.mark.django_db
def test_login_page_defaults_to_vietnamese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đăng nhập" in html
    assert "Mật khẩu" in html
    assert "Password" not in html
