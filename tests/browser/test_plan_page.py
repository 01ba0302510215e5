from tests.browser.conftest import login


def test_noivu_logs_in_and_reads_the_plan(page, noivu_user):
    login(page, "noivu")
    page.wait_for_url("**/tong-quan/CCHC-2021/**")  # `/` opens the dashboard for staff
    page.goto("/ke-hoach/CCHC-2021/")
    assert page.locator("#clause-V\\.2\\.2").is_visible()
    assert "Phường Võ Thị Sáu" in page.locator("#clause-V\\.2\\.2").inner_text()


def test_wrong_password_keeps_username_and_says_why(page, noivu_user):
    login(page, "noivu", "sai-mat-khau")
    assert "không đúng" in page.locator(".alert-danger").inner_text()
    assert page.input_value("#id_username") == "noivu"
