"""Hostile input to every public URL, on the real catalog: whatever a path or query string holds, no 5xx.

Hypothesis draws each path parameter (jurisdiction slug, kind, stage number, scenario code,
item number, department name, comparison target, API id) and each query parameter (search
words, every filter, pagination, the API's filters) from real values and from hostile strings:
random unicode, very long text, HTML, SQL, path traversal, NUL bytes, emoji, broken and
double percent-encodings. Sent percent-encoded and raw, in Chinese and under /en/. An answer
of 4xx is fine (a 404 for a name that does not exist, a 400 from the API for a bad filter);
a 5xx, or an exception, is a bug.

Bounded: a few hundred requests in all (max_examples), no deadline (a page's time varies with
the machine), so the module runs in about 15 seconds.
"""

from io import StringIO
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=100,
    deadline=None,
    # The examples share the module's catalog and only read it.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Every public URL pattern, its parameters in braces.
PAGES = [
    "/",
    "/{jurisdiction}/",
    "/{jurisdiction}/{kind}/",
    "/{jurisdiction}/{kind}/stages/{number}/",
    "/{jurisdiction}/{kind}/scenarios/{code}/",
    "/{jurisdiction}/{kind}/items/{number}/",
    "/{jurisdiction}/{kind}/compare/{other}/",
    "/{jurisdiction}/departments/",
    "/{jurisdiction}/departments/{department}/",
    "/search/",
    "/downloads/",
]
API = [
    "/api/",
    "/api/search/",
    "/api/lifecycles/",
    "/api/lifecycles/{id}/",
    "/api/stages/",
    "/api/stages/{id}/",
    "/api/scenarios/",
    "/api/scenarios/{id}/",
    "/api/items/",
    "/api/items/{id}/",
    "/api/departments/",
    "/api/departments/{id}/",
]
# The whole catalog as a file (about a second each): fewer examples, below.
FILES = ["/downloads/catalog.xlsx", "/downloads/catalog.csv", "/downloads/catalog.json"]

# Values that exist in the real catalog, so that hostile values meet the views, not only the 404.
REAL = {
    "jurisdiction": ["weihai", "county"],
    "kind": ["enterprise", "personal"],
    "number": ["1", "2", "15", "107", "113"],
    "code": ["1.1", "2.2", "10.2"],
    "other": ["county", "weihai"],
    "department": ["市市场监管局", "市公安局", "市卫健局"],
    "id": ["1", "2", "30"],
}
QUERY_VALUES = {
    "q": ["生孩子", "gongjijin", "csyxzm", "結婚登記"],
    "page": ["1", "2", "last"],
    "page_size": ["1", "200", "201"],
    "jurisdiction": ["weihai", "county"],
    "lifecycle": ["enterprise", "personal"],
    "stage": ["1", "7"],
    "scenario": ["1", "3"],
    "item_type": ["行政许可", "公共服务"],
    "level_note": ["县级事项", "省级事项"],
    "department": ["1", "2"],
    "role": ["lead", "cooperating"],
    "format": ["json", "yaml", "openapi"],
    "lang": ["en", "zh-hans"],
}

HOSTILE = [
    "",
    " ",
    "%",
    "%%",
    "%00",
    "%zz",
    "%E4%",
    "%C0%AF",
    "%25%30%30",
    "\x00",
    "a\x00b",
    "../../../../etc/passwd",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "....//....//",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1",
    "1; DROP TABLE catalog_item;--",
    "1 UNION SELECT NULL,NULL--",
    "{{7*7}}{% debug %}",
    "${jndi:ldap://127.0.0.1/a}",
    "\r\nSet-Cookie: a=b",
    "😀👨‍👩‍👧‍👦🏳️‍🌈",
    "\u202egnp.exe",
    "\ufeff\u200b\u00a0",
    "ｑｕｅｒｙ　全角",
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "9" * 40,
    "1." + "9" * 30,
    "生" * 3000,
    "A" * 10000,
]


def _text():
    # Any character but lone surrogates, which cannot be sent as UTF-8 at all.
    return st.text(st.characters(exclude_categories=("Cs",)), max_size=300)


def hostile():
    return st.one_of(st.sampled_from(HOSTILE), _text(), st.binary(max_size=40).map(lambda b: b.decode("latin-1")))


def path_value(name):
    return st.one_of(st.sampled_from(REAL[name]), hostile())


def query_value(name):
    real = st.sampled_from(QUERY_VALUES.get(name, [""]))
    return st.one_of(real, hostile(), st.lists(st.one_of(real, hostile()), min_size=2, max_size=3))


def query():
    names = st.one_of(st.sampled_from(sorted(QUERY_VALUES)), hostile())
    return st.dictionaries(names, st.just(None), max_size=5).flatmap(
        lambda keys: st.fixed_dictionaries({key: query_value(key) for key in keys})
    )


@pytest.fixture(scope="module")
def real_catalog(django_db_setup, django_db_blocker):
    """The real Weihai and county catalogs, loaded once for the module and flushed after it."""
    with django_db_blocker.unblock():
        call_command("load_catalog", stdout=StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)


def _fill(template, draw, *, raw):
    """The template with each {name} replaced by a drawn value, percent-encoded unless `raw`."""
    path = template
    for name in REAL:
        placeholder = "{" + name + "}"
        if placeholder in path:
            value = draw(path_value(name), label=name)
            path = path.replace(placeholder, value if raw else quote(value, safe=""))
    return path


def _send_raw(path, query=""):
    """GET with the path and query string as a WSGI server hands them on, not parsed by the test client.

    A server has already percent-decoded the path; both are the request's bytes read as latin-1.
    """
    return Client().request(
        REQUEST_METHOD="GET",
        PATH_INFO=path.encode().decode("latin-1"),
        QUERY_STRING=query.encode().decode("latin-1"),
    )


def _assert_no_server_error(response, what):
    assert response.status_code < 500, f"{response.status_code} for {what!r}"


@FUZZ
@given(data=st.data(), template=st.sampled_from(PAGES + API), prefix=st.sampled_from(["", "/en"]), raw=st.booleans())
def test_no_path_parameter_causes_a_server_error(real_catalog, data, template, prefix, raw):
    path = _fill(template, data.draw, raw=raw)
    if not path.startswith("/api/"):
        path = prefix + path

    response = _send_raw(path) if raw else Client().get(path)

    _assert_no_server_error(response, path)


@FUZZ
@given(data=st.data(), template=st.sampled_from(PAGES + API), params=query())
def test_no_query_string_causes_a_server_error(real_catalog, data, template, params):
    path = _fill(template, data.draw, raw=False)

    response = Client().get(path, params)

    _assert_no_server_error(response, (path, params))


@settings(FUZZ, max_examples=40)
@given(template=st.sampled_from(["/search/", "/api/search/", "/api/items/", "/en/search/"]), raw=hostile())
def test_no_raw_query_string_causes_a_server_error(real_catalog, template, raw):
    # Unencoded: broken percent-encodings, bare & = # +, non-ASCII as a browser may send it.
    query = f"q={raw}&jurisdiction={raw}&page={raw}"

    response = _send_raw(template, query)

    _assert_no_server_error(response, (template, query))


@settings(FUZZ, max_examples=30)
@given(
    elderly=query_value("elderly"), next_url=st.one_of(st.sampled_from(["/", "//evil.example/", "/weihai/"]), hostile())
)
def test_no_elderly_switch_post_causes_a_server_error(real_catalog, elderly, next_url):
    response = Client().post("/elderly-mode/", {"elderly": elderly, "next": next_url})

    _assert_no_server_error(response, (elderly, next_url))
    assert response.status_code == 302
    assert not response["Location"].startswith("//evil.example")


@settings(FUZZ, max_examples=4)
@given(path=st.sampled_from(FILES), params=query())
def test_no_query_string_breaks_a_download(real_catalog, path, params):
    response = Client().get(path, params)

    _assert_no_server_error(response, (path, params))


@settings(FUZZ, max_examples=5)
@given(params=query())
def test_no_query_string_breaks_the_api_schema(real_catalog, params):
    response = Client().get("/api/schema/", params)

    _assert_no_server_error(response, params)


def test_unknown_paths_of_every_shape_answer_404(real_catalog, client):
    # Not drawn: one of each shape the resolver must turn away, raw and encoded.
    for path in [
        "/%00/",
        "/weihai/%00/",
        "/weihai/departments/%00/",
        "/weihai/enterprise/items/%00/",
        "/weihai/enterprise/items/99999999999999999999999/",
        "/api/items/99999999999999999999999/",
        "/weihai/departments/..%2F..%2Fetc%2Fpasswd/",
        "/static/../../etc/passwd",
    ]:
        assert client.get(path).status_code == 404, path
