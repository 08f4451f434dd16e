"""Products from a programme office's spreadsheet, through the catalog services.

A row with a known ``slug`` updates that product (blank cells leave a value as it is); any other
row creates a draft for its cooperative, on its behalf. A row may also carry the product's
certificate (programme, level, scores…), recorded with ``catalog.grading.grade_record``, and
``submit`` = yes sends the product to the officers' queue.
"""
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ovop_market.spreadsheets import Cells, Column, Importer, RowOutcome, Sheet
from sellers.models import Cooperative

from . import services
from .models import Category, Grade, GradeLevel, Product, Programme, Region

TEXT_FIELDS = ("name", "summary", "story_makers", "story_materials", "story_process", "story_place", "story_use",
               "story_care", "video_url", "season_note")
DECIMAL_FIELDS = ("price", "length_cm", "width_cm", "height_cm")
INTEGER_FIELDS = ("stock", "lead_time_days", "weight_grams")
BOOLEAN_FIELDS = ("made_to_order", "fragile")
GRADE_COLUMNS = ("programme", "grade_level", "scores", "issuing_level", "certificate_number", "issued_on",
                 "expires_on")


def tree_key(value: str) -> str:
    return value.strip().strip("/").lower()


def tree_lookup(model, keys) -> dict:
    """Categories or regions by slug or by path ("vn/ha-noi/gia-lam"), in one query."""
    keys = {tree_key(key) for key in keys if key.strip()}
    if not keys:
        return {}
    found = {}
    for node in model.objects.filter(Q(slug__in=keys) | Q(path__in=[f"{key}/" for key in keys])):
        found[node.slug] = node
        found[node.path.strip("/")] = node
    return found


class ProductImporter(Importer):
    filename = "products"
    export_only_columns = ("status",)
    columns = (
        Column("slug", gettext_lazy("The product's web address. Known: the product is updated; empty or new: "
                                    "a product is created."), example="gom-bat-trang-lotus-bowl"),
        Column("cooperative", gettext_lazy("The producer, by its slug."), required=True,
               example="bat-trang-ceramics"),
        Column("category", gettext_lazy("By slug or path, e.g. ceramics or crafts/ceramics."), required=True,
               example="ceramics"),
        Column("origin", gettext_lazy("Village or district by slug or path; the cooperative's village if empty."),
               example="vn/ha-noi/gia-lam/bat-trang"),
        Column("name", gettext_lazy("Product name."), required=True, example="Gốm Bát Tràng lotus bowl"),
        Column("summary", gettext_lazy("One sentence for the product card."), example="Hand-thrown, celadon glaze"),
        Column("story_makers", gettext_lazy("Who makes it."), example=""),
        Column("story_materials", gettext_lazy("Materials."), example="Local white clay"),
        Column("story_process", gettext_lazy("How it is made."), example=""),
        Column("story_place", gettext_lazy("The village."), example=""),
        Column("story_use", gettext_lazy("Use."), example=""),
        Column("story_care", gettext_lazy("Care."), example=""),
        Column("video_url", gettext_lazy("Video link."), example=""),
        Column("price", gettext_lazy("Price, a number with a dot for decimals."), required=True, example="250000"),
        Column("stock", gettext_lazy("Units in stock (whole number)."), example="12"),
        Column("made_to_order", gettext_lazy("yes or no."), example="no"),
        Column("lead_time_days", gettext_lazy("Days to make one, when made to order."), example=""),
        Column("season_note", gettext_lazy("Seasonal availability."), example=""),
        Column("weight_grams", gettext_lazy("Weight in grams, packed."), example="450"),
        Column("length_cm", gettext_lazy("Length (cm)."), example="18"),
        Column("width_cm", gettext_lazy("Width (cm)."), example="18"),
        Column("height_cm", gettext_lazy("Height (cm)."), example="7.5"),
        Column("fragile", gettext_lazy("yes or no."), example="yes"),
        Column("submit", gettext_lazy("yes: send the product to the review queue."), example="no"),
        Column("programme", gettext_lazy("Certificate: the programme's short name (OCOP, OTOP…)."), example="OCOP"),
        Column("grade_level", gettext_lazy("Certificate: the level's code (empty when the scores decide it)."),
               example=""),
        Column("scores", gettext_lazy("Certificate: rubric scores, e.g. community=30; marketing=20; quality=28."),
               example="community=30; marketing=20; quality=28"),
        Column("issuing_level", gettext_lazy("Certificate: national, province, district or other."),
               example="province"),
        Column("certificate_number", gettext_lazy("Certificate number."), example="OCOP-HN-2024-0142"),
        Column("issued_on", gettext_lazy("Certificate: issue date, 2024-05-31."), example="2024-05-31"),
        Column("expires_on", gettext_lazy("Certificate: expiry date (the programme's validity if empty)."),
               example=""),
    )

    scope_models = {"products": Product, "cooperatives": Cooperative}

    def __init__(self, *, products=None, cooperatives=None):
        # The officer's reach: the admin passes its (scoped) querysets.
        self.product_scope = products if products is not None else Product.objects.all()
        self.cooperative_scope = cooperatives if cooperatives is not None else Cooperative.objects.all()

    def prepare(self, rows):
        def values(name):
            return {record.get(name, "") for _number, record in rows} - {""}

        slugs = {slug.lower() for slug in values("slug")}
        self.products = {p.slug: p for p in self.product_scope.filter(slug__in=slugs).select_related("cooperative")}
        self.taken_slugs = set(Product.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        self.cooperatives = {
            c.slug: c for c in self.cooperative_scope.filter(slug__in={s.lower() for s in values("cooperative")})
            .select_related("village")
        }
        self.categories = tree_lookup(Category, values("category"))
        self.regions = tree_lookup(Region, values("origin"))
        self.programmes = {}
        for programme in Programme.objects.all():  # a few dozen schemes
            self.programmes.setdefault(programme.code.lower(), programme)
            self.programmes[programme.slug.lower()] = programme
        self.levels = {(level.programme_id, level.code.lower()): level for level in GradeLevel.objects.filter(
            programme__in=set(self.programmes.values()))}

    def import_row(self, cells: Cells, *, by) -> RowOutcome:
        slug = cells.text("slug").lower()
        product = self.products.get(slug) if slug else None
        if slug and product is None and slug in self.taken_slugs:
            cells.error("slug", _("Product “%(slug)s” is not one you can change.") % {"slug": slug})
            cells.check()  # nothing else to say about a row that names someone else's
        if slug and slugify(slug) != slug:
            cells.error("slug", _("A slug has only lower-case letters, digits and hyphens."))
        if product is None:
            cells.require("cooperative", "category", "name", "price")
        fields = self._fields(cells, product)
        cooperative = self._cooperative(cells, product)
        cells.check()
        if product is None:
            if slug:
                fields["slug"] = slug
            product = services.product_create(cooperative=cooperative, by=by, **fields)
            action = "create"
        else:
            if "origin" in fields and fields.pop("origin") != product.origin:
                cells.error("origin", _("The origin of an existing product is changed on its page, not by import."))
                cells.check()
            changed = {name: value for name, value in fields.items()
                       if _current(product, name) != getattr(value, "pk", value)}
            if changed:
                product = services.product_update(product=product, by=by, **changed)
            action = "update" if changed else "unchanged"
        if self._grade(cells, product, by=by):
            action = "update" if action == "unchanged" else action
        if cells.has("submit") and cells.boolean("submit") and product.status in (
                Product.Status.DRAFT, Product.Status.CHANGES_REQUESTED):
            services.product_submit(product=product, by=by)
            action = "update" if action == "unchanged" else action
        cells.check()
        return RowOutcome(row=cells.number, action=action, key=product.slug, values=cells.record)

    def _fields(self, cells: Cells, product) -> dict:
        fields = {}
        for name in TEXT_FIELDS:
            if cells.has(name):
                fields[name] = cells.text(name)
        for name, parse in ((DECIMAL_FIELDS, cells.decimal), (INTEGER_FIELDS, cells.integer),
                            (BOOLEAN_FIELDS, cells.boolean)):
            for field in name:
                if cells.has(field):
                    value = parse(field)
                    if value is not None:
                        fields[field] = value
        if cells.has("category"):
            category = self.categories.get(tree_key(cells.text("category")))
            if category is None:
                cells.error("category", _("No category “%(value)s”.") % {"value": cells.text("category")})
            else:
                fields["category"] = category
        if cells.has("origin"):
            origin = self.regions.get(tree_key(cells.text("origin")))
            if origin is None:
                cells.error("origin", _("No region “%(value)s”.") % {"value": cells.text("origin")})
            else:
                fields["origin"] = origin
        return fields

    def _cooperative(self, cells: Cells, product):
        if not cells.has("cooperative"):
            return product.cooperative if product else None
        cooperative = self.cooperatives.get(cells.text("cooperative").lower())
        if cooperative is None:
            cells.error("cooperative", _("No cooperative “%(value)s” that you can manage.") % {
                "value": cells.text("cooperative")})
        elif product is not None and cooperative.pk != product.cooperative_id:
            cells.error("cooperative", _("A product cannot move to another cooperative."))
        elif product is None and cooperative.village_id is None and not cells.has("origin"):
            cells.error("origin", _("The cooperative has no village yet: give the product's origin."))
        return cooperative

    def _grade(self, cells: Cells, product, *, by) -> bool:
        """Record the row's certificate unless the product already has it. True if one was recorded."""
        if not any(cells.has(name) for name in GRADE_COLUMNS):
            return False
        cells.require("programme", "issuing_level", "issued_on")
        programme = self.programmes.get(cells.text("programme").lower()) if cells.has("programme") else None
        if cells.has("programme") and programme is None:
            cells.error("programme", _("No programme “%(value)s”.") % {"value": cells.text("programme")})
        level = None
        if programme is not None and cells.has("grade_level"):
            level = self.levels.get((programme.pk, cells.text("grade_level").lower()))
            if level is None:
                cells.error("grade_level", _("%(programme)s has no level “%(value)s”.") % {
                    "programme": programme.code, "value": cells.text("grade_level")})
        scores = self._scores(cells)
        issuing_level = (cells.choice("issuing_level", Grade.IssuingLevel.choices)
                         if cells.has("issuing_level") else None)
        issued_on = cells.date("issued_on") if cells.has("issued_on") else None
        expires_on = cells.date("expires_on") if cells.has("expires_on") else None
        cells.check()
        number = cells.text("certificate_number")
        existing = product.grades.filter(programme=programme)
        if existing.filter(certificate_number=number, issued_on=issued_on).exists():
            return False  # already recorded: importing the same sheet twice changes nothing
        from .grading import grade_record

        try:
            grade_record(product=product, programme=programme, level=level, scores=scores,
                         issuing_level=issuing_level, certificate_number=number, issued_on=issued_on,
                         expires_on=expires_on, by=by)
        except ValidationError as error:
            # Rubric criteria are reported on the scores column.
            if hasattr(error, "error_dict"):
                for name, messages in error.message_dict.items():
                    cells.error(name if name in GRADE_COLUMNS else ("grade_level" if name == "level" else "scores"),
                                " ".join(messages))
            else:
                for message in error.messages:
                    cells.error("programme", message)
        return True

    def _scores(self, cells: Cells) -> dict | None:
        if not cells.has("scores"):
            return None
        scores = {}
        for part in cells.text("scores").replace(",", ";").split(";"):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            if not sep:
                key, sep, value = part.partition(":")
            if not sep or not key.strip() or not value.strip():
                cells.error("scores", _("Write the scores as criterion=points; e.g. community=30; quality=28."))
                return None
            scores[key.strip().lower()] = value.strip()
        return scores


def _current(product: Product, name: str):
    return product.category_id if name == "category" else getattr(product, name)


def product_export_rows(queryset):
    """The changelist's products as rows of the import sheet (so an export can be edited and imported
    back), read in chunks; each product's best active certificate fills the certificate columns."""
    from .selectors import grades_active

    queryset = queryset.select_related("cooperative", "category", "origin")
    for chunk in _chunks(queryset.iterator(chunk_size=2000), 2000):
        grades = {}
        for grade in grades_active().filter(product__in=[p.pk for p in chunk]).select_related(
                "programme", "level").order_by("product_id", "-level__rank", "-issued_on"):
            grades.setdefault(grade.product_id, grade)
        for product in chunk:
            grade = grades.get(product.pk)
            yield [
                product.slug, product.cooperative.slug, product.category.path.strip("/"),
                product.origin.path.strip("/"), product.name, product.summary, product.story_makers,
                product.story_materials, product.story_process, product.story_place, product.story_use,
                product.story_care, product.video_url, product.price, product.stock, product.made_to_order,
                product.lead_time_days, product.season_note, product.weight_grams, product.length_cm,
                product.width_cm, product.height_cm, product.fragile, "",
                grade.programme.code if grade else "", grade.level.code if grade else "",
                "; ".join(f"{key}={value}" for key, value in grade.scores.items()) if grade and grade.scores else "",
                grade.issuing_level if grade else "", grade.certificate_number if grade else "",
                grade.issued_on if grade else "", grade.expires_on if grade else "", product.status,
            ]


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def product_export_header():
    return [*ProductImporter.column_names(), *ProductImporter.export_only_columns]



GRADE_HEADER = ["product", "product_name", "cooperative", "programme", "grade_level", "level_name", "scores",
                "total_score", "issuing_level", "certificate_number", "issued_on", "expires_on", "active"]


def grade_export_rows(queryset):
    today = timezone.localdate()
    queryset = queryset.select_related("product__cooperative", "programme", "level")
    for grade in queryset.iterator(chunk_size=2000):
        yield [
            grade.product.slug, grade.product.name, grade.product.cooperative.slug, grade.programme.code,
            grade.level.code, grade.level.name,
            "; ".join(f"{key}={value}" for key, value in (grade.scores or {}).items()), grade.total_score,
            grade.issuing_level, grade.certificate_number, grade.issued_on, grade.expires_on,
            grade.expires_on is None or grade.expires_on >= today,
        ]


PRODUCT_SHEET = Sheet(name="products", header=product_export_header, rows=product_export_rows,
                      importer=ProductImporter)
GRADE_SHEET = Sheet(name="grades", header=lambda: GRADE_HEADER, rows=grade_export_rows)
