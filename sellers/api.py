"""The seller API at /api/seller/: the signed-in member's cooperatives and their products.

One view per operation; every change goes through ``catalog.services`` exactly as the seller
centre's pages do. Token (``Authorization: Token <key>``) or session authentication (with CSRF).
Another cooperative's product or photo is a 404, bad input a 400 naming the fields.
"""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog import services
from catalog.models import Category, Product, ProductImage, ProductRevision
from catalog.uploads import image_upload_check
from ovop_market.officers import officer_second_factor_verified
from sellers.models import Cooperative, Maker
from sellers.selectors import cooperatives_acted_for

ERRORS = OpenApiResponse(
    {"type": "object", "additionalProperties": {}},
    description="Bad input: each field with its messages, or a `detail`.",
)
NOT_FOUND = OpenApiResponse(
    {"type": "object", "properties": {"detail": {"type": "string"}}},
    description="No such object among your cooperatives'.",
)


class SellerApi:
    authentication_classes = (TokenAuthentication, SessionAuthentication)
    permission_classes = (IsAuthenticated,)
    renderer_classes = (JSONRenderer,)
    filter_backends = ()

    def products(self):
        return Product.objects.filter(cooperative__in=cooperatives_acted_for(user=self.request.user))

    def product(self) -> Product:
        product = self.products().select_related("cooperative").filter(pk=self.kwargs["pk"]).first()
        if product is None:
            owner = Product.objects.filter(pk=self.kwargs["pk"]).values_list("cooperative", flat=True).first()
            self.refuse_officer(owner)
            raise Http404
        return product

    def refuse_officer(self, cooperative_id) -> None:
        """403 with the reason for a staff user asking for a cooperative they are not a member of
        without the second factor, which a token sign-in cannot carry; others get the usual 404/400."""
        user = self.request.user
        if (str(cooperative_id or "").isdigit() and user.is_staff and not officer_second_factor_verified(user)
                and Cooperative.objects.filter(pk=cooperative_id).exists()
                and not user.memberships.filter(cooperative_id=cooperative_id).exists()):
            raise PermissionDenied(_(
                "Officers act for a cooperative they are not a member of only in the seller centre, after "
                "their second factor, which the API cannot check. Use the seller centre at /seller/."
            ))


# --- shapes --------------------------------------------------------------------------------------------

class CooperativeOutput(serializers.ModelSerializer):
    role = serializers.SerializerMethodField()

    class Meta:
        model = Cooperative
        fields = ("id", "name", "slug", "kind", "verification_status", "role")
        read_only_fields = fields

    def get_role(self, cooperative) -> str:
        roles = self.context.get("roles", {})
        return roles.get(cooperative.pk, "officer")


class ImageOutput(serializers.ModelSerializer):
    class Meta:
        model = ProductImage
        fields = ("id", "alt_text", "position", "published", "rendition_status", "width", "height")
        read_only_fields = fields


PRODUCT_FIELDS = (
    "name", "category", "summary", "story_makers", "story_materials", "story_process", "story_place",
    "story_use", "story_care", "video_url", "price", "stock", "made_to_order", "lead_time_days", "season_note",
    "weight_grams", "length_cm", "width_cm", "height_cm", "fragile", "makers",
)


class ProductOutput(serializers.ModelSerializer):
    images = ImageOutput(many=True, read_only=True)
    pending_revision = serializers.SerializerMethodField()
    officer_reason = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = ("id", "cooperative", "slug", "status", *PRODUCT_FIELDS, "images", "pending_revision",
                  "officer_reason", "updated_at")
        read_only_fields = fields

    def get_pending_revision(self, product) -> dict | None:
        pending = getattr(product, "pending_revisions", None)
        revision = pending[0] if pending else (
            None if pending is not None else services.product_revision_pending(product=product)
        )
        return revision.data if revision else None

    def get_officer_reason(self, product) -> str:
        if product.status != Product.Status.CHANGES_REQUESTED:
            return ""
        last = product.status_changes.filter(to_status=Product.Status.CHANGES_REQUESTED).first()
        return last.reason if last else ""


def products_for_output(queryset):
    """``queryset`` with what ``ProductOutput`` reads, so a page of products costs a fixed number of queries."""
    return queryset.prefetch_related(
        "images", "makers",
        Prefetch("revisions", queryset=ProductRevision.objects.filter(status=ProductRevision.Status.PENDING),
                 to_attr="pending_revisions"),
    )


class ProductInput(serializers.ModelSerializer):
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    makers = serializers.PrimaryKeyRelatedField(queryset=Maker.objects.all(), many=True, required=False)

    class Meta:
        model = Product
        fields = PRODUCT_FIELDS

    def validate(self, data):
        cooperative = self.context.get("cooperative")
        if cooperative and any(m.cooperative_id != cooperative.pk for m in data.get("makers", [])):
            raise serializers.ValidationError({"makers": ["Only makers of this cooperative can be credited."]})
        made_to_order = data.get("made_to_order", getattr(self.instance, "made_to_order", False))
        lead_time = data.get("lead_time_days", getattr(self.instance, "lead_time_days", None))
        if made_to_order and lead_time is None:
            raise serializers.ValidationError({"lead_time_days": ["Say how many days it takes to make one."]})
        return data


class ProductCreateInput(ProductInput):
    cooperative = serializers.PrimaryKeyRelatedField(queryset=Cooperative.objects.none())

    class Meta(ProductInput.Meta):
        fields = ("cooperative", *PRODUCT_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["cooperative"].queryset = cooperatives_acted_for(user=request.user)

    def validate(self, data):
        self.context["cooperative"] = data.get("cooperative")
        return super().validate(data)


class ImageInput(serializers.Serializer):
    image = serializers.FileField()
    alt_text = serializers.CharField(max_length=250, help_text="What the photo shows, for people who cannot see it.")

    def validate_image(self, file):
        try:
            file.image_facts = image_upload_check(file)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        return file


class OrderInput(serializers.Serializer):
    order = serializers.ListField(child=serializers.IntegerField(), allow_empty=False,
                                  help_text="Every photo id, cover first.")


def _service_errors(call):
    try:
        return call()
    except DjangoValidationError as error:
        raise serializers.ValidationError({"detail": error.messages}) from error


# --- views ---------------------------------------------------------------------------------------------

@extend_schema_view(get=extend_schema(summary="Your cooperatives",
                                      description="The cooperatives you belong to, with your role."))
class CooperativeListApi(SellerApi, generics.ListAPIView):
    serializer_class = CooperativeOutput

    def get_queryset(self):
        return cooperatives_acted_for(user=self.request.user)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["roles"] = dict(self.request.user.memberships.values_list("cooperative_id", "role"))
        return context


@extend_schema_view(
    get=extend_schema(
        summary="Your products",
        parameters=[OpenApiParameter("cooperative", int, description="Only this cooperative's products.")],
        responses={200: ProductOutput(many=True)},
    ),
    post=extend_schema(summary="Create a draft product", request=ProductCreateInput,
                       responses={201: ProductOutput, 400: ERRORS}),
)
class ProductListCreateApi(SellerApi, generics.ListCreateAPIView):
    def get_serializer_class(self):
        return ProductCreateInput if self.request.method == "POST" else ProductOutput

    def get_queryset(self):
        queryset = products_for_output(self.products()).order_by("-updated_at", "-pk")
        cooperative = self.request.query_params.get("cooperative", "")
        self.refuse_officer(cooperative)
        return queryset.filter(cooperative_id=cooperative) if cooperative.isdigit() else queryset

    def create(self, request, *args, **kwargs):
        self.refuse_officer(request.data.get("cooperative"))
        serializer = ProductCreateInput(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        cooperative = data.pop("cooperative")
        product = _service_errors(lambda: services.product_create(cooperative=cooperative, by=request.user, **data))
        return Response(ProductOutput(product).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(summary="Read one of your products", responses={200: ProductOutput, 404: NOT_FOUND}),
    patch=extend_schema(
        summary="Change one of your products",
        description="Price, stock and shipping facts change at once. On an approved product, changes to the name, "
                    "category, story, video or makers wait for an officer's review (`pending_revision`).",
        request=ProductInput(partial=True), responses={200: ProductOutput, 400: ERRORS, 404: NOT_FOUND},
    ),
    delete=extend_schema(
        summary="Archive one of your products",
        description="Takes it off sale; it is kept (orders and history refer to it) and can come back as a draft.",
        responses={204: None, 400: ERRORS, 404: NOT_FOUND},
    ),
)
class ProductDetailApi(SellerApi, generics.GenericAPIView):
    serializer_class = ProductOutput

    def get(self, request, pk):
        return Response(ProductOutput(self.product()).data)

    def patch(self, request, pk):
        product = self.product()
        serializer = ProductInput(product, data=request.data, partial=True,
                                  context={"request": request, "cooperative": product.cooperative})
        serializer.is_valid(raise_exception=True)
        product = _service_errors(
            lambda: services.product_update(product=product, by=request.user, **serializer.validated_data)
        )
        return Response(ProductOutput(product).data)

    def delete(self, request, pk):
        product = self.product()
        _service_errors(lambda: services.product_archive(product=product, by=request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(post=extend_schema(summary="Submit a product for review", request=None,
                                       responses={200: ProductOutput, 400: ERRORS, 404: NOT_FOUND}))
class ProductSubmitApi(SellerApi, APIView):
    def post(self, request, pk):
        product = self.product()
        _service_errors(lambda: services.product_submit(product=product, by=request.user))
        return Response(ProductOutput(product).data)


@extend_schema_view(post=extend_schema(
    summary="Add a photo",
    description="Multipart upload, checked by its content. On an approved product the photo waits for review.",
    request={"multipart/form-data": ImageInput}, responses={201: ImageOutput, 400: ERRORS, 404: NOT_FOUND},
))
class ProductImageCreateApi(SellerApi, APIView):
    parser_classes = (MultiPartParser, FormParser)

    def post(self, request, pk):
        product = self.product()
        serializer = ImageInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        image = _service_errors(lambda: services.product_photo_add(
            product=product, file=serializer.validated_data["image"],
            alt_text=serializer.validated_data["alt_text"], by=request.user,
        ))
        return Response(ImageOutput(image).data, status=status.HTTP_201_CREATED)


@extend_schema_view(delete=extend_schema(
    summary="Remove a photo", description="On an approved product the removal waits for review.",
    responses={204: None, 404: NOT_FOUND},
))
class ProductImageDeleteApi(SellerApi, APIView):
    def delete(self, request, pk, image_pk):
        image = get_object_or_404(ProductImage, pk=image_pk, product=self.product())
        _service_errors(lambda: services.product_image_remove(image=image, by=request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(post=extend_schema(
    summary="Reorder photos", description="The first photo is the cover.",
    request=OrderInput, responses={200: ImageOutput(many=True), 400: ERRORS, 404: NOT_FOUND},
))
class ProductImagesOrderApi(SellerApi, APIView):
    parser_classes = (JSONParser, FormParser)

    def post(self, request, pk):
        product = self.product()
        serializer = OrderInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        _service_errors(lambda: services.product_images_reorder(
            product=product, order=serializer.validated_data["order"], by=request.user,
        ))
        return Response(ImageOutput(product.images.order_by("position", "pk"), many=True).data)
