"""The admin's import page: upload a spreadsheet, read the dry-run report, confirm.

The uploaded file is kept in IMPORT_STAGING_DIR under a random name between the two steps,
so the file that is applied is exactly the one whose report the staff member read.
"""

import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from lifecycle.models import Jurisdiction, Lifecycle

from .importing import LIFECYCLE_NAMES, catalog_import
from .spreadsheet import SpreadsheetError, read_xlsx

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class CatalogUploadForm(forms.Form):
    file = forms.FileField(label=_("清单文件（.xlsx）"))
    jurisdiction = forms.ModelChoiceField(Jurisdiction.objects.all(), label=_("行政区域"), empty_label=None)
    lifecycle = forms.ChoiceField(choices=Lifecycle.Kind.choices, label=_("生命周期"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 文件（可在 Excel/WPS 中另存为 .xlsx）。"))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件超过 10 MB，请检查是否选错了文件。"))
        return upload


class CatalogConfirmForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    source_name = forms.CharField(max_length=255, widget=forms.HiddenInput)
    jurisdiction = forms.ModelChoiceField(Jurisdiction.objects.all(), widget=forms.HiddenInput)
    lifecycle = forms.ChoiceField(choices=Lifecycle.Kind.choices, widget=forms.HiddenInput)


def staging_dir():
    path = Path(settings.IMPORT_STAGING_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


class CatalogImportView(View):
    model_admin = None
    template_name = "admin/catalog/edition/import.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("catalog.import_catalog"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, **context):
        admin_site = self.model_admin.admin_site
        return TemplateResponse(
            request,
            self.template_name,
            {
                **admin_site.each_context(request),
                "opts": self.model_admin.model._meta,
                "title": _("导入事项清单"),
                **context,
            },
        )

    def get(self, request):
        return self.render(request, form=CatalogUploadForm())

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = CatalogUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, form=form)
        token = uuid.uuid4()
        staged = staging_dir() / f"{token.hex}.xlsx"
        with staged.open("wb") as target:
            for chunk in form.cleaned_data["file"].chunks():
                target.write(chunk)
        jurisdiction, kind = form.cleaned_data["jurisdiction"], form.cleaned_data["lifecycle"]
        try:
            parsed = read_xlsx(staged, kind=kind, name=LIFECYCLE_NAMES[kind], jurisdiction_name=jurisdiction.name)
        except SpreadsheetError as exc:
            staged.unlink(missing_ok=True)
            return self.render(request, form=form, problems=exc.problems)
        plan = catalog_import(jurisdiction=jurisdiction, parsed=parsed, dry_run=True)
        confirm = CatalogConfirmForm(
            initial={
                "token": token,
                "source_name": form.cleaned_data["file"].name,
                "jurisdiction": jurisdiction.pk,
                "lifecycle": kind,
            }
        )
        return self.render(
            request, plan=plan, confirm_form=confirm, jurisdiction=jurisdiction, kind_label=LIFECYCLE_NAMES[kind]
        )

    def confirm(self, request):
        form = CatalogConfirmForm(request.POST)
        staged = staging_dir() / f"{form.cleaned_data['token'].hex}.xlsx" if form.is_valid() else None
        if staged is None or not staged.exists():
            messages.error(request, _("导入已过期或文件不存在，请重新上传。"))
            return redirect(reverse("admin:catalog_edition_import"))
        kind, jurisdiction = form.cleaned_data["lifecycle"], form.cleaned_data["jurisdiction"]
        try:
            parsed = read_xlsx(staged, kind=kind, name=LIFECYCLE_NAMES[kind], jurisdiction_name=jurisdiction.name)
            plan = catalog_import(
                jurisdiction=jurisdiction,
                parsed=parsed,
                source_name=form.cleaned_data["source_name"],
                user=request.user,
            )
        except SpreadsheetError as exc:
            return self.render(request, form=CatalogUploadForm(), problems=exc.problems)
        finally:
            staged.unlink(missing_ok=True)
        messages.success(request, _("已导入：%(count)s 处变化。") % {"count": len(plan.changes)})
        return redirect(reverse("admin:catalog_edition_changelist"))
