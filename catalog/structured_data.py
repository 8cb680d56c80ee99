"""schema.org data about catalog pages, for search engines (JSON-LD)."""

from django.urls import reverse

SCHEMA_ORG = "https://schema.org"


def _unique(values):
    return list(dict.fromkeys(values))


def government_service(*, item, request):
    """An item as a schema.org GovernmentService. No queries: reads what the item page preloads.

    serviceType is the item's type, or its sub-items' when it has none of its own (one value,
    or a list when they differ). The providers are the lead departments (牵头部门): the item's,
    or its sub-items' when the item lists none.
    """
    jurisdiction = item.lifecycle.jurisdiction
    subitems = list(item.subitems.all())
    types = [item.item_type] if item.item_type else _unique(sub.item_type for sub in subitems)
    leads = item.lead_departments or [department for sub in subitems for department in sub.lead_departments]
    providers = _unique(department.name for department in leads)
    return {
        "@context": SCHEMA_ORG,
        "@type": "GovernmentService",
        "name": item.name,
        "serviceType": types[0] if len(types) == 1 else types,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "provider": [
            {
                "@type": "GovernmentOrganization",
                "name": name,
                # A department belongs to the item's jurisdiction (Responsibility.clean).
                "url": request.build_absolute_uri(reverse("catalog:department", args=[jurisdiction.slug, name])),
            }
            for name in providers
        ],
        "areaServed": {
            "@type": "AdministrativeArea",
            "name": jurisdiction.name,
            "url": request.build_absolute_uri(jurisdiction.get_absolute_url()),
        },
    }
