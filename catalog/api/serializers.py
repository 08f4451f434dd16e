"""Output shapes of the public catalog API.

Serializers only read what the selectors already fetched: a product's photos and its active
grades come prefetched (``product_cards``), so rendering a page of products adds no query.
URLs are absolute, so a partner can use them as they are.
"""
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sellers.models import Cooperative

from ..filters import ProductFilter
from ..models import Category, Grade, GradeLevel, Product, Programme, Region
from ..renditions import photo_largest_jpeg

AVAILABILITY_CHOICES = [
    (ProductFilter.Availability.IN_STOCK, _("In stock")),
    (ProductFilter.Availability.MADE_TO_ORDER, _("Made to order")),
    ("sold_out", _("Sold out")),
]


class _ReadOnlyFields:
    """Every field is output: the schema then marks each one as always present."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.read_only, field.required = True, False
        return fields


class OutputSerializer(_ReadOnlyFields, serializers.Serializer):
    pass


class ModelOutputSerializer(_ReadOnlyFields, serializers.ModelSerializer):
    pass


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute address of the object's storefront page."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return self.context["request"].build_absolute_uri(instance.get_absolute_url())


def api_url_field(view_name: str) -> serializers.HyperlinkedIdentityField:
    """The absolute address of the object in this API, looked up by slug."""
    return serializers.HyperlinkedIdentityField(view_name=f"catalog_api:{view_name}", lookup_field="slug")


class RenditionSerializer(OutputSerializer):
    url = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=[("width", "width"), ("card", "card")],
                                   help_text=_("A width of the whole photo, or the square card crop."))
    format = serializers.ChoiceField(choices=[("webp", "webp"), ("jpeg", "jpeg")])
    width = serializers.IntegerField()
    height = serializers.IntegerField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, rendition) -> str:
        return self.context["request"].build_absolute_uri(default_storage.url(rendition["name"]))


class ImageSerializer(OutputSerializer):
    """A photo: product and village photos have the same shape. Only its renditions are published
    (resized, upright, without location metadata); they are empty while they are being made."""

    url = serializers.SerializerMethodField(help_text=_("The largest JPEG rendition; null while it is being made."))
    alt = serializers.CharField(source="alt_text", help_text=_("Text alternative for screen readers."))
    width = serializers.IntegerField(allow_null=True, help_text=_("The original's width, upright."))
    height = serializers.IntegerField(allow_null=True, help_text=_("The original's height, upright."))
    placeholder_colour = serializers.CharField(help_text=_("The photo's average colour, to show while it loads."))
    renditions = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, image) -> str | None:
        largest = photo_largest_jpeg(image)
        return self.context["request"].build_absolute_uri(largest["url"]) if largest else None

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, image) -> list:
        if image.rendition_status != image.RenditionStatus.READY:
            return []
        return RenditionSerializer(image.renditions, many=True, context=self.context).data


@extend_schema_field(ImageSerializer(allow_null=True))
class CoverImageField(serializers.Field):
    """The first of the product's prefetched photos, or null."""

    def __init__(self, **kwargs):
        super().__init__(source="images", read_only=True, **kwargs)

    def to_representation(self, images):
        cover = next(iter(images.all()), None)
        return ImageSerializer(cover, context=self.context).data if cover else None


class CategoryReferenceSerializer(ModelOutputSerializer):
    class Meta:
        model = Category
        fields = ("slug", "name")


class RegionReferenceSerializer(ModelOutputSerializer):
    class Meta:
        model = Region
        fields = ("slug", "name", "kind")


class ProducerReferenceSerializer(ModelOutputSerializer):
    class Meta:
        model = Cooperative
        fields = ("slug", "name")


class ProgrammeReferenceSerializer(ModelOutputSerializer):
    class Meta:
        model = Programme
        fields = ("slug", "code", "name")


class GradeLevelReferenceSerializer(ModelOutputSerializer):
    class Meta:
        model = GradeLevel
        fields = ("slug", "code", "name", "rank")


class GradeSerializer(ModelOutputSerializer):
    """An unexpired certificate: the programme, the level reached, and until when it holds."""

    programme = ProgrammeReferenceSerializer()
    level = GradeLevelReferenceSerializer()

    class Meta:
        model = Grade
        fields = ("programme", "level", "issuing_level", "expires_on")


class AvailabilitySerializer(ModelOutputSerializer):
    status = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = ("status", "stock", "lead_time_days")

    @extend_schema_field(serializers.ChoiceField(choices=AVAILABILITY_CHOICES))
    def get_status(self, product) -> str:
        # Made to order wins over stock, as in the listing's "availability" filter.
        if product.made_to_order:
            return ProductFilter.Availability.MADE_TO_ORDER
        return ProductFilter.Availability.IN_STOCK if product.stock > 0 else "sold_out"


class ProductCardSerializer(ModelOutputSerializer):
    """What a listing shows of a product."""

    url = PageUrlField()
    api_url = api_url_field("product_detail")
    currency = serializers.SerializerMethodField()
    availability = AvailabilitySerializer(source="*")
    category = CategoryReferenceSerializer()
    origin = RegionReferenceSerializer()
    producer = ProducerReferenceSerializer(source="cooperative")
    cover_image = CoverImageField()
    grades = GradeSerializer(source="active_grades", many=True, help_text=_("Unexpired grades, best first."))

    class Meta:
        model = Product
        fields = (
            "slug", "name", "summary", "url", "api_url", "price", "currency", "availability",
            "category", "origin", "producer", "cover_image", "grades",
        )

    def get_currency(self, product) -> str:
        return settings.MARKETPLACE_CURRENCY


class ProductReferenceSerializer(ModelOutputSerializer):
    url = PageUrlField()
    api_url = api_url_field("product_detail")
    cover_image = CoverImageField()

    class Meta:
        model = Product
        fields = ("slug", "name", "url", "api_url", "cover_image")


class ProductStorySerializer(ModelOutputSerializer):
    """The "behind story"; a section the producer has not written is an empty string."""

    makers = serializers.CharField(source="story_makers")
    materials = serializers.CharField(source="story_materials")
    process = serializers.CharField(source="story_process")
    place = serializers.CharField(source="story_place")
    use = serializers.CharField(source="story_use")
    care = serializers.CharField(source="story_care")

    class Meta:
        model = Product
        fields = ("makers", "materials", "process", "place", "use", "care")


class ProductDimensionsSerializer(ModelOutputSerializer):
    class Meta:
        model = Product
        fields = ("length_cm", "width_cm", "height_cm")


class ProductDetailSerializer(ProductCardSerializer):
    """Everything the product page shows."""

    story = ProductStorySerializer(source="*")
    images = ImageSerializer(many=True)
    dimensions = ProductDimensionsSerializer(source="*")
    video_url = serializers.SerializerMethodField()
    related = ProductReferenceSerializer(
        source="related_products", many=True,
        help_text=_("Other products from the same producer or the same village."),
    )

    class Meta(ProductCardSerializer.Meta):
        fields = ProductCardSerializer.Meta.fields + (
            "story", "images", "weight_grams", "dimensions", "fragile", "season_note", "video_url", "related",
        )

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_video_url(self, product) -> str | None:
        return product.video_url or None


class CategorySerializer(ModelOutputSerializer):
    url = PageUrlField(help_text=_("The storefront listing of this category."))
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Category
        fields = ("slug", "name", "parent", "depth", "description", "url")


class RegionSerializer(ModelOutputSerializer):
    url = PageUrlField()
    api_url = api_url_field("region_detail")
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Region
        fields = ("slug", "name", "kind", "parent", "depth", "country_code", "url", "api_url")


class RegionDetailSerializer(RegionSerializer):
    ancestors = RegionReferenceSerializer(many=True, help_text=_("From the economy down to the parent."))
    images = ImageSerializer(many=True)

    class Meta(RegionSerializer.Meta):
        fields = RegionSerializer.Meta.fields + ("ancestors", "story", "latitude", "longitude", "images")


class GradeLevelSerializer(ModelOutputSerializer):
    class Meta:
        model = GradeLevel
        fields = ("slug", "code", "name", "rank", "min_score", "description")


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "key": {"type": "string"},
                "label": {"type": "string"},
                "max": {"type": "integer"},
            },
        },
    }
)
class RubricField(serializers.JSONField):
    """The programme's scoring criteria with their maximum points, as officers entered them."""


class ProgrammeSerializer(ModelOutputSerializer):
    api_url = api_url_field("programme_detail")
    economy = RegionReferenceSerializer(allow_null=True)
    rubric = RubricField()
    levels = GradeLevelSerializer(many=True, help_text=_("The grade scale, best first."))

    class Meta:
        model = Programme
        fields = (
            "slug", "code", "name", "api_url", "economy", "description", "website", "validity_months",
            "rubric", "levels",
        )


class ProducerSerializer(ModelOutputSerializer):
    url = PageUrlField()
    api_url = api_url_field("producer_detail")
    village = RegionReferenceSerializer()
    women_led = serializers.BooleanField(help_text=_("More than half of the members are women."))

    class Meta:
        model = Cooperative
        fields = (
            "slug", "name", "kind", "url", "api_url", "village", "members_count", "women_members_count",
            "women_led", "founded_year", "story",
        )
