"""Spreadsheet import and export on admin changelists (``SpreadsheetAdminMixin``).

Export writes what the changelist shows: its filters, search and ordering, over the admin's own
``get_queryset`` (so a scoped officer exports only their regions), read in chunks.

Import is two steps. The upload is read and run as a dry run (everything done, then rolled back)
and the preview shows what would change and every row's errors. The file is kept between preview
and confirmation under ``private/imports/`` in the default storage (never served: the media
route refuses ``private/``) with a random name, and the page carries a signed token naming it,
the officer, the changelist and the file's SHA-256: nobody else can confirm it, a token cannot
point at another file, and it lapses after an hour. Confirming runs the same import for real,
in one transaction, and deletes the file.
"""
import hashlib
import secrets
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .spreadsheets import FORMATS, MAX_BYTES, SpreadsheetError, import_max_rows, spreadsheet_response

IMPORT_FOLDER = "private/imports"
TOKEN_MAX_AGE = timedelta(hours=1)
TOKEN_SALT = "ovop_market.spreadsheet-import"
PREVIEW_ROWS = 500
PREVIEW_ERRORS = 1000


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Spreadsheet (CSV or XLSX)"))


class SpreadsheetAdminMixin:
    """Add to a ModelAdmin with ``spreadsheet = Sheet(...)`` (``ovop_market.spreadsheets.Sheet``)."""

    spreadsheet = None

    def _url_name(self, view: str) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def get_urls(self):
        urls = [
            path("export/<str:fmt>/", self.admin_site.admin_view(self.spreadsheet_export_view),
                 name=self._url_name("export")),
        ]
        if self.spreadsheet.importer is not None:
            urls += [
                path("import/", self.admin_site.admin_view(self.spreadsheet_import_view),
                     name=self._url_name("import")),
                path("import/template/<str:fmt>/", self.admin_site.admin_view(self.spreadsheet_template_view),
                     name=self._url_name("import_template")),
            ]
        return urls + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        query = request.GET.urlencode()
        tools = {
            "exports": [
                (fmt.upper(), reverse("admin:" + self._url_name("export"), args=[fmt]) + (f"?{query}" if query else ""))
                for fmt in FORMATS
            ],
        }
        if self.spreadsheet.importer is not None and self._may_import(request):
            tools["import_url"] = reverse("admin:" + self._url_name("import"))
        return super().changelist_view(request, {**(extra_context or {}), "spreadsheet_tools": tools})

    def _may_import(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    # --- export -------------------------------------------------------------------------------------

    def spreadsheet_export_view(self, request, fmt: str):
        from django.contrib.admin.options import IncorrectLookupParameters

        if fmt not in FORMATS:
            raise PermissionDenied
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse("admin:" + self._url_name("changelist")) + "?e=1")
        queryset = changelist.get_queryset(request)
        sheet = self.spreadsheet
        filename = f"{sheet.name}-{timezone.localdate():%Y-%m-%d}"
        return spreadsheet_response(fmt=fmt, filename=filename, header=sheet.header(), rows=sheet.rows(queryset),
                                    sheet_title=sheet.name)

    # --- import -------------------------------------------------------------------------------------

    def spreadsheet_template_view(self, request, fmt: str):
        if fmt not in FORMATS or not self._may_import(request):
            raise PermissionDenied
        importer = self.spreadsheet.importer
        return spreadsheet_response(fmt=fmt, filename=f"{self.spreadsheet.name}-template",
                                    header=importer.column_names(), rows=importer.template_rows(),
                                    sheet_title=self.spreadsheet.name)

    def spreadsheet_importer(self, request):
        """The importer, limited to what this officer reaches: each model's admin queryset."""
        importer_class = self.spreadsheet.importer
        scope = {}
        for keyword, model in importer_class.scope_models.items():
            model_admin = self.admin_site._registry.get(model)
            scope[keyword] = model_admin.get_queryset(request) if model_admin else model._default_manager.all()
        return importer_class(**scope)

    def spreadsheet_import_view(self, request):
        if not self._may_import(request):
            raise PermissionDenied
        importer = self.spreadsheet_importer(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import %(name)s") % {"name": self.opts.verbose_name_plural},
            "columns": importer.columns,
            "max_mb": MAX_BYTES // (1024 * 1024),
            "max_rows": import_max_rows(),
            "template_urls": [
                (fmt.upper(), reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import_template",
                                      args=[fmt]))
                for fmt in FORMATS
            ],
        }
        form = UploadForm()
        if request.method == "POST" and "token" in request.POST:
            return self._import_confirm(request, importer, context)
        if request.method == "POST":
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    table = importer.table_read(upload)
                except SpreadsheetError as error:
                    form.add_error("file", error.message)
                else:
                    upload.seek(0)
                    data = upload.read()
                    result = importer.run(table, by=request.user, dry_run=True)
                    token = self._import_store(request, data) if result.ok else ""
                    return self._preview(request, context, table, result, token, upload.name)
        return TemplateResponse(request, "admin/imports/upload.html", {**context, "form": form})

    def _import_store(self, request, data: bytes) -> str:
        _import_files_sweep()
        name = default_storage.save(f"{IMPORT_FOLDER}/{secrets.token_hex(16)}.upload", ContentFile(data))
        return signing.dumps(
            {"name": name, "user": request.user.pk, "model": self.opts.label_lower,
             "sha256": hashlib.sha256(data).hexdigest()},
            salt=TOKEN_SALT,
        )

    def _import_confirm(self, request, importer, context):
        try:
            claim = signing.loads(request.POST["token"], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature:  # includes an expired token
            claim = None
        if (not claim or claim.get("user") != request.user.pk or claim.get("model") != self.opts.label_lower
                or not str(claim.get("name", "")).startswith(f"{IMPORT_FOLDER}/")
                or not default_storage.exists(claim["name"])):
            self.message_user(request, _("This preview has expired or was already imported. Upload the file again."),
                              messages.ERROR)
            return HttpResponseRedirect(request.path)
        with default_storage.open(claim["name"], "rb") as stored:
            data = stored.read()
        if hashlib.sha256(data).hexdigest() != claim.get("sha256"):
            raise PermissionDenied
        upload = ContentFile(data, name="import")
        try:
            table = importer.table_read(upload)
        except SpreadsheetError as error:  # the file was checked at preview; kept for safety
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(request.path)
        result = importer.run(table, by=request.user, dry_run=False)
        if not result.ok:  # the data changed since the preview: nothing was imported
            return self._preview(request, context, table, result, "", request.POST.get("filename", ""))
        default_storage.delete(claim["name"])
        from .audit import audit_record

        audit_record(by=request.user, action=f"{self.opts.model_name}.import", target=None,
                     after={"created": result.created, "updated": result.updated,
                            "file": request.POST.get("filename", "")[:200]})
        self.message_user(request, _("Imported: %(created)d created, %(updated)d updated.") % {
            "created": result.created, "updated": result.updated}, messages.SUCCESS)
        return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))

    def _preview(self, request, context, table, result, token, filename):
        shown = result.outcomes[:PREVIEW_ROWS]
        return TemplateResponse(request, "admin/imports/preview.html", {
            **context,
            "title": _("Check the import of %(name)s") % {"name": self.opts.verbose_name_plural},
            "table_columns": table.columns,
            "rows": [(outcome, [outcome.values.get(name, "") for name in table.columns]) for outcome in shown],
            "more_rows": len(result.outcomes) - len(shown),
            "errors": result.errors[:PREVIEW_ERRORS],
            "more_errors": max(0, len(result.errors) - PREVIEW_ERRORS),
            "result": result,
            "unchanged": len(result.outcomes) - result.created - result.updated,
            "token": token,
            "filename": filename,
        })


def _import_files_sweep() -> None:
    """Delete previews nobody confirmed (older than a token lives): the folder stays small."""
    try:
        _folders, names = default_storage.listdir(IMPORT_FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return
    cutoff = timezone.now() - TOKEN_MAX_AGE - timedelta(minutes=5)
    for name in names:
        full = f"{IMPORT_FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(full) < cutoff:
                default_storage.delete(full)
        except (OSError, NotImplementedError):
            continue
