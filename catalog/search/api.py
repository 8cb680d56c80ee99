"""The search results as JSON (/api/search/): what the search page shows, without the markup."""

from ..models import SearchEntryKind


def results_as_json(results):
    query = results.query
    page = results.page
    return {
        "query": query.typed,
        "truncated": query.truncated,
        "simplified": query.simplified or None,
        "terms": [term.word for term in query.terms],
        "synonyms": dict(query.expansions),
        "count": results.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [_hit(hit) for hit in page.object_list if hit.object is not None],
        "suggestions": results.suggestions,
    }


def _names(departments):
    return [department.name for department in departments]


def _location(lifecycle, stage=None, scenario=None):
    return {
        "jurisdiction": lifecycle.jurisdiction.name,
        "lifecycle": lifecycle.name,
        "stage": f"{stage.number} {stage.name}" if stage else None,
        "scenario": f"{scenario.code} {scenario.name}" if scenario else None,
    }


def _hit(hit):
    found = hit.object
    data = {"kind": hit.kind, "name": found.name, "url": found.get_absolute_url(), "partial": hit.is_partial}
    if hit.row.item_id:
        data.update(
            {
                "number": found.number,
                "type": found.item_type or None,
                "level_note": found.level_note or None,
                "lead": _names(found.lead_departments),
                "cooperating": _names(found.cooperating_departments),
                "location": _location(found.lifecycle, found.scenario.stage, found.scenario),
                "matched_subitems": [
                    {
                        "name": subitem.name,
                        "type": subitem.item_type,
                        "level_note": subitem.level_note or None,
                        "lead": _names(subitem.lead_departments),
                        "cooperating": _names(subitem.cooperating_departments),
                    }
                    for subitem, _html in hit.subitems
                ],
            }
        )
    elif hit.kind == SearchEntryKind.SCENARIO:
        data.update({"code": found.code, "location": _location(found.stage.lifecycle, found.stage)})
    elif hit.kind == SearchEntryKind.STAGE:
        data.update({"number": found.number, "location": _location(found.lifecycle)})
    elif hit.kind == SearchEntryKind.DEPARTMENT:
        data.update({"location": {"jurisdiction": found.jurisdiction.name}})
    return data
