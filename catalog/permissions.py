"""Who may edit which part of the catalog.

Four roles:
- a superuser edits everything;
- the catalog office (members of CATALOG_OFFICE_GROUP, the 市政务服务管理办公室 that the notice
  makes responsible for 统筹协调) manages the whole catalog, its departments and editor groups;
- a department editor (a member of a Department.editor_group) edits only the items, and their
  sub-items and roles, that one of their departments leads;
- an auditor (only view permissions) sees everything and changes nothing.
Anyone else is governed by their model permissions alone.

This module is the one place that decides; every door (admin views, imports, public write
forms of other apps) calls it.
"""

from .models import Department, Item, Responsibility, Role

AUDITOR_GROUP = "审计员（只读）"
CATALOG_OFFICE_GROUP = "市政务服务管理办公室"


def is_catalog_office(user):
    """Whether `user` manages the whole catalog: a superuser or a member of the catalog office group."""
    if not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=CATALOG_OFFICE_GROUP).exists()


def editable_department_ids(user):
    """Ids of the departments whose items `user` may edit, or None for no restriction. Queries once."""
    if user.is_superuser:
        return None
    ids = set(Department.objects.filter(editor_group__user=user).values_list("pk", flat=True))
    return ids or None


def item_editable_by(user, item):
    """Whether `user` may change `item` (its model permissions are checked by the admin)."""
    departments = editable_department_ids(user)
    if departments is None:
        return True
    return Responsibility.objects.filter(
        item=item, subitem__isnull=True, role=Role.LEAD, department_id__in=departments
    ).exists()


def editable_items(user, queryset=None):
    """The items (of `queryset`, all by default) that `user` may change under the object rule."""
    queryset = Item.objects.all() if queryset is None else queryset
    departments = editable_department_ids(user)
    if departments is None:
        return queryset
    lead = Responsibility.objects.filter(subitem__isnull=True, role=Role.LEAD, department_id__in=departments)
    return queryset.filter(pk__in=lead.values("item_id"))
