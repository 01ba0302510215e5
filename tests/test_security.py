"""The portal's doors: login lockout, production settings, NUL bytes, headers, sessions and the
password reset by e-mail."""

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django.utils import translation

from common.files import evidence_file_validate
from common.links import portal_base_url_check
from tests.factories import user_with_role
from units.models import Role, Unit

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "Mat-khau-dung-2021"


@pytest.fixture
def staff(plan):
    user = user_with_role(Role.NOIVU, Unit.objects.get(code="NV"), username="chuyenvien")
    user.email = "chuyenvien@example.vn"
    user.is_staff = user.is_superuser = True
    user.set_password(PASSWORD)
    user.save()
    return user


def _fail(client, url, times, username="chuyenvien"):
    for _ in range(times):
        client.post(url, {"username": username, "password": "sai"})


# Lockout (django-axes) ------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/dang-nhap/", "/admin/login/"])
def test_five_wrong_passwords_lock_the_username_and_refuse_the_right_one(client, staff, url):
    _fail(client, url, settings.AXES_FAILURE_LIMIT)
    response = client.post(url, {"username": "chuyenvien", "password": PASSWORD})
    assert response.status_code == 429
    text = response.content.decode()
    assert "Tạm khóa đăng nhập" in text and "30 phút" in text
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(client, staff):
    _fail(client, "/dang-nhap/", settings.AXES_FAILURE_LIMIT - 1)
    response = client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_a_lockout_on_the_portal_also_closes_the_admin_login(client, staff):
    _fail(client, "/dang-nhap/", settings.AXES_FAILURE_LIMIT)
    response = client.post("/admin/login/", {"username": "chuyenvien", "password": PASSWORD})
    assert response.status_code == 429


def test_axes_reset_command_unlocks(client, staff):
    _fail(client, "/dang-nhap/", settings.AXES_FAILURE_LIMIT)
    call_command("axes_reset", stdout=open(os.devnull, "w"))
    response = client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})
    assert response.status_code == 302


def test_an_administrator_unlocks_in_the_admin(client, staff, admin_user_):
    _fail(client, "/dang-nhap/", settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get(username="chuyenvien")
    admin = type(client)()
    admin.force_login(admin_user_)
    changelist = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    text = changelist.content.decode()
    assert "Khóa đăng nhập" in text and "Số lần sai" in text and "Đang bị khóa" in text
    admin.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert not AccessAttempt.objects.exists()
    response = client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})
    assert response.status_code == 302


# Settings: production refuses the embedded key --------------------------------------------------


def _settings_in_clean_env(code: str, **extra) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "config.settings", **extra}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_refuses_to_start():
    result = _settings_in_clean_env("print('started')", DEBUG="False", ALLOWED_HOSTS="x.vn")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY is not set" in result.stderr
    assert "started" not in result.stdout


def test_embedded_default_has_debug_off_and_a_key_outside_the_repository():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.PRODUCTION, s.SECRET_KEY == s.SECRET_KEY_FILE.read_text().strip())"
    )
    result = _settings_in_clean_env(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True"]
    assert "secret_key" not in (BASE_DIR / "config" / "settings.py").read_text().split("var")[0]


def test_log_file_gets_request_errors():
    code = (
        "from django.conf import settings as s; "
        "print(s.LOGGING['handlers']['file']['filename'], s.LOGGING['loggers']['django.request'])"
    )
    result = _settings_in_clean_env(code, LOG_FILE="/tmp/cchc-test.log")
    assert result.returncode == 0, result.stderr
    assert "/tmp/cchc-test.log" in result.stdout and "'file'" in result.stdout


def test_unknown_address_gets_the_portals_page_not_the_url_map(client, plan):
    assert settings.DEBUG is False
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy trang" in text and "URLconf" not in text


# NUL bytes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/cong-khai/%00/",
        "/?as_of=%00",
        "/cong-khai/?as_of=2021-%0009-30",
        "/dang-nhap/?next=%00",
        "/%00",
        "/admin/%00/",
        "/tong-quan/?x%00=1",
    ],
)
def test_nul_in_path_or_query_is_a_portal_400(client, plan, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_nul_for_a_logged_in_user_is_a_400_too(client, staff):
    client.force_login(staff)
    assert client.get("/?as_of=%00").status_code == 400


# Headers -------------------------------------------------------------------------------------


def test_pages_carry_a_csp_without_inline_script_and_a_permissions_policy(client, plan):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "'self'" in script_src and "unsafe-inline" not in script_src
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]


def test_no_inline_handlers_or_inline_scripts_left_in_templates():
    offenders = []
    for path in (BASE_DIR / "templates").rglob("*.html"):
        text = path.read_text()
        if re.search(r' on[a-z]+="', text) or re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(str(path.relative_to(BASE_DIR)))
    assert offenders == []


def test_authenticated_pages_are_not_cached(client, staff):
    client.force_login(staff)
    response = client.get(reverse("home"), follow=True)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_anonymous_pages_keep_their_own_cache_headers(client, plan):
    response = client.get(reverse("public_current"), follow=True)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_sessions_end_with_the_browser_or_after_a_working_day():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 8 * 3600 <= settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_login_page_links_to_password_reset(client, plan):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


# Password reset by e-mail ----------------------------------------------------------------------


def test_password_reset_mails_a_link_that_sets_a_new_password(client, staff, settings):
    settings.PORTAL_BASE_URL = "https://cchc.example.vn"
    response = client.post(reverse("password_reset"), {"email": "chuyenvien@example.vn"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chuyenvien@example.vn"]
    assert "Đặt lại mật khẩu" in message.subject
    link = re.search(r"https://cchc\.example\.vn(/dat-lai-mat-khau/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    new = "Mat-khau-moi-2026"
    done = client.post(set_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    staff.refresh_from_db()
    assert staff.check_password(new)


def test_password_reset_for_an_unknown_address_sends_nothing(client, staff):
    response = client.post(reverse("password_reset"), {"email": "khong-co@example.vn"})
    assert response.status_code == 302
    assert mail.outbox == []


# Evidence files: the content must be what the extension says ------------------------------------


def _office(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _office({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _office({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _office({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.mark.parametrize(
    "name, content",
    [
        ("bao-cao.pdf", b"<!doctype html><script>alert(1)</script>"),
        ("bao-cao.pdf", b"MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode"),
        ("bao-cao.pdf", b"%PDF<html>"),
        ("anh.png", b"<svg onload=alert(1)>"),
        ("bao-cao.docx", _office({"index.html": b"<html></html>"})),
        ("bao-cao.docx", XLSX),
        ("bang.xlsx", b"PK\x03\x04 not really a zip"),
        ("bang.ods", ODT),
    ],
)
def test_evidence_whose_content_is_not_its_extension_is_refused(name, content):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        evidence_file_validate(SimpleUploadedFile(name, content))
    assert error.value.code == "content"
    assert "Nội dung tệp không đúng định dạng" in error.value.messages[0]


@pytest.mark.parametrize(
    "name, content",
    [
        ("bao-cao.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        ("anh.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("anh.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
        ("bao-cao.docx", DOCX),
        ("bang.xlsx", XLSX),
        ("bao-cao.odt", ODT),
    ],
)
def test_evidence_whose_content_matches_is_accepted_and_left_rewound(name, content):
    upload = SimpleUploadedFile(name, content)
    evidence_file_validate(upload)
    assert upload.tell() == 0


def test_check_deploy_warns_when_e_mail_links_would_point_at_127_0_0_1(settings):
    settings.PORTAL_BASE_URL = ""
    with pytest.raises(SystemCheckError, match="PORTAL_BASE_URL is not set"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")
    settings.PORTAL_BASE_URL = "https://cchc.example.vn"
    assert portal_base_url_check() == []
