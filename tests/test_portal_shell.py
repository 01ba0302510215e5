"""What every page shares: the favicon, and the address links in e-mails start with."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory

from common.links import portal_base_url

ROOT = Path(__file__).resolve().parents[1]


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"\x00\x00\x01\x00")  # an ICO


def test_pages_link_the_favicon(client, plan):
    body = client.get("/dang-nhap/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in body


def test_the_base_url_is_the_setting_when_set(settings):
    settings.PORTAL_BASE_URL = "https://cchc.example.vn/"
    assert portal_base_url() == "https://cchc.example.vn"


def test_unset_the_base_url_follows_port(settings):
    settings.PORTAL_BASE_URL, settings.PORT = "", 9000
    assert portal_base_url() == "http://127.0.0.1:9000"


def test_unset_the_base_url_is_the_requests_own_address(settings):
    settings.PORTAL_BASE_URL = ""
    request = RequestFactory().get("/quen-mat-khau/", HTTP_HOST="localhost:9000")
    assert portal_base_url(request=request) == "http://localhost:9000"


def test_port_is_read_from_the_environment():
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_BASE_URL"}
    env.update(PORT="9123", DJANGO_SETTINGS_MODULE="config.settings")
    code = (
        "import django; django.setup(); from common.links import portal_base_url as u; print(u())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "http://127.0.0.1:9123"
