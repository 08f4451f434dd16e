"""Factories for the suite. Products default to public: approved, of a verified cooperative."""
import io
import itertools

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from catalog.models import Category, Grade, GradeLevel, Product, ProductImage, Programme, Region
from catalog.renditions import photo_render
from catalog.search import product_search_refresh
from ovop_market.models import User
from sellers.models import Cooperative

_colours = itertools.cycle([(176, 96, 64), (64, 120, 96), (200, 170, 90), (90, 90, 150)])


def jpeg_file(name: str = "photo.jpg", size=(64, 48)) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, next(_colours)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name=name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Faker("name")
    password = factory.django.Password("correct horse battery")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Village {n}")
    slug = factory.Sequence(lambda n: f"village-{n}")
    kind = Region.Kind.VILLAGE


def region_chain(economy="Viet Nam", province="Ha Noi", district="Gia Lam", village="Bat Trang") -> Region:
    """An economy > province > district > village chain; returns the village."""
    parent = None
    for kind, name in zip(Region.Kind.values, [economy, province, district, village], strict=True):
        parent, _ = Region.objects.get_or_create(
            slug=_slug(name),
            defaults={"name": name, "kind": kind, "parent": parent},
        )
    return parent


def _slug(text: str) -> str:
    from django.utils.text import slugify

    from catalog.search import search_fold

    return slugify(search_fold(text))


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    code = factory.Sequence(lambda n: f"P{n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")


class GradeLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GradeLevel

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: str(n))
    name = factory.LazyAttribute(lambda o: f"{o.code} stars")
    slug = factory.Sequence(lambda n: f"level-{n}")
    rank = 4


class CooperativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperative

    name = factory.Sequence(lambda n: f"Cooperative {n}")
    slug = factory.Sequence(lambda n: f"cooperative-{n}")
    kind = Cooperative.Kind.COMMUNITY_GROUP
    village = factory.SubFactory(RegionFactory)
    story = "A group of families who have worked together for three generations."
    members_count = 12
    women_members_count = 9
    verification_status = Cooperative.Verification.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    cooperative = factory.SubFactory(CooperativeFactory)
    category = factory.SubFactory(CategoryFactory)
    origin = factory.LazyAttribute(lambda o: o.cooperative.village)
    name = factory.Sequence(lambda n: f"Hand-made product {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    summary = "Made by hand in the village."
    story_makers = "Women of the cooperative."
    story_materials = "Local clay."
    story_process = "Thrown on a wheel and fired in a wood kiln."
    price = factory.Sequence(lambda n: 10 + n % 50)
    stock = 5
    weight_grams = 500
    status = Product.Status.APPROVED
    approved_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def indexed(product, create, extracted, **kwargs):
        if create:
            product_search_refresh(product_ids=[product.pk])
            product.refresh_from_db()


class ProductImageFactory(factory.django.DjangoModelFactory):
    """A product photo as stored, renditions pending; ``rendered=True`` runs the real pipeline."""

    class Meta:
        model = ProductImage
        skip_postgeneration_save = True

    product = factory.SubFactory(ProductFactory)
    image = factory.LazyFunction(jpeg_file)
    width, height = 64, 48
    alt_text = "A glazed bowl on a wooden table"
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def rendered(photo, create, extracted, **kwargs):
        if create and extracted:
            photo_render(model="productimage", photo_id=photo.pk)
            photo.refresh_from_db()


class GradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grade

    product = factory.SubFactory(ProductFactory)
    level = factory.SubFactory(GradeLevelFactory)
    programme = factory.LazyAttribute(lambda o: o.level.programme)
    issuing_level = Grade.IssuingLevel.PROVINCE
    certificate_number = factory.Sequence(lambda n: f"CERT-{n:05d}")
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=100))
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=900))
