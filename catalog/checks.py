"""System checks: `manage.py check` reports a synonym file staff broke before it is served."""

from django.core import checks

from .search.synonyms import parse_synonyms, synonyms_file


@checks.register()
def check_synonyms_file(app_configs, **kwargs):
    path = synonyms_file()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        return [checks.Error(f"搜索同义词表无法读取：{error}", id="catalog.E001", obj=str(path))]
    return [
        checks.Error(f"搜索同义词表有误：{problem}", id="catalog.E002", obj=str(path))
        for problem in parse_synonyms(text).problems
    ]
