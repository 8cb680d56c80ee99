"""Writes that span several models: recording editions."""

from .models import Department, Edition, Item, Responsibility, SubItem


def history_record_baseline(*, jurisdiction):
    """Give every row of a jurisdiction's catalog without a version its first version.

    loaddata saves raw rows, which simple-history does not record; without a first version the
    first edit made in the admin could not be undone.
    """
    rows = {
        Department: Department.objects.filter(jurisdiction=jurisdiction),
        Item: Item.objects.filter(lifecycle__jurisdiction=jurisdiction),
        SubItem: SubItem.objects.filter(item__lifecycle__jurisdiction=jurisdiction),
        Responsibility: Responsibility.objects.filter(item__lifecycle__jurisdiction=jurisdiction),
    }
    for model, queryset in rows.items():
        recorded = model.history.values("id")
        missing = list(queryset.exclude(pk__in=recorded))
        if missing:
            model.history.bulk_history_create(missing, default_change_reason="初次载入")


def edition_create(*, jurisdiction, lifecycle, plan, source_name, user=None, user_name=""):
    """Record one applied import of a lifecycle's list, with its difference report."""
    edition = Edition(
        jurisdiction=jurisdiction,
        kind=lifecycle.kind,
        lifecycle=lifecycle,
        created_by=user if user is not None and user.is_authenticated else None,
        created_by_name="" if user is not None and user.is_authenticated else user_name,
        source_name=source_name,
        change_count=len(plan.changes),
        report=plan.report(),
    )
    edition.full_clean()
    edition.save()
    return edition


def edition_record_initial_load(*, jurisdiction, source_name, user_name=""):
    """Record the first load of a jurisdiction's fixture as an edition of each of its lists."""
    editions = []
    for lifecycle in jurisdiction.lifecycles.all():
        items = Item.objects.filter(lifecycle=lifecycle).count()
        subitems = SubItem.objects.filter(item__lifecycle=lifecycle).count()
        edition = Edition(
            jurisdiction=jurisdiction,
            kind=lifecycle.kind,
            lifecycle=lifecycle,
            created_by_name=user_name,
            source_name=source_name,
            change_count=items,
            report=f"初次载入{lifecycle.name}：{items} 项事项、{subitems} 个子项（来源：{lifecycle.source}）。",
        )
        edition.full_clean()
        edition.save()
        editions.append(edition)
    return editions
