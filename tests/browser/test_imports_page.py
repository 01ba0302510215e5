import pytest

from indicators.models import Dossier
from tests.browser.conftest import login
from tests.indicators.importfiles import GOOD, write_csv


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_noivu_uploads_previews_and_confirms(page, noivu_user, tmp_path):
    path = write_csv(tmp_path / "hoso.csv", GOOD["dossiers"])
    login(page, "noivu")
    page.wait_for_url("**/tong-quan/**")
    page.click("text=Nhập dữ liệu")
    page.select_option("select[name=kind]", "dossiers")
    page.set_input_files("input[name=file]", str(path))
    page.click("text=Kiểm tra và xem trước")
    assert page.locator('[data-count="created"]').inner_text() == "3"
    assert Dossier.objects.count() == 0
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("text=Xác nhận ghi")
    page.locator("#import-written").wait_for()
    assert Dossier.objects.count() == 3
