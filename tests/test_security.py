"""Security headers, production's deploy check, cookies, and the admin sign-in lock (django-axes)."""

import os
import re
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.core import checks
from django.core.management import call_command
from django.db.models import F
from django.test import override_settings

from catalog.models import Item

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
PASSWORD = "correct-horse-battery-staple"
LOGIN = "/admin/login/?next=/admin/"

# What production.py adds to the headers and cookies (HTTPS only), applied to one request.
PRODUCTION_SECURITY = {
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}


def _directives(policy):
    """A Content-Security-Policy as {directive: [sources]}."""
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


# Headers -------------------------------------------------------------------------------


def test_public_page_sends_a_strict_content_security_policy(client, catalog):
    response = client.get("/weihai/enterprise/items/1/")

    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_public_page_sends_nosniff_referrer_framing_and_permissions_headers(client, catalog):
    response = client.get("/weihai/enterprise/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = dict(part.split("=") for part in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "geolocation", "microphone", "payment", "usb"):
        assert permissions[feature] == "()", feature


def test_public_page_over_https_sends_hsts_with_production_settings(client, catalog):
    with override_settings(**PRODUCTION_SECURITY):
        response = client.get("/weihai/enterprise/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_admin_pages_alone_may_use_inline_styles_and_never_inline_script(client, admin_client, catalog):
    item = Item.objects.first()
    change_form = admin_client.get(f"/admin/catalog/item/{item.pk}/change/")
    assert change_form.status_code == 200
    admin = _directives(change_form["Content-Security-Policy"])
    public = _directives(client.get("/weihai/enterprise/items/1/")["Content-Security-Policy"])

    assert admin["style-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["script-src"] == ["'self'"]
    assert public["style-src"] == ["'self'"]


def test_templates_and_scripts_have_no_inline_script_style_or_event_handler():
    # The pages tests/test_site.py crawls do not reach every template (the 500 page, the
    # lockout page, the admin's own): read them all, and the scripts for inline styles.
    inline_script = re.compile(r"<script(?![^>]*\b(src=|type=\"application/ld\+json\"))")
    for path in sorted((ROOT / "templates").rglob("*.html")):
        html = path.read_text()
        assert not inline_script.search(html), path
        assert "<style" not in html, path
        assert not re.search(r"\sstyle=", html), path
        assert not re.search(r"\son[a-z]+=", html), path
    for path in sorted((ROOT / "static" / "js").rglob("*.js")):
        script = path.read_text()
        # Setting the style attribute or innerHTML would need 'unsafe-inline'; eval 'unsafe-eval'.
        assert not re.search(r"setAttribute\(\s*['\"]style|\.innerHTML\s*=|\beval\(|new Function\(", script), path


# Production's deploy check -------------------------------------------------------------


def test_deploy_check_reports_nothing_with_production_settings(tmp_path):
    # A process of its own: production.py reads its settings from the environment at import.
    # Without DJANGO_* variables of the test run (the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE).
    inherited = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "p" + "0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ_!",
        "ALLOWED_HOSTS": "portal.example.gov.cn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        # Checked, not connected to: without a shared cache the deploy check warns (portal.W001).
        "REDIS_URL": "redis://cache.example.internal:6379/0",
        "DEBUG": "0",
    }
    environment.pop("SECURE_SSL_REDIRECT", None)
    environment.pop("CACHE_URL", None)
    environment.pop("PAGE_CACHE_SECONDS", None)

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    # Silenced: axes.W006 only (portal/settings/base.py says why).
    assert "System check identified no issues (1 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("backend", "page_cache_seconds", "warned"),
    [
        ("django.core.cache.backends.locmem.LocMemCache", 600, True),
        ("django.core.cache.backends.filebased.FileBasedCache", 600, True),
        ("portal.redis_cache.PooledRedisCache", 600, False),
        ("django.core.cache.backends.locmem.LocMemCache", 0, False),
    ],
)
def test_deploy_check_warns_when_the_page_cache_is_not_shared(settings, backend, page_cache_seconds, warned):
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "/tmp/unused"}}
    settings.PAGE_CACHE_SECONDS = page_cache_seconds

    messages = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.caches])

    assert [message.id for message in messages if message.id.startswith("portal.")] == (
        ["portal.W001"] if warned else []
    )


# Cookies ---------------------------------------------------------------------------------


def test_sign_in_cookies_are_secure_and_http_only_with_production_settings(client):
    User.objects.create_superuser("chief", password=PASSWORD)

    with override_settings(**PRODUCTION_SECURITY):
        form = client.get(LOGIN, secure=True)
        response = client.post(LOGIN, {"username": "chief", "password": PASSWORD}, secure=True)

    assert response.status_code == 302
    csrf = form.cookies[settings.CSRF_COOKIE_NAME]
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    for cookie in (csrf, session):
        assert cookie["secure"] is True, cookie.key
        assert cookie["httponly"] is True, cookie.key
        assert cookie["samesite"] == "Lax", cookie.key


# Admin sign-in throttling (django-axes) ------------------------------------------------


@pytest.fixture
def editor():
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True)


def _sign_in(client, username="editor", password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def _fail(client, times, username="editor"):
    """Sign in `times` times with a wrong password; the status codes of the answers."""
    return [_sign_in(client, username, "wrong password").status_code for _ in range(times)]


def test_the_fifth_wrong_password_locks_the_user_out_with_a_chinese_page(client, editor):
    # 200: the form again, with its error; the fifth failure answers with the lockout page.
    assert _fail(client, 5) == [200, 200, 200, 200, 429]

    response = _sign_in(client)

    # Locked: the right password is refused too.
    assert response.status_code == 429
    html = response.content.decode()
    assert "该账号已暂时锁定" in html
    assert "连续 5 次密码错误" in html
    assert "30 分钟" in html
    assert html.count("<h1") == 1
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_then_the_right_one_signs_in_and_starts_the_count_again(client, editor):
    assert _fail(client, 4) == [200] * 4
    assert _sign_in(client).status_code == 302
    client.logout()

    assert _fail(client, 4) == [200] * 4

    assert _sign_in(client).status_code == 302


def test_the_lock_is_on_the_user_name_from_any_address(client, editor):
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"):
        client.post(LOGIN, {"username": "editor", "password": "wrong"}, REMOTE_ADDR=address)

    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="10.0.0.6")

    assert response.status_code == 429


def test_a_locked_user_name_does_not_lock_out_other_staff(client, editor):
    User.objects.create_user("auditor", password=PASSWORD, is_staff=True)
    _fail(client, 5)

    assert _sign_in(client, "auditor").status_code == 302


def test_the_lock_lifts_after_thirty_minutes(client, editor):
    _fail(client, 5)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=31))

    assert _sign_in(client).status_code == 302


def test_axes_reset_username_unlocks_a_locked_out_user(client, editor):
    _fail(client, 5)
    assert _sign_in(client).status_code == 429

    call_command("axes_reset_username", "editor", stdout=StringIO())

    assert _sign_in(client).status_code == 302


def test_force_login_still_works_for_staff_tests(admin_client):
    assert admin_client.get("/admin/").status_code == 200
