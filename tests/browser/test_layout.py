"""What every page shares: the navigation fits a laptop screen and a phone."""

import pytest

from tests.browser.conftest import login


@pytest.mark.parametrize("width", [1200, 1366])
def test_staff_navigation_is_one_line_on_a_laptop(page, admin_user_, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "admin")
    page.wait_for_url("**/tong-quan/**")
    nav = page.locator("nav.navbar")
    assert nav.locator('a:has-text("Báo cáo Chủ tịch")').is_visible()
    assert nav.locator("[data-nav=notifications]").is_visible()
    assert nav.bounding_box()["height"] < 64  # one row of links, none wrapped
    assert (
        page.evaluate("document.querySelector('nav.navbar .container-fluid').scrollWidth") <= width
    )
    nav.locator("[data-nav=account] button.nav-account").click()
    menu = nav.locator("[data-nav=account] .dropdown-menu")
    assert menu.locator("button:has-text('Đăng xuất')").is_visible()


def test_the_users_full_name_is_never_cut(page, plan):
    from tests.factories import user_with_role
    from units.models import Role, Unit

    name = "Chuyên viên Nội vụ Nguyễn Thị Minh Khai"
    user = user_with_role(Role.NOIVU, Unit.objects.get(code="NV"), username="dai")
    user.first_name, user.last_name = name, ""
    user.set_password("demo-2021")
    user.save()
    for width in (1280, 1600):
        page.set_viewport_size({"width": width, "height": 900})
        login(page, "dai")
        page.wait_for_url("**/tong-quan/**")
        account = page.locator("nav.navbar [data-nav=account]")
        account.locator("button.nav-account").click()
        shown = account.locator("[data-user-name]")
        assert shown.inner_text() == name
        assert shown.evaluate("e => e.scrollWidth <= e.clientWidth")  # not clipped
        if width >= 1500:
            assert account.locator("button.nav-account .nav-user").inner_text() == name
        page.context.clear_cookies()


def test_navigation_collapses_on_a_phone(page, head_p01):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "head-p01")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    assert not page.locator('nav a:has-text("Báo cáo quý")').is_visible()
    page.click("nav .navbar-toggler")
    page.locator('nav a:has-text("Báo cáo quý")').wait_for(state="visible")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_report_figures_are_readable_on_a_phone(page, head_p01):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "head-p01")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    page.goto("/don-vi/P01/bao-cao/2021-Q3/")
    box = page.locator('tr[data-field="land"] input[name$="-received_direct"]').bounding_box()
    assert box["width"] >= 70  # five digits fit in the field's card
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
