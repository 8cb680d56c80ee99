"""The OpenAPI schema at /api/schema/, and CORS: any origin may read /api/, and nothing else."""

import json

import pytest
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

LISTS = ["lifecycles", "stages", "scenarios", "items", "departments"]


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_schema_is_valid_openapi_3_describing_every_endpoint(schema):
    validate_schema(schema)  # raises on an invalid document

    assert schema["openapi"].startswith("3.")
    expected = {f"/api/{name}/" for name in LISTS} | {f"/api/{name}/{{id}}/" for name in LISTS} | {"/api/search/"}
    assert set(schema["paths"]) == expected
    assert all(set(operations) == {"get"} for operations in schema["paths"].values())


def test_schema_documents_the_item_filters_and_pagination(schema):
    parameters = {parameter["name"] for parameter in schema["paths"]["/api/items/"]["get"]["parameters"]}

    assert parameters == {
        "jurisdiction",
        "lifecycle",
        "stage",
        "scenario",
        "item_type",
        "level_note",
        "department",
        "role",
        "page",
        "page_size",
    }


def test_schema_describes_the_search_the_page_shape_and_the_items(schema):
    search = schema["paths"]["/api/search/"]["get"]
    page = schema["components"]["schemas"]["PaginatedItemList"]
    item = schema["components"]["schemas"]["Item"]

    assert {"q", "page", "department", "role"} <= {parameter["name"] for parameter in search["parameters"]}
    assert set(search["responses"]) == {"200", "400"}
    assert set(page["properties"]) == {"count", "page", "pages", "next", "previous", "results"}
    assert {"number", "name", "type", "level_note", "lead", "cooperating", "subitems", "url"} <= set(item["properties"])


def test_schema_is_served_as_yaml_by_default(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert response.content.startswith(b"openapi: 3.")


def test_any_origin_may_read_the_api(client):
    for path in ("/api/items/", "/api/search/?q=出生", "/api/schema/"):
        response = client.get(path, HTTP_ORIGIN="https://data.example.org")

        assert response["Access-Control-Allow-Origin"] == "*", path
        assert "Access-Control-Allow-Credentials" not in response, path


def test_the_api_answers_the_same_with_or_without_an_origin(client):
    # nginx's micro-cache keeps one copy per URL, whoever asked first (deploy/nginx.conf):
    # a copy made for a request without an Origin must still let other sites read it.
    for path in ("/api/items/", "/api/search/?q=出生", "/api/schema/"):
        without_origin = client.get(path)
        with_origin = client.get(path, HTTP_ORIGIN="https://data.example.org")

        assert without_origin["Access-Control-Allow-Origin"] == "*", path
        assert with_origin["Access-Control-Allow-Origin"] == "*", path
        assert without_origin.content == with_origin.content, path


def test_a_preflight_allows_reading_only(client):
    response = client.options(
        "/api/items/",
        HTTP_ORIGIN="https://data.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_pages_outside_the_api_are_not_shared_with_other_origins(client):
    for path in ("/", "/search/?q=出生", "/downloads/", "/admin/login/"):
        response = client.get(path, HTTP_ORIGIN="https://data.example.org")

        assert "Access-Control-Allow-Origin" not in response, path
