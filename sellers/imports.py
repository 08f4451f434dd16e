"""Cooperatives from a programme office's register (spreadsheet), through the sellers services.

A row with a known ``slug`` corrects that cooperative (blank cells leave a value as it is); any
other row enters a cooperative the programme has already certified: created verified
(``sellers.services.cooperative_register_create``), every step recorded as the officer's.
"""
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.imports import tree_key, tree_lookup
from catalog.models import Region
from catalog.search import search_fold
from ovop_market.spreadsheets import Cells, Column, Importer, RowOutcome, Sheet

from . import services
from .models import Cooperative

TEXT_FIELDS = ("name", "story", "contact_email", "contact_phone", "programme_registrations")
INTEGER_FIELDS = ("founded_year", "members_count", "women_members_count")


class CooperativeImporter(Importer):
    filename = "cooperatives"
    export_only_columns = ("verification_status", "women_led")
    columns = (
        Column("slug", gettext_lazy("The cooperative's web address. Known: it is updated; empty or new: it is "
                                    "created, verified."), example="bat-trang-ceramics"),
        Column("name", gettext_lazy("Name."), required=True, example="Hợp tác xã Gốm Bát Tràng"),
        Column("kind", gettext_lazy("community_group, individual or community_sme."), required=True,
               example="community_group"),
        Column("village", gettext_lazy("By slug or path, e.g. vn/ha-noi/gia-lam/bat-trang."), required=True,
               example="vn/ha-noi/gia-lam/bat-trang"),
        Column("founded_year", gettext_lazy("Year founded."), example="1998"),
        Column("members_count", gettext_lazy("Members."), example="24"),
        Column("women_members_count", gettext_lazy("Women members."), example="15"),
        Column("story", gettext_lazy("Story."), example=""),
        Column("contact_email", gettext_lazy("Decisions are e-mailed here."), example="htx@example.vn"),
        Column("contact_phone", gettext_lazy("Phone."), example="+84 24 3874 0000"),
        Column("programme_registrations", gettext_lazy("Programme registrations, separated by ;"),
               example="OCOP 2023-HN-0142"),
    )

    scope_models = {"cooperatives": Cooperative}

    def __init__(self, *, cooperatives=None):
        self.cooperative_scope = cooperatives if cooperatives is not None else Cooperative.objects.all()

    def prepare(self, rows):
        slugs = {record.get("slug", "").lower() for _number, record in rows} - {""}
        self.cooperatives = {
            c.slug: c for c in self.cooperative_scope.filter(slug__in=slugs).select_related("village")
        }
        self.taken_slugs = set(Cooperative.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        self.regions = tree_lookup(Region, {record.get("village", "") for _number, record in rows})

    def import_row(self, cells: Cells, *, by) -> RowOutcome:
        slug = cells.text("slug").lower()
        cooperative = self.cooperatives.get(slug) if slug else None
        if slug and cooperative is None and slug in self.taken_slugs:
            cells.error("slug", _("Cooperative “%(slug)s” is not one you can change.") % {"slug": slug})
            cells.check()  # nothing else to say about a row that names someone else's
        if slug and slugify(slug) != slug:
            cells.error("slug", _("A slug has only lower-case letters, digits and hyphens."))
        if cooperative is None:
            cells.require("name", "kind", "village")
        fields = {name: cells.text(name) for name in TEXT_FIELDS if cells.has(name)}
        if "programme_registrations" in fields:
            fields["programme_registrations"] = "\n".join(
                part.strip() for part in fields["programme_registrations"].split(";") if part.strip())
        for name in INTEGER_FIELDS:
            if cells.has(name):
                value = cells.integer(name)
                if value is not None:
                    fields[name] = value
        if cells.has("kind"):
            kind = cells.choice("kind", Cooperative.Kind.choices)
            if kind:
                fields["kind"] = kind
        if cells.has("village"):
            village = self.regions.get(tree_key(cells.text("village")))
            if village is None:
                cells.error("village", _("No region “%(value)s”.") % {"value": cells.text("village")})
            else:
                fields["village"] = village
        members = fields.get("members_count", cooperative.members_count if cooperative else 1)
        if fields.get("women_members_count", cooperative.women_members_count if cooperative else 0) > members:
            cells.error("women_members_count", _("There cannot be more women members than members."))
        cells.check()
        if cooperative is None:
            reason = _("Entered from the programme's register by %(officer)s.") % {"officer": by.email}
            cooperative = services.cooperative_register_create(
                by=by, slug=slug or _slug_for(fields["name"]), fields=fields, reason=reason)
            action = "create"
        else:
            changed = {name: value for name, value in fields.items() if _current(cooperative, name) != value}
            if changed:
                services.cooperative_register_update(cooperative=cooperative, by=by, fields=changed)
            action = "update" if changed else "unchanged"
        return RowOutcome(row=cells.number, action=action, key=cooperative.slug, values=cells.record)


def _current(cooperative: Cooperative, name: str):
    return cooperative.village if name == "village" else getattr(cooperative, name)


def _slug_for(name: str) -> str:
    """A readable, unique slug with Vietnamese accents folded ("Gốm" → "gom", "Đ" → "d")."""
    base = slugify(search_fold(name))[:200].strip("-") or "cooperative"
    slug, n = base, 1
    while Cooperative.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def cooperative_export_header():
    return [*CooperativeImporter.column_names(), *CooperativeImporter.export_only_columns]


def cooperative_export_rows(queryset):
    for cooperative in queryset.select_related("village").iterator(chunk_size=2000):
        yield [
            cooperative.slug, cooperative.name, cooperative.kind,
            cooperative.village.path.strip("/") if cooperative.village_id else "",
            cooperative.founded_year, cooperative.members_count, cooperative.women_members_count, cooperative.story,
            cooperative.contact_email, cooperative.contact_phone,
            "; ".join(line.strip() for line in cooperative.programme_registrations.splitlines() if line.strip()),
            cooperative.verification_status, cooperative.women_led,
        ]


COOPERATIVE_SHEET = Sheet(name="cooperatives", header=cooperative_export_header, rows=cooperative_export_rows,
                          importer=CooperativeImporter)
