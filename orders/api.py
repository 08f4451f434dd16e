"""The orders API: a signed-in buyer's cart, checkout and orders (/api/cart/, /api/checkout/,
/api/orders/), and a seller's shipments with their fulfilment steps (/api/seller/shipments/).

One view per operation with its input and output shapes; every change goes through
``orders.services`` exactly as the pages do. Token (``Authorization: Token <key>``) or session
authentication (with CSRF). Nothing a client sends about money, sellers or status is read: the
input shapes do not have such fields, and unknown fields are ignored. Errors are JSON in the
caller's language (Accept-Language): 400 with each field's messages or a ``detail``, 404 for
anything not the caller's, 409 for a sold-out product or a reused idempotency key.
"""
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog.selectors import products_public
from sellers.selectors import cooperatives_acted_for

from . import selectors, services
from .countries import COUNTRIES
from .forms import CheckoutForm
from .models import (
    MAX_LINE_QUANTITY,
    CartLine,
    Order,
    OrderLine,
    Payment,
    PaymentMethod,
    Shipment,
    ShipmentStatusChange,
)

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_MAX = Order._meta.get_field("idempotency_key").max_length

ERRORS = OpenApiResponse(
    {"type": "object", "additionalProperties": {}},
    description="Bad input: each field with its messages, or a `detail`.",
)
NOT_FOUND = OpenApiResponse(
    {"type": "object", "properties": {"detail": {"type": "string"}}},
    description="Not found among yours.",
)
FORBIDDEN = OpenApiResponse(
    {"type": "object", "properties": {"detail": {"type": "string"}}},
    description="Your role may not take this step.",
)
CONFLICT = OpenApiResponse(
    {"type": "object", "properties": {
        "detail": {"type": "array", "items": {"type": "string"}},
        "code": {"type": "string", "enum": ["sold_out", "idempotency_conflict"]},
        "products": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "slug": {"type": "string"}, "name": {"type": "string"}}}},
    }},
    description="Some products sold out (`products` names them; nothing was ordered), or the "
                "idempotency key was already used for a different request.",
)


class OrdersApi:
    authentication_classes = (TokenAuthentication, SessionAuthentication)
    permission_classes = (IsAuthenticated,)
    renderer_classes = (JSONRenderer,)
    parser_classes = (JSONParser, FormParser)
    filter_backends = ()


def _refused(error) -> Response:
    """A service's refusal (a ``ValidationError``) as a 400 with its translated messages."""
    return Response({"detail": error.messages, "code": getattr(error, "code", None) or "invalid"},
                    status=status.HTTP_400_BAD_REQUEST)


# --- shapes: the cart -----------------------------------------------------------------------------

class CooperativeBrief(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class ProductBrief(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


class CartLineOutput(serializers.Serializer):
    id = serializers.IntegerField(source="line.pk")
    product = ProductBrief()
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="The current price.")
    price_seen = serializers.DecimalField(max_digits=10, decimal_places=2,
                                          help_text="The price when the buyer last looked.")
    line_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    price_changed = serializers.BooleanField()
    sold_out = serializers.BooleanField()
    available = serializers.IntegerField(allow_null=True, help_text="How many can be bought; null: made to order.")
    unavailable = serializers.BooleanField(help_text="No longer on sale.")


class CartGroupOutput(serializers.Serializer):
    cooperative = CooperativeBrief()
    lines = CartLineOutput(many=True)
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2)
    weight_grams = serializers.IntegerField()
    fragile = serializers.BooleanField()
    max_lead_time_days = serializers.IntegerField(allow_null=True)


class CartOutput(serializers.Serializer):
    groups = CartGroupOutput(many=True, help_text="One per cooperative: each ships its own parcel.")
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2)
    count = serializers.IntegerField(help_text="Items in the cart.")
    currency = serializers.SerializerMethodField()
    issues = serializers.ListField(child=serializers.CharField(), help_text="What changed since the buyer added "
                                   "things (price, sold out, withdrawn), in the caller's language.")
    can_check_out = serializers.BooleanField()

    def get_currency(self, summary) -> str:
        return settings.MARKETPLACE_CURRENCY


class CartLineInput(serializers.Serializer):
    product = serializers.CharField(max_length=220, help_text="The product's id or slug.")
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_LINE_QUANTITY, default=1)

    def validate_product(self, value):
        value = value.strip()
        products = products_public().select_related("cooperative")
        product = (products.filter(pk=int(value)) if value.isdigit() else products.filter(slug=value)).first()
        if product is None:
            raise serializers.ValidationError(_("No product on sale has this id or slug."))
        return product


class CartQuantityInput(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_LINE_QUANTITY)


def _cart_response(request, code=status.HTTP_200_OK) -> Response:
    summary = selectors.cart_summary(cart=selectors.cart_of(request))
    return Response(CartOutput(summary).data, status=code)


# --- views: the cart ------------------------------------------------------------------------------

@extend_schema_view(
    get=extend_schema(summary="Your cart", description="Grouped by cooperative, with current prices and what "
                      "changed since you added things.", responses={200: CartOutput}),
    delete=extend_schema(summary="Empty your cart", responses={204: None}),
)
class CartApi(OrdersApi, APIView):
    def get(self, request):
        return _cart_response(request)

    def delete(self, request):
        cart = selectors.cart_of(request)
        if cart is not None:
            for line in CartLine.objects.filter(cart=cart).select_related("product"):
                services.cart_remove(cart=cart, product=line.product)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(post=extend_schema(
    summary="Put a product in your cart",
    description="Adds to the product's line if it is already there. Refused: a product not on sale, a quantity "
                f"below 1 or above {MAX_LINE_QUANTITY} in all, more than the stock of a stocked product.",
    request=CartLineInput, responses={201: CartOutput, 400: ERRORS},
))
class CartLineCreateApi(OrdersApi, APIView):
    def post(self, request):
        data = CartLineInput(data=request.data)
        data.is_valid(raise_exception=True)
        cart = selectors.cart_of(request, create=True)
        try:
            services.cart_add(cart=cart, product=data.validated_data["product"],
                              quantity=data.validated_data["quantity"])
        except services.CartError as error:
            return _refused(error)
        return _cart_response(request, status.HTTP_201_CREATED)


@extend_schema_view(
    patch=extend_schema(summary="Change a cart line's quantity", request=CartQuantityInput,
                        responses={200: CartOutput, 400: ERRORS, 404: NOT_FOUND}),
    delete=extend_schema(summary="Remove a cart line", responses={204: None, 404: NOT_FOUND}),
)
class CartLineApi(OrdersApi, APIView):
    def line(self, request, pk) -> CartLine:
        cart = selectors.cart_of(request)
        return get_object_or_404(CartLine.objects.select_related("product"), pk=pk, cart=cart)

    def patch(self, request, pk):
        line = self.line(request, pk)
        data = CartQuantityInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.cart_set_quantity(cart=line.cart, product=line.product, quantity=data.validated_data["quantity"])
        except services.CartError as error:
            return _refused(error)
        return _cart_response(request)

    def delete(self, request, pk):
        line = self.line(request, pk)
        services.cart_remove(cart=line.cart, product=line.product)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- checkout -------------------------------------------------------------------------------------

class ShippingQuoteOutput(serializers.Serializer):
    shipping_method = serializers.IntegerField(source="method.pk")
    name = serializers.CharField(source="method.name")
    carrier = serializers.CharField(source="method.carrier")
    zone = serializers.CharField()
    price = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="Fragile surcharge included.")
    min_days = serializers.IntegerField()
    max_days = serializers.IntegerField(help_text="Made-to-order lead time included.")


class CheckoutGroupOutput(serializers.Serializer):
    cooperative = CooperativeBrief()
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2)
    shipping = ShippingQuoteOutput(many=True, help_text="Cheapest first; empty: cannot ship to this country.")
    payment_methods = serializers.ListField(child=serializers.ChoiceField(choices=PaymentMethod.choices))


class CheckoutOptionsOutput(serializers.Serializer):
    country = serializers.CharField()
    currency = serializers.CharField()
    groups = CheckoutGroupOutput(many=True)
    issues = serializers.ListField(child=serializers.CharField())
    can_check_out = serializers.BooleanField()


class CountryInput(serializers.Serializer):
    country = serializers.CharField(max_length=2, help_text="ISO 3166 code of the destination, e.g. VN.")

    def validate_country(self, value):
        value = value.strip().upper()
        if value not in COUNTRIES:
            raise serializers.ValidationError(_("We do not deliver to this country."))
        return value


@extend_schema_view(get=extend_schema(
    summary="Shipping and payment choices for your cart",
    description="For each cooperative in your cart: the shipping methods to the destination country with their "
                "price and days, and the payment methods offered.",
    parameters=[OpenApiParameter("country", str, required=True, description="ISO 3166 code, e.g. VN.")],
    responses={200: CheckoutOptionsOutput, 400: ERRORS},
))
class CheckoutOptionsApi(OrdersApi, APIView):
    def get(self, request):
        data = CountryInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        country = data.validated_data["country"]
        summary = selectors.cart_summary(cart=selectors.cart_of(request))
        groups = [{
            "cooperative": group.cooperative,
            "subtotal": group.subtotal,
            "shipping": selectors.shipping_quotes(
                cooperative=group.cooperative, country=country, weight_grams=group.weight_grams,
                fragile=group.fragile, lead_time_days=group.max_lead_time_days,
            ),
            "payment_methods": selectors.payment_methods_for(cooperative=group.cooperative, country=country),
        } for group in summary.groups]
        return Response(CheckoutOptionsOutput({
            "country": country, "currency": settings.MARKETPLACE_CURRENCY, "groups": groups,
            "issues": summary.issues, "can_check_out": summary.can_check_out,
        }).data)


class ShipmentChoiceInput(serializers.Serializer):
    cooperative = serializers.IntegerField(min_value=1)
    shipping_method = serializers.IntegerField(min_value=1, help_text="One of the options' `shipping_method`.")
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices)


class CheckoutInput(serializers.Serializer):
    """Contact and address (checked per country like the checkout page), and one choice per
    cooperative in the cart. Prices and totals are not accepted: the server computes them."""

    email = serializers.EmailField(max_length=254, required=False, help_text="Default: your account's.")
    full_name = serializers.CharField(max_length=150, required=False, help_text="Default: your account's.")
    phone = serializers.CharField(max_length=30)
    country = serializers.CharField(max_length=2)
    province = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    city = serializers.CharField(max_length=100)
    postal_code = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    address_line1 = serializers.CharField(max_length=200)
    address_line2 = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    shipments = ShipmentChoiceInput(many=True, allow_empty=False)

    def validate_shipments(self, choices):
        cooperatives = [choice["cooperative"] for choice in choices]
        if len(set(cooperatives)) != len(cooperatives):
            raise serializers.ValidationError(_("Give one choice per cooperative."))
        return choices

    def validate(self, data):
        user = self.context["request"].user
        fields = {name: data.get(name, "") for name in (*CheckoutForm.CONTACT_FIELDS, *CheckoutForm.ADDRESS_FIELDS)}
        fields["email"] = fields["email"] or user.email
        fields["full_name"] = fields["full_name"] or getattr(user, "full_name", "")
        fields["country"] = fields["country"].strip().upper()
        # The page's form holds the per-country address rules (postal codes, provinces, phones).
        form = CheckoutForm(data={**fields, "idempotency_key": "api"})
        if not form.is_valid():
            raise serializers.ValidationError({name: list(messages) for name, messages in form.errors.items()})
        return {
            "contact": form.contact(),
            "address": form.address(),
            "choices": {choice["cooperative"]: {"shipping_method": choice["shipping_method"],
                                                "payment_method": choice["payment_method"]}
                        for choice in data["shipments"]},
        }


# --- shapes: orders -------------------------------------------------------------------------------

class PaymentOutput(serializers.ModelSerializer):
    class Meta:
        model = Payment
        fields = ("method", "status", "amount", "reference", "paid_at")
        read_only_fields = fields


class OrderLineOutput(serializers.ModelSerializer):
    class Meta:
        model = OrderLine
        fields = ("id", "product", "product_name", "unit_price", "quantity", "line_total", "made_to_order",
                  "lead_time_days")
        read_only_fields = fields


class ShipmentOutput(serializers.ModelSerializer):
    cooperative = CooperativeBrief()
    lines = OrderLineOutput(many=True)
    payment = serializers.SerializerMethodField()

    class Meta:
        model = Shipment
        fields = ("id", "cooperative", "status", "shipping_method_name", "zone", "weight_grams", "subtotal",
                  "shipping_price", "total", "delivery_min_days", "delivery_max_days", "carrier", "tracking_number",
                  "lines", "payment")
        read_only_fields = fields

    @extend_schema_field(PaymentOutput(allow_null=True))
    def get_payment(self, shipment):
        payment = getattr(shipment, "payment", None)
        return PaymentOutput(payment).data if payment is not None else None


ORDER_FIELDS = ("number", "placed_at", "email", "full_name", "phone", "country", "province", "city", "postal_code",
                "address_line1", "address_line2", "language", "currency", "subtotal", "shipping_total", "total")


class OrderOutput(serializers.ModelSerializer):
    shipments = ShipmentOutput(many=True)

    class Meta:
        model = Order
        fields = (*ORDER_FIELDS, "shipments")
        read_only_fields = fields


class CheckoutOutput(OrderOutput):
    payment_url = serializers.SerializerMethodField(
        help_text="Where to send the buyer to pay by card; null when nothing is to be paid online now.")

    class Meta(OrderOutput.Meta):
        fields = (*OrderOutput.Meta.fields, "payment_url")
        read_only_fields = fields

    def get_payment_url(self, order) -> str | None:
        return self.context.get("payment_url")


def orders_for_output(queryset):
    """``queryset`` with what ``OrderOutput`` reads, in a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch("shipments", queryset=Shipment.objects.select_related("cooperative", "payment").order_by("pk")),
        Prefetch("shipments__lines", queryset=OrderLine.objects.order_by("pk")),
    )


def _sold_out(error) -> Response:
    return Response({
        "detail": error.messages, "code": "sold_out",
        "products": [{"id": p.pk, "slug": p.slug, "name": p.name} for p in error.products],
    }, status=status.HTTP_409_CONFLICT)


@extend_schema_view(post=extend_schema(
    summary="Place an order from your cart",
    description=(
        f"Requires an `{IDEMPOTENCY_HEADER}` header (up to {IDEMPOTENCY_KEY_MAX} characters, new for each order): "
        "sending the same key and body again (a retry after a timeout) returns the same order, with the header "
        "`Idempotent-Replayed: true`, and places nothing twice; the same key with a different body is a 409. "
        "Stock is taken for every cooperative or for none: a 409 `sold_out` names the products that ran out. "
        "The order is split into one shipment per cooperative; the cart is emptied."
    ),
    parameters=[OpenApiParameter(IDEMPOTENCY_HEADER, str, OpenApiParameter.HEADER, required=True,
                                 description="A unique key per order attempt, e.g. a UUID.")],
    request=CheckoutInput, responses={201: CheckoutOutput, 400: ERRORS, 409: CONFLICT},
))
class CheckoutApi(OrdersApi, APIView):
    def post(self, request):
        key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
        if not key:
            return Response({"detail": [_("Send an Idempotency-Key header: a new unique value for each order.")],
                             "code": "idempotency_key_missing"}, status=status.HTTP_400_BAD_REQUEST)
        if len(key) > IDEMPOTENCY_KEY_MAX or not key.isprintable():
            return Response({"detail": [_("The Idempotency-Key header must be at most %(max)d printable characters.")
                                        % {"max": IDEMPOTENCY_KEY_MAX}],
                             "code": "idempotency_key_invalid"}, status=status.HTTP_400_BAD_REQUEST)
        data = CheckoutInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        cart = selectors.cart_of(request, create=True)
        started = timezone.now()
        try:
            order = services.order_place(
                cart=cart, buyer=request.user, idempotency_key=key, language=translation.get_language(),
                **data.validated_data,
            )
        except services.SoldOut as error:
            return _sold_out(error)
        except services.IdempotencyConflict as error:
            return Response({"detail": error.messages, "code": "idempotency_conflict"},
                            status=status.HTTP_409_CONFLICT)
        except services.CheckoutError as error:
            return _refused(error)
        order = orders_for_output(Order.objects.filter(pk=order.pk)).get()
        payment_url = services.payment_start(order=order)
        if payment_url and payment_url.startswith("/"):
            payment_url = request.build_absolute_uri(payment_url)
        headers = {"Idempotent-Replayed": "true"} if order.placed_at < started else {}
        return Response(CheckoutOutput(order, context={"payment_url": payment_url}).data,
                        status=status.HTTP_201_CREATED, headers=headers)


@extend_schema_view(get=extend_schema(summary="Your orders", description="Newest first.",
                                      responses={200: OrderOutput(many=True)}))
class OrderListApi(OrdersApi, generics.ListAPIView):
    serializer_class = OrderOutput

    def get_queryset(self):
        return orders_for_output(Order.objects.filter(user=self.request.user)).order_by("-placed_at", "-pk")


@extend_schema_view(get=extend_schema(summary="One of your orders", responses={200: OrderOutput, 404: NOT_FOUND}))
class OrderDetailApi(OrdersApi, APIView):
    def get(self, request, number):
        order = selectors.order_for_viewer(number=number, user=request.user, token=None)
        return Response(OrderOutput(order).data)


# --- the seller's shipments -----------------------------------------------------------------------

class BuyerOutput(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ("email", "full_name", "phone", "country", "province", "city", "postal_code", "address_line1",
                  "address_line2", "language")
        read_only_fields = fields


class StatusChangeOutput(serializers.ModelSerializer):
    class Meta:
        model = ShipmentStatusChange
        fields = ("from_status", "to_status", "reason", "created_at")
        read_only_fields = fields


class SellerShipmentOutput(ShipmentOutput):
    order = serializers.CharField(source="order.number", help_text="The order number.")
    placed_at = serializers.DateTimeField(source="order.placed_at")
    currency = serializers.CharField(source="order.currency")
    buyer = BuyerOutput(source="order")

    class Meta(ShipmentOutput.Meta):
        fields = ("id", "order", "placed_at", "currency", *ShipmentOutput.Meta.fields[1:], "buyer")
        read_only_fields = fields


class SellerShipmentDetailOutput(SellerShipmentOutput):
    history = StatusChangeOutput(source="status_changes", many=True)

    class Meta(SellerShipmentOutput.Meta):
        fields = (*SellerShipmentOutput.Meta.fields, "history")
        read_only_fields = fields


class ShipmentFilterInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=Shipment.Status.choices, required=False)
    cooperative = serializers.IntegerField(min_value=1, required=False)


class SellerShipmentApi(OrdersApi):
    def shipments(self):
        return (
            Shipment.objects.filter(cooperative__in=cooperatives_acted_for(user=self.request.user))
            .select_related("order", "cooperative", "payment")
            .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.order_by("pk")))
        )

    def shipment(self) -> Shipment:
        """One of the caller's cooperatives' shipments, else 404 (never saying it exists)."""
        return get_object_or_404(
            self.shipments().prefetch_related(
                Prefetch("status_changes", queryset=ShipmentStatusChange.objects.order_by("created_at", "pk"))),
            pk=self.kwargs["pk"],
        )


@extend_schema_view(get=extend_schema(
    summary="Your cooperatives' shipments",
    description="Newest first. Each is one cooperative's part of an order.",
    parameters=[
        OpenApiParameter("status", str, enum=Shipment.Status.values, description="Only shipments with this status."),
        OpenApiParameter("cooperative", int, description="Only this cooperative's shipments."),
    ],
    responses={200: SellerShipmentOutput(many=True), 400: ERRORS},
))
class SellerShipmentListApi(SellerShipmentApi, generics.ListAPIView):
    serializer_class = SellerShipmentOutput

    def get_queryset(self):
        filters = ShipmentFilterInput(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        shipments = self.shipments().order_by("-created_at", "-pk")
        if "status" in filters.validated_data:
            shipments = shipments.filter(status=filters.validated_data["status"])
        if "cooperative" in filters.validated_data:
            shipments = shipments.filter(cooperative_id=filters.validated_data["cooperative"])
        return shipments


@extend_schema_view(get=extend_schema(summary="One of your cooperatives' shipments",
                                      responses={200: SellerShipmentDetailOutput, 404: NOT_FOUND}))
class SellerShipmentDetailApi(SellerShipmentApi, APIView):
    def get(self, request, pk):
        return Response(SellerShipmentDetailOutput(self.shipment()).data)


class ShipInput(serializers.Serializer):
    carrier = serializers.CharField(max_length=Shipment._meta.get_field("carrier").max_length)
    tracking_number = serializers.CharField(max_length=Shipment._meta.get_field("tracking_number").max_length)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text="The buyer sees it.")


class ShipmentStepApi(SellerShipmentApi, APIView):
    """One fulfilment step: validate the input, call the service, answer with the shipment."""

    input_class = None

    def step(self, *, shipment, by, **data):
        raise NotImplementedError

    def post(self, request, pk):
        shipment = self.shipment()
        data = {}
        if self.input_class is not None:
            given = self.input_class(data=request.data)
            given.is_valid(raise_exception=True)
            data = given.validated_data
        try:
            self.step(shipment=shipment, by=request.user, **data)
        except DjangoValidationError as error:  # the transition table or payment rules refused it
            return _refused(error)
        return Response(SellerShipmentDetailOutput(self.shipment()).data)


def _step_schema(summary, description, request=None):
    return extend_schema_view(post=extend_schema(
        summary=summary, description=description, request=request,
        responses={200: SellerShipmentDetailOutput, 400: ERRORS, 403: FORBIDDEN, 404: NOT_FOUND},
    ))


@_step_schema("Confirm a shipment", "placed → confirmed: you will prepare it. The buyer is told.")
class ShipmentConfirmApi(ShipmentStepApi):
    def step(self, *, shipment, by):
        services.shipment_confirm(shipment=shipment, by=by)


@_step_schema("Mark a shipment packed", "confirmed → packed.")
class ShipmentPackApi(ShipmentStepApi):
    def step(self, *, shipment, by):
        services.shipment_pack(shipment=shipment, by=by)


@_step_schema("Mark a shipment shipped", "packed → shipped, with the carrier and tracking number the buyer "
              "is sent.", ShipInput)
class ShipmentShipApi(ShipmentStepApi):
    input_class = ShipInput

    def step(self, *, shipment, by, carrier, tracking_number):
        services.shipment_mark_shipped(shipment=shipment, by=by, carrier=carrier, tracking_number=tracking_number)


@_step_schema("Mark a shipment delivered", "shipped → delivered: the buyer may now review it.")
class ShipmentDeliverApi(ShipmentStepApi):
    def step(self, *, shipment, by):
        services.shipment_mark_delivered(shipment=shipment, by=by)


@_step_schema("Cancel a shipment", "Before it is shipped. Its stock goes back on sale once; the buyer is told "
              "the reason.", ReasonInput)
class ShipmentCancelApi(ShipmentStepApi):
    input_class = ReasonInput

    def step(self, *, shipment, by, reason):
        services.shipment_cancel(shipment=shipment, by=by, reason=reason)


@_step_schema("Confirm the payment was received", "For bank transfer and cash on delivery: the money has "
              "reached you. The buyer is told.")
class ShipmentPaymentConfirmApi(ShipmentStepApi):
    def step(self, *, shipment, by):
        payment = Payment.objects.filter(shipment=shipment).first()
        if payment is None:
            raise services.PaymentError(_("This shipment has no payment to confirm."), code="no_payment")
        services.payment_confirm_received(payment=payment, by=by)

