import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import make_item, make_scenario, make_stage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["jurisdiction", "lifecycle", "stage", "scenario"])
def test_taxonomy_changelists_render(admin_client, model):
    make_item()

    response = admin_client.get(reverse(f"admin:lifecycle_{model}_changelist"))

    assert response.status_code == 200


def test_stage_change_page_lists_its_scenarios_inline(admin_client):
    stage = make_stage(name="企业准营", number=2)
    make_scenario(stage=stage, number=1, name="生产许可办理")

    response = admin_client.get(reverse("admin:lifecycle_stage_change", args=[stage.pk]))

    assert response.status_code == 200
    assertContains(response, 'value="生产许可办理"')


def test_scenario_changelist_shows_the_document_code(admin_client):
    make_scenario(stage=make_stage(number=2), number=3, name="经营许可办理")

    response = admin_client.get(reverse("admin:lifecycle_scenario_changelist"))

    assertContains(response, "2.3")
    assertContains(response, "场景编号")


def test_admin_index_renders_in_chinese(admin_client):
    response = admin_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assertContains(response, "事项清单维护")
    assertContains(response, "生命周期")
    assertContains(response, "增加")
