from django.http import HttpResponse


def _stub(request, **kwargs):
    return HttpResponse("stub")


jurisdiction_detail = lifecycle_detail = stage_detail = scenario_detail = _stub
item_detail = department_index = department_detail = _stub
