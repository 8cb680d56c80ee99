"""Editions, history with restore, the three permission roles and the admin import."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from catalog.models import Department, Edition, Item, Responsibility, SubItem
from catalog.permissions import AUDITOR_GROUP
from lifecycle.models import Lifecycle


def weihai_items(kind):
    return Item.objects.filter(lifecycle__jurisdiction__slug="weihai", lifecycle__kind=kind)


def weihai_item(kind, number):
    return weihai_items(kind).get(number=number)


@pytest.fixture
def weihai(db):
    call_command("load_catalog", stdout=StringIO())


@pytest.fixture
def exported(weihai, tmp_path):
    path = tmp_path / "weihai-personal.xlsx"
    call_command(
        "export_catalog", "--format", "xlsx", "--lifecycle", "personal", "--output", str(path), stderr=StringIO()
    )
    return path


def rename_item_in_file(path, number, name):
    workbook = load_workbook(path)
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == number:
            row[3].value = name
    workbook.save(path)


# -- editions ----------------------------------------------------------------------------


def test_loading_the_catalog_records_a_first_edition_per_list(weihai):
    editions = Edition.objects.filter(jurisdiction__slug="weihai").order_by("kind")
    assert [(e.kind, e.source_name) for e in editions] == [("enterprise", "weihai.json"), ("personal", "weihai.json")]
    assert "107 项事项" in editions[0].report


def test_an_import_records_who_when_which_file_and_the_report(exported):
    rename_item_in_file(exported, 4, "城乡居民医疗保险参保登记")
    call_command(
        "import_catalog", str(exported), "--jurisdiction", "威海市", "--lifecycle", "personal", stdout=StringIO()
    )
    edition = Edition.objects.order_by("-pk").first()
    assert edition.source_name == "weihai-personal.xlsx"
    assert edition.created_by_name  # the shell account
    assert edition.change_count == 1
    assert "更名" in edition.report and "城乡居民医疗保险参保登记" in edition.report


def test_a_dry_run_records_no_edition(exported):
    count = Edition.objects.count()
    call_command(
        "import_catalog", str(exported), "--jurisdiction", "威海市", "--lifecycle", "personal", "--dry-run",
        stdout=StringIO(),
    )  # fmt: skip
    assert Edition.objects.count() == count


def test_lifecycles_carry_the_date_of_their_latest_edition(weihai):
    lifecycle = Lifecycle.objects.with_update_date().get(jurisdiction__slug="weihai", kind="personal")
    latest = Edition.objects.filter(jurisdiction__slug="weihai", kind="personal").latest("created_at")
    assert lifecycle.updated_at == latest.created_at
    assert lifecycle.item_count == 113


def test_staff_see_the_list_of_editions_and_each_report(weihai, admin_client):
    response = admin_client.get(reverse("admin:catalog_edition_changelist"))
    assert response.status_code == 200
    assert "weihai.json" in response.text
    edition = Edition.objects.first()
    detail = admin_client.get(reverse("admin:catalog_edition_change", args=[edition.pk]))
    assert detail.status_code == 200
    assert "初次载入" in detail.text


# -- history ------------------------------------------------------------------------------


def test_an_admin_edit_keeps_a_version_that_can_be_restored(weihai, admin_client, admin_user):
    item = weihai_item("personal", 82)
    original = item.name
    item.name = "结婚登记（改错了）"
    item.save()
    assert item.history.count() >= 2
    history = admin_client.get(reverse("admin:catalog_item_history", args=[item.pk]))
    assert history.status_code == 200
    assert "结婚登记（改错了）" in history.text or original in history.text
    before = item.history.order_by("history_date").last().prev_record
    revert_url = reverse("admin:catalog_item_simple_history", args=[item.pk, before.history_id])
    form = admin_client.get(revert_url)
    assert form.status_code == 200
    response = admin_client.post(
        revert_url,
        {
            "lifecycle": item.lifecycle_id,
            "scenario": item.scenario_id,
            "number": item.number,
            "name": before.name,
            "item_type": before.item_type,
            "level_note": before.level_note,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.name == original


def test_an_import_keeps_versions_too(exported):
    item = weihai_item("personal", 4)
    versions = item.history.count()
    rename_item_in_file(exported, 4, "城乡居民医疗保险参保登记")
    call_command(
        "import_catalog", str(exported), "--jurisdiction", "威海市", "--lifecycle", "personal", stdout=StringIO()
    )
    assert item.history.count() == versions + 1
    assert item.history.first().name == "城乡居民医疗保险参保登记"


def test_an_unchanged_re_import_adds_no_versions(exported):
    versions = (Item.history.count(), SubItem.history.count(), Responsibility.history.count())
    call_command(
        "import_catalog", str(exported), "--jurisdiction", "威海市", "--lifecycle", "personal", stdout=StringIO()
    )
    assert (Item.history.count(), SubItem.history.count(), Responsibility.history.count()) == versions


# -- permissions --------------------------------------------------------------------------


@pytest.fixture
def roles(weihai):
    call_command("setup_roles", stdout=StringIO())


def staff(username, *groups):
    user = User.objects.create_user(username, password="pw-for-tests-only", is_staff=True)
    user.groups.set(groups)
    return user


def change_url(item):
    return reverse("admin:catalog_item_change", args=[item.pk])


def item_form(item, **changes):
    data = {
        "lifecycle": item.lifecycle_id,
        "scenario": item.scenario_id,
        "number": item.number,
        "name": item.name,
        "item_type": item.item_type,
        "level_note": item.level_note,
        "subitems-TOTAL_FORMS": 0,
        "subitems-INITIAL_FORMS": 0,
        "responsibilities-TOTAL_FORMS": 0,
        "responsibilities-INITIAL_FORMS": 0,
    }
    return {**data, **changes}


def test_a_department_editor_changes_only_what_the_department_leads(roles, client):
    police = Department.objects.get(jurisdiction__slug="weihai", name="市公安局")
    editor = staff("police-editor", police.editor_group)
    client.force_login(editor)
    passport = weihai_item("personal", 79)  # 普通护照签发, led by 市公安局
    birth = weihai_item("personal", 1)  # led by 市卫生健康委
    # Own item: the change form is editable and a change is saved.
    page = client.get(change_url(passport))
    assert page.status_code == 200 and 'name="name"' in page.text
    saved = client.post(change_url(passport), item_form(passport, name="普通护照签发（测试）"))
    assert saved.status_code == 302
    passport.refresh_from_db()
    assert passport.name == "普通护照签发（测试）"
    # Another department's item: visible read-only, a change is refused.
    other = client.get(change_url(birth))
    assert other.status_code == 200 and 'name="name"' not in other.text
    refused = client.post(change_url(birth), item_form(birth, name="被改了"))
    assert refused.status_code == 403
    birth.refresh_from_db()
    assert birth.name == "出生医学证明办理"


def test_an_auditor_sees_everything_and_changes_nothing(roles, client):
    auditor = staff("auditor", Group.objects.get(name=AUDITOR_GROUP))
    client.force_login(auditor)
    item = weihai_item("enterprise", 1)
    assert client.get(reverse("admin:catalog_item_changelist")).status_code == 200
    page = client.get(change_url(item))
    assert page.status_code == 200 and 'name="name"' not in page.text
    assert client.post(change_url(item), item_form(item, name="被改了")).status_code == 403
    assert client.get(reverse("admin:catalog_edition_import")).status_code == 403
    item.refresh_from_db()
    assert item.name == "公司（企业）设立登记"


def test_a_superuser_edits_any_item(weihai, admin_client):
    item = weihai_item("personal", 1)
    response = admin_client.post(change_url(item), item_form(item, name="出生医学证明办理（新）"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.name == "出生医学证明办理（新）"


# -- admin import -------------------------------------------------------------------------


def test_admin_import_shows_the_dry_run_then_applies_on_confirm(exported, admin_client):
    rename_item_in_file(exported, 4, "城乡居民医疗保险参保登记")
    weihai_id = Lifecycle.objects.get(jurisdiction__slug="weihai", kind="personal").jurisdiction_id
    url = reverse("admin:catalog_edition_import")
    assert admin_client.get(url).status_code == 200
    with exported.open("rb") as upload:
        preview = admin_client.post(url, {"file": upload, "jurisdiction": weihai_id, "lifecycle": "personal"})
    assert preview.status_code == 200
    assert "[更名] 事项 4" in preview.text
    assert weihai_item("personal", 4).name == "城乡居民基本医疗保险参保登记"
    confirm = preview.context["confirm_form"].initial
    response = admin_client.post(url, {**confirm, "confirm": "1"})
    assert response.status_code == 302
    assert weihai_item("personal", 4).name == "城乡居民医疗保险参保登记"
    assert Edition.objects.order_by("-pk").first().created_by.is_superuser


def test_admin_import_of_a_bad_file_lists_the_problems_and_changes_nothing(weihai, admin_client, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    weihai_id = Lifecycle.objects.get(jurisdiction__slug="weihai", kind="personal").jurisdiction_id
    with bad.open("rb") as upload:
        response = admin_client.post(
            reverse("admin:catalog_edition_import"),
            {"file": upload, "jurisdiction": weihai_id, "lifecycle": "personal"},
        )
    assert response.status_code == 200
    assert "不是有效的 .xlsx 文件" in response.text


def test_admin_import_refuses_a_non_xlsx_upload(weihai, admin_client, tmp_path):
    csv_file = tmp_path / "list.csv"
    csv_file.write_text("序号\n", encoding="utf-8")
    weihai_id = Lifecycle.objects.get(jurisdiction__slug="weihai", kind="personal").jurisdiction_id
    with csv_file.open("rb") as upload:
        response = admin_client.post(
            reverse("admin:catalog_edition_import"),
            {"file": upload, "jurisdiction": weihai_id, "lifecycle": "personal"},
        )
    assert response.status_code == 200
    assert "请上传 .xlsx 文件" in response.text


def test_admin_confirm_with_an_unknown_token_asks_to_upload_again(weihai, admin_client):
    weihai_id = Lifecycle.objects.get(jurisdiction__slug="weihai", kind="personal").jurisdiction_id
    response = admin_client.post(
        reverse("admin:catalog_edition_import"),
        {
            "token": "00000000-0000-0000-0000-000000000000",
            "source_name": "x.xlsx",
            "jurisdiction": weihai_id,
            "lifecycle": "personal",
            "confirm": "1",
        },
        follow=True,
    )
    assert "请重新上传" in response.text
