from plans.models import Assignment, Plan
from tests.browser.conftest import login


def test_administrator_rolls_the_plan_over_after_a_preview(page, admin_user_):
    login(page, "admin")
    page.goto("/ke-hoach/tep/")
    page.get_by_role("link", name="Tạo kế hoạch năm mới").first.click()
    page.fill("#id_year", "2022")
    page.fill("#id_code", "CCHC-2022")
    page.click("#roll-preview")

    preview = page.locator("#plan-preview").inner_text()
    assert "CCHC-2022" in preview and "14 thêm" in preview  # the 14 targets of the plan
    assert page.input_value("#id_year") == "2022"
    assert not Plan.objects.filter(code="CCHC-2022").exists()

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#roll-confirm")
    page.wait_for_url("**/ke-hoach/CCHC-2022/")
    assert "CCHC-2022" in page.locator(".alert-success").inner_text()
    new = Plan.objects.get(code="CCHC-2022")
    assert new.baseline_year == 2021
    assert (
        Assignment.objects.filter(task__plan=new).count()
        == Assignment.objects.filter(task__plan__code="CCHC-2021").count()
    )

    page.click("#plan-picker .dropdown-toggle")
    page.locator("#plan-picker .dropdown-item", has_text="CCHC-2021").click()
    page.wait_for_url("**/ke-hoach/CCHC-2021/")
