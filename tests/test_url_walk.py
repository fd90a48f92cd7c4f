"""Every URL in the URLconf, walked as a stranger and as an anonymous visitor, with the owner's real ids.

A stranger gets 404 for the owner's things (or the admin's log-in for admin pages) and never sees them;
anonymous gets 401 from the API and a redirect to a log-in page elsewhere. Public pages are named below.
New URLs are walked as soon as they are added.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from sessions_app import services
from tests.conftest import make_session, make_upload, make_user

pytestmark = pytest.mark.django_db

# Open to anyone by design: logging in and out, password reset, sign-up, the API schema, the admin's log-in.
PUBLIC = re.compile(
    r"^/(accounts/(login|logout|signup|password_reset|reset)/|accounts/reset/|admin/login/|admin/logout/|api/schema/)"
)
SECRET_TITLE = "Owner's secret dinner"


def _patterns(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _concrete(route: str, ids: dict[str, str]) -> str:
    """A path for the route with the owner's ids where the route names them, a plausible value elsewhere."""

    def fill(match: re.Match) -> str:
        name = match.group("name")
        if name in ids:
            return ids[name]
        return {"int": "1", "uuid": ids["session_id"]}.get(match.group("conv") or "", "1")

    path = re.sub(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>", fill, route)
    path = re.sub(r"\(\?P<app_label>[^)]*\)", "sessions_app", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "x", path)
    return "/" + path.replace("^", "").replace("$", "")


@pytest.fixture
def world(enqueued):
    owner = make_user("owner")
    session = make_session(owner, title=SECRET_TITLE)
    job = services.job_create(session=session, dish_name="Soup", upload=make_upload(), mime_type="text/plain")
    ids = {
        "session_id": str(session.id),
        "task_id": str(job.id),
        "object_id": str(session.id),
        "id": str(owner.id),
        "uidb64": "MQ",
        "token": "set-password",
    }
    urls = sorted({_concrete(route, ids) for route, _ in _patterns(get_resolver())})
    assert len(urls) > 40 and any(ids["task_id"] in url for url in urls)
    return {"owner": owner, "ids": ids, "urls": urls}


def _methods(client: Client, url: str, **headers):
    for method in ("get", "post"):
        yield method, getattr(client, method)(url, **headers)


def test_every_url_refuses_an_anonymous_visitor_unless_it_is_public(world):
    client = Client(enforce_csrf_checks=True)
    for url in world["urls"]:
        for method, response in _methods(client, url):
            where = f"{method.upper()} {url}"
            assert response.status_code < 500, where
            assert SECRET_TITLE not in response.content.decode(errors="replace"), where
            if PUBLIC.match(url):
                continue
            if url.startswith("/api/"):
                assert response.status_code in (401, 404), (where, response.status_code)
            else:
                assert response.status_code in (302, 403, 404, 405), (where, response.status_code)
                if response.status_code == 302:
                    assert "login" in response["Location"], (where, response["Location"])


def test_every_url_refuses_a_stranger_the_owners_things(world):
    stranger = make_user("stranger")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(stranger)
    token = Token.objects.create(user=stranger)
    script = Client()
    owners = (world["ids"]["session_id"], world["ids"]["task_id"])
    for url in world["urls"]:
        for client, headers in ((browser, {}), (script, {"HTTP_AUTHORIZATION": f"Token {token.key}"})):
            for method, response in _methods(client, url, **headers):
                where = f"{method.upper()} {url}"
                assert response.status_code < 500, where
                assert SECRET_TITLE not in response.content.decode(errors="replace"), where
                if not any(owned in url for owned in owners) or PUBLIC.match(url):
                    continue
                if url.startswith("/admin/") or (client is script and not url.startswith("/api/")):
                    # Not staff, or a token where pages take only the log-in cookie: sent to a log-in page.
                    assert response.status_code in (302, 403, 404), (where, response.status_code)
                else:
                    # Refused before anything is looked up: 403 a cookie POST stopped by CSRF, 405 a method
                    # the endpoint has for nobody, 415 a form body where the API takes JSON.
                    assert response.status_code in (403, 404, 405, 415), (where, response.status_code)


def test_a_stored_file_downloads_only_for_staff_allowed_to_view_jobs(world):
    job_id = world["ids"]["task_id"]
    url = f"/admin/sessions_app/extractionjob/{job_id}/download/"
    staff_without_permission = make_user("helper")
    staff_without_permission.is_staff = True
    staff_without_permission.save()
    client = Client()
    client.force_login(staff_without_permission)
    assert client.get(url).status_code == 403

    from django.contrib.auth.models import Permission

    staff_without_permission.user_permissions.add(Permission.objects.get(codename="view_extractionjob"))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
