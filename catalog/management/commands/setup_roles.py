from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.models import Department
from catalog.permissions import AUDITOR_GROUP

CATALOG_MODELS = ["item", "subitem", "responsibility", "department", "edition"]
LIFECYCLE_MODELS = ["jurisdiction", "lifecycle", "stage", "scenario"]


def department_group_name(department):
    return f"部门编辑：{department.jurisdiction.name}·{department.name}"


class Command(BaseCommand):
    help = (
        "Create or update the staff groups: the read-only auditor group, and one editor group per "
        "department (members edit only the items that department leads). Safe to run again."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        view = Permission.objects.filter(
            content_type__app_label__in=["catalog", "lifecycle"],
            codename__in=[f"view_{model}" for model in CATALOG_MODELS + LIFECYCLE_MODELS],
        )
        auditor, _created = Group.objects.get_or_create(name=AUDITOR_GROUP)
        auditor.permissions.set(view)
        editing = Permission.objects.filter(
            content_type__app_label="catalog",
            codename__in=[
                "change_item",
                "add_subitem",
                "change_subitem",
                "delete_subitem",
                "add_responsibility",
                "change_responsibility",
                "delete_responsibility",
            ],
        )
        created = 0
        for department in Department.objects.select_related("jurisdiction", "editor_group"):
            group = department.editor_group
            if group is None:
                group, _created = Group.objects.get_or_create(name=department_group_name(department))
                department.editor_group = group
                department.save(update_fields=["editor_group"])
                created += 1
            group.permissions.set([*view, *editing])
        self.stdout.write(self.style.SUCCESS(f"已设置审计员组和部门编辑组（新建 {created} 个部门编辑组）。"))
