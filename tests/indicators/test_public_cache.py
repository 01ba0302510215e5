"""The public page is cached per plan until a report is approved, published, unpublished or
reopened, which shows at once."""

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.reports.services import report_publish, report_reopen
from tests.indicators.report_helpers import approved_report

URL = "/cong-khai/CCHC-2021/"
LAND = {"responses": 100, "satisfied": 93, "resolved_on_time": 97, "resolved_late": 3}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2021-11-15 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def p01(plan, noivu_user):
    return approved_report(plan, noivu_user, code="P01", land=LAND)


def figure_queries(client, params=None) -> list[str]:
    """The queries a visit runs beyond finding the plan."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params or {}).status_code == 200
    return [q["sql"] for q in queries if 'FROM "plans_plan"' not in q["sql"]]


def test_a_second_visit_reads_no_figures_from_the_database(client, p01):
    assert figure_queries(client)
    assert figure_queries(client) == []
    assert figure_queries(client, {"q": "phuong 1", "period": "2021-Q1"}) == []
    assert figure_queries(client, {"format": "csv"}) == []


def test_an_approval_shows_at_once(client, p01, plan, noivu_user):
    assert "P02:" not in client.get(URL).content.decode()
    approved_report(plan, noivu_user, code="P02", land=LAND)
    assert 'data-row="P02:2021-Q1:land"' in client.get(URL).content.decode()


def test_a_reopened_report_leaves_at_once(client, p01, noivu_user):
    assert 'data-row="P01:2021-Q1:land"' in client.get(URL).content.decode()
    report_reopen(report=p01, user=noivu_user, reason="Kiểm tra lại")
    assert "P01:" not in client.get(URL).content.decode()


def test_unpublishing_and_publishing_again_show_at_once(client, p01, noivu_user):
    client.get(URL)
    report = report_publish(report=p01, user=noivu_user, published=False)
    assert "P01:" not in client.get(URL).content.decode()
    report_publish(report=report, user=noivu_user, published=True)
    assert 'data-row="P01:2021-Q1:land"' in client.get(URL).content.decode()


def test_a_visit_before_the_commit_is_not_kept_after_it(
    client, p01, noivu_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report_publish(report=p01, user=noivu_user, published=False)
        # a visit between the change and its commit (it would read the rows before the commit)
        client.get(URL)
    assert figure_queries(client)  # read again after the commit


def test_the_page_and_the_approvals_work_when_the_cache_cannot_be_reached(
    client, p01, noivu_user, monkeypatch
):
    def down(*args, **kwargs):
        raise ConnectionError("cache server down")

    for method in ("get", "set", "add"):
        monkeypatch.setattr(cache, method, down)
    assert 'data-row="P01:2021-Q1:land"' in client.get(URL).content.decode()
    report_reopen(report=p01, user=noivu_user, reason="Kiểm tra lại")
    assert "P01:" not in client.get(URL).content.decode()


def _visit(client, params=None) -> tuple[bool, str]:
    """(whether the figures' tables were rendered, the page)."""
    from django.test.signals import template_rendered

    names = []

    def seen(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(seen)
    try:
        body = client.get(URL, params or {}).content.decode()
    finally:
        template_rendered.disconnect(seen)
    return "indicators/public/partials/figures.html" in names, body


def test_the_figures_tables_are_rendered_once_until_a_publication(client, p01, noivu_user):
    row = 'data-row="P01:2021-Q1:land"'
    assert _visit(client)[0]
    rendered, body = _visit(client)
    assert not rendered and row in body  # the same tables, from the cache
    assert _visit(client, {"period": "2021-Q1"})[0]  # other filters: their own tables
    assert not _visit(client, {"period": "2021-Q1"})[0]
    assert _visit(client, {"utm_source": "x"})[0]  # a foreign parameter: never kept
    assert _visit(client, {"utm_source": "x"})[0]

    report_publish(report=p01, user=noivu_user, published=False)
    rendered, body = _visit(client, {"period": "2021-Q1"})
    assert rendered and row not in body


def _token(body: str) -> str:
    return body.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]


def test_an_anonymous_visit_is_served_whole_from_the_cache_with_its_own_csrf_token(p01):
    from django.test import Client

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert _visit(first)[0]
    rendered, body = _visit(second)
    assert not rendered and 'data-row="P01:2021-Q1:land"' in body  # nothing rendered
    assert "csrf-slot" not in body
    assert f'"X-CSRFToken": "{_token(body)}"' in body
    # each visitor's token is their own and works: the language form switches to English
    assert _token(body) != _token(first.get(URL).content.decode())
    switched = second.post(
        "/i18n/setlang/", {"language": "en", "next": URL, "csrfmiddlewaretoken": _token(body)}
    )
    assert switched.status_code == 302
    assert 'lang="en"' in second.get(URL).content.decode()
    assert 'lang="vi"' in first.get(URL).content.decode()  # a page per language


def test_a_signed_in_visitor_sees_their_own_menu_not_the_anonymous_page(client, p01, noivu_user):
    client.get(URL)
    client.force_login(noivu_user)
    body = client.get(URL).content.decode()
    assert 'data-nav="account"' in body and 'data-row="P01:2021-Q1:land"' in body
    client.logout()
    assert 'data-nav="account"' not in client.get(URL).content.decode()
