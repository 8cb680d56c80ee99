"""The committed fixtures are what the parser makes, and the export returns the document."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalog.exporting import parsed_as_dict
from catalog.models import Item, ItemType, Responsibility, Role, SubItem
from catalog.parsing.sources import FIXTURE_DIR, generated_fixtures, weihai_lists
from lifecycle.models import Lifecycle, Scenario, Stage


def test_parser_regenerates_the_committed_fixture_exactly():
    for name, text in generated_fixtures().items():
        assert (FIXTURE_DIR / name).read_text(encoding="utf-8") == text, f"{name} is stale: run build_fixtures"


def test_build_fixtures_check_passes_on_the_committed_files(capsys):
    call_command("build_fixtures", "--check")
    assert "已是最新" in capsys.readouterr().out


@pytest.fixture
def weihai(db):
    call_command("loaddata", "weihai", verbosity=0)


def export(*args):
    from io import StringIO

    out = StringIO()
    call_command("export_catalog", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_loaded_catalog_has_the_documents_counts(weihai):
    enterprise = Lifecycle.objects.get(jurisdiction__slug="weihai", kind="enterprise")
    personal = Lifecycle.objects.get(jurisdiction__slug="weihai", kind="personal")
    # Counts read off the document: stages, scenarios, items, sub-items.
    assert Stage.objects.filter(lifecycle=enterprise).count() == 6
    assert Scenario.objects.filter(stage__lifecycle=enterprise).count() == 15
    assert Item.objects.filter(lifecycle=enterprise).count() == 107
    assert SubItem.objects.filter(item__lifecycle=enterprise).count() == 48
    assert Stage.objects.filter(lifecycle=personal).count() == 11
    assert Scenario.objects.filter(stage__lifecycle=personal).count() == 25
    assert Item.objects.filter(lifecycle=personal).count() == 113
    assert SubItem.objects.filter(item__lifecycle=personal).count() == 73


def test_every_stored_type_is_one_of_the_six(weihai):
    assert set(SubItem.objects.values_list("item_type", flat=True)) <= set(ItemType.values)
    assert set(Item.objects.values_list("item_type", flat=True)) <= {"", *ItemType.values}


def test_export_item_1_matches_the_open_data_contract(weihai):
    data = export("--jurisdiction", "威海市", "--lifecycle", "enterprise")
    assert data["jurisdiction"] == "威海市"
    assert data["lifecycle"] == "enterprise"
    stage = data["stages"][0]
    assert (stage["number"], stage["name"]) == (1, "企业开办")
    scenario = stage["scenarios"][0]
    assert (scenario["code"], scenario["name"]) == ("1.1", "企业开办")
    first = scenario["items"][0]
    assert {key: first[key] for key in ("number", "name", "type", "lead", "cooperating", "level_note")} == {
        "number": 1,
        "name": "公司（企业）设立登记",
        "type": None,
        "lead": ["市市场监管局", "市行政审批服务局"],
        "cooperating": [],
        "level_note": None,
    }
    assert first["subitems"][0] == {
        "name": "公司设立登记",
        "type": "行政许可",
        "lead": ["市市场监管局", "市行政审批服务局"],
        "cooperating": [],
        "level_note": None,
    }


def test_export_returns_every_row_of_the_document_after_loading(weihai):
    # The parsed document in the export's shape (the shape itself is pinned by the item 1 test).
    assert export("--jurisdiction", "威海市") == [parsed_as_dict("威海市", parsed) for parsed in weihai_lists()]


def test_export_without_lifecycle_lists_both(weihai):
    assert [entry["lifecycle"] for entry in export("--jurisdiction", "威海市")] == ["enterprise", "personal"]


def test_export_of_an_unknown_jurisdiction_says_which_exist(weihai):
    with pytest.raises(CommandError, match="威海市"):
        export("--jurisdiction", "北京市")


def test_export_of_an_empty_database_explains_what_to_do(db):
    with pytest.raises(CommandError, match="load_catalog"):
        export()


def test_export_runs_a_fixed_number_of_queries(weihai, django_assert_num_queries):
    # lifecycles+jurisdiction, stages, scenarios, items, sub-items, sub-item responsibilities,
    # item responsibilities
    with django_assert_num_queries(7):
        export()


def test_item_90_has_six_cooperating_departments_in_the_database(weihai):
    item = Item.objects.get(lifecycle__jurisdiction__slug="weihai", lifecycle__kind="enterprise", number=90)
    cooperating = Responsibility.objects.filter(item=item, role=Role.COOPERATING).order_by("position")
    assert [r.department.name for r in cooperating] == [
        "市教育局", "市民政局", "市卫生健康委", "市体育局", "通信协会", "威海供电公司",
    ]  # fmt: skip
