"""Who may edit which part of the catalog.

Three roles:
- a superuser edits everything;
- a department editor (a member of a Department.editor_group) edits only the items, and their
  sub-items and roles, that one of their departments leads;
- an auditor (only view permissions) sees everything and changes nothing; Django's admin
  makes that read-only by itself.
Anyone else is governed by their model permissions alone (e.g. a catalog manager group).
"""

from .models import Department, Responsibility, Role

AUDITOR_GROUP = "审计员（只读）"


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
