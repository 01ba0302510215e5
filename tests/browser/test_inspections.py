from inspections.models import CorrectiveAction
from tests.browser.conftest import login


def test_noivu_records_inspection_and_head_sees_the_action(
    page, browser, live_server, noivu_user, head_p01
):
    login(page, "noivu")
    page.wait_for_url("**/tong-quan/**")
    page.get_by_role("link", name="Kiểm tra", exact=True).click()
    page.click("text=Ghi nhận cuộc kiểm tra")
    page.select_option("#id_kind", "cchc_surprise")
    page.select_option("#id_unit", label=str(head_p01.unit))
    page.fill("#id_date", "2021-09-15")
    page.fill("#id_lead", "Trần Thị B")
    page.check("#id_head_responsibility")
    page.fill("#id_findings-0-text", "Chưa niêm yết đầy đủ thủ tục hành chính")
    page.fill("#id_conclusion", "Cơ bản thực hiện tốt")
    page.click("text=Lưu kết quả kiểm tra")
    page.wait_for_url("**/kiem-tra/*/")
    card = page.locator(".card", has_text="Chưa niêm yết đầy đủ")
    card.locator("input[name$='-title']").fill("Niêm yết lại bộ thủ tục")
    card.locator("input[name$='-due_on']").fill("2021-10-15")
    card.locator("button[type=submit]").click()
    page.locator("tr[data-action]", has_text="Niêm yết lại bộ thủ tục").wait_for()
    assert CorrectiveAction.objects.get().unit == head_p01.unit

    other = browser.new_context(base_url=live_server.url, locale="vi-VN").new_page()
    login(other, "head-p01")
    other.wait_for_url("**/don-vi-cua-toi/**")
    other.get_by_role("link", name="Kiểm tra", exact=True).click()
    other.wait_for_url("**/kiem-tra/khac-phuc/")
    assert "Niêm yết lại bộ thủ tục" in other.locator("table").inner_text()
    other.context.close()
