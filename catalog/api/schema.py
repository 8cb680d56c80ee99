"""The OpenAPI schema's hand-written part: /api/search/, a plain Django view (catalog.views.search_api)."""

from catalog.models import ItemType, LevelNote, Role
from lifecycle.models import Lifecycle


def _parameter(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _string_list():
    return {"type": "array", "items": {"type": "string"}}


SEARCH_PARAMETERS = [
    _parameter(
        "q",
        "查询词（最多读取 200 个字符）：汉字、拼音、拼音首字母或日常说法，如“生孩子”“gongjijin”“csyxzm”。",
        {"type": "string"},
    ),
    _parameter("page", "页码，每页 20 条。", {"type": "integer", "minimum": 1}),
    _parameter("jurisdiction", "行政区域的网址标识，如 weihai。", {"type": "string"}),
    _parameter("lifecycle", "生命周期。", {"type": "string", "enum": Lifecycle.Kind.values}),
    _parameter("stage", "阶段 id（/api/stages/）。", {"type": "integer"}),
    _parameter("scenario", "场景 id（/api/scenarios/）。", {"type": "integer"}),
    _parameter("item_type", "事项类型（事项或其任一子项）。", {"type": "string", "enum": ItemType.values}),
    _parameter("level_note", "层级说明（事项或其任一子项）。", {"type": "string", "enum": LevelNote.values}),
    _parameter("department", "部门 id（/api/departments/），在事项或其任一子项上有职责。", {"type": "integer"}),
    _parameter("role", "与 department 同用：只看牵头或只看协同。", {"type": "string", "enum": Role.values}),
]

SEARCH_HIT = {
    "type": "object",
    "required": ["kind", "name", "url", "partial"],
    "properties": {
        "kind": {"type": "string", "enum": ["item", "subitem", "scenario", "stage", "department"]},
        "name": {"type": "string"},
        "url": {"type": "string", "description": "门户页面的路径"},
        "partial": {"type": "boolean", "description": "只匹配了部分查询词"},
        "number": {"type": "integer"},
        "code": {"type": "string"},
        "type": {"type": "string", "nullable": True},
        "level_note": {"type": "string", "nullable": True},
        "lead": _string_list(),
        "cooperating": _string_list(),
        "location": {"type": "object", "additionalProperties": {"type": "string", "nullable": True}},
        "matched_subitems": {"type": "array", "items": {"type": "object"}},
    },
}

SEARCH_RESPONSE = {
    "type": "object",
    "required": ["query", "count", "page", "pages", "results"],
    "properties": {
        "query": {"type": "string"},
        "truncated": {"type": "boolean"},
        "simplified": {"type": "string", "nullable": True, "description": "繁体字转为简体后的查询"},
        "terms": _string_list(),
        "synonyms": {"type": "object", "additionalProperties": _string_list()},
        "count": {"type": "integer"},
        "page": {"type": "integer"},
        "pages": {"type": "integer"},
        "results": {"type": "array", "items": SEARCH_HIT},
        "suggestions": _string_list(),
    },
}

FILTER_ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {"errors": {"type": "object", "additionalProperties": _string_list()}},
}


def _json(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


SEARCH_PATH = {
    "get": {
        "operationId": "search",
        "summary": "搜索",
        "description": "与搜索页 /search/ 相同的搜索和筛选，结果按相关度排序。",
        "tags": ["search"],
        "parameters": SEARCH_PARAMETERS,
        "responses": {
            "200": _json("一页搜索结果", SEARCH_RESPONSE),
            "400": _json("筛选值无法识别", FILTER_ERRORS),
        },
    }
}


def add_search_endpoint(result, generator, request, public):
    """drf-spectacular post-processing hook: describe /api/search/ beside the generated paths."""
    result["paths"]["/api/search/"] = SEARCH_PATH
    return result
