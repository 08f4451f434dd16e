"""Orders in admin. Officers configure shipping methods and their rates; orders, shipments and
payments are read-only records whose status changes only through the actions here, which call
``orders.services`` (the same rules and notifications as the seller centre). Reviews are hidden
or shown again with a moderation action."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ovop_market.admin import ReadOnlyAdmin, StatusChangeInline
from ovop_market.admin_scale import LargeTableAdmin
from ovop_market.officers import OfficerScopedAdmin, officer_scope_filter

from . import services
from .models import (
    Order,
    OrderLine,
    Payment,
    PaymentEvent,
    Review,
    ReviewPhoto,
    Shipment,
    ShipmentStatusChange,
    ShippingMethod,
    ShippingRate,
)


def _run_each(model_admin, request, objects, step, done_message):
    """Apply ``step`` to each object, reporting what worked and each refusal with its reason."""
    done = 0
    for obj in objects:
        try:
            step(obj)
        except (ValidationError, PermissionDenied) as error:
            reason = "; ".join(error.messages) if isinstance(error, ValidationError) else _("not allowed")
            model_admin.message_user(request, f"{obj}: {reason}", messages.ERROR)
        else:
            done += 1
    if done:
        model_admin.message_user(request, done_message(done), messages.SUCCESS)


# --- shipping -----------------------------------------------------------------------------------

class ShippingRateInline(admin.TabularInline):
    model = ShippingRate
    extra = 1
    fields = ("zone", "max_weight_grams", "price", "min_days", "max_days")


@admin.register(ShippingMethod)
class ShippingMethodAdmin(admin.ModelAdmin):
    list_display = ("name", "carrier", "origin_countries", "fragile_surcharge", "rate_count", "active", "position")
    list_editable = ("active", "position")
    list_filter = ("active",)
    search_fields = ("name", "carrier")
    fieldsets = (
        (None, {"fields": ("name", "carrier", "origin_countries", "active", "position")}),
        (_("Prices"), {"fields": ("fragile_surcharge",),
                       "description": _("Rates by zone and weight band are below: a parcel pays the smallest "
                                        "band that holds it; heavier parcels cannot use this method.")}),
    )
    inlines = [ShippingRateInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rate_total=Count("rates"))

    @admin.display(description=_("rates"), ordering="rate_total")
    def rate_count(self, method):
        return method.rate_total


# --- orders and shipments -----------------------------------------------------------------------

class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = ("product_name", "product", "unit_price", "quantity", "line_total", "made_to_order", "lead_time_days")
    readonly_fields = fields
    show_change_link = False


class ShipmentStatusChangeInline(StatusChangeInline):
    model = ShipmentStatusChange


class ShipmentInline(OfficerScopedAdmin, ReadOnlyInline):
    model = Shipment
    fields = ("cooperative", "status", "shipping_method_name", "total", "tracking_number")
    readonly_fields = fields


@admin.register(Order)
class OrderAdmin(LargeTableAdmin, admin.ModelAdmin):
    list_display = ("number", "placed_at", "full_name", "email", "country", "total", "user")
    list_filter = ("country", "placed_at")
    search_fields = ("=number", "email", "full_name", "phone")
    date_hierarchy = "placed_at"
    list_select_related = ("user",)
    readonly_fields = ("number", "user", "email", "full_name", "phone", "country", "province", "city", "postal_code",
                       "address_line1", "address_line2", "language", "currency", "subtotal", "shipping_total",
                       "total", "placed_at")
    fieldsets = (
        (None, {"fields": ("number", "placed_at", "user", "language")}),
        (_("Contact"), {"fields": ("full_name", "email", "phone")}),
        (_("Delivery address"), {"fields": ("address_line1", "address_line2", "city", "province", "postal_code",
                                            "country")}),
        (_("Totals"), {"fields": ("currency", "subtotal", "shipping_total", "total")}),
    )
    inlines = [ShipmentInline]
    actions = ["cancel_orders"]

    def get_queryset(self, request):
        # An officer sees the orders with a shipment from a cooperative in their scope.
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=officer_scope_filter(Shipment.objects.all(), request.user).values("order_id"))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Cancel what has not been shipped (returns the stock)"), permissions=["change"])
    def cancel_orders(self, request, queryset):
        _run_each(self, request, queryset, lambda order: services.order_cancel(
            order=order, by=request.user, reason=str(_("Cancelled by an officer."))),
            lambda n: ngettext("%(count)d order cancelled.", "%(count)d orders cancelled.", n) % {"count": n})


@admin.register(Shipment)
class ShipmentAdmin(OfficerScopedAdmin, LargeTableAdmin, admin.ModelAdmin):
    list_display = ("__str__", "cooperative", "status", "payment_status", "total", "zone", "created_at")
    list_filter = ("status", "zone", "payment__method", "payment__status")
    search_fields = ("=order__number", "cooperative__name", "tracking_number", "order__email")
    list_select_related = ("order", "cooperative", "payment")
    date_hierarchy = "created_at"
    readonly_fields = ("order_link", "cooperative", "status", "shipping_method_name", "zone", "weight_grams",
                       "subtotal", "shipping_price", "total", "delivery_min_days", "delivery_max_days",
                       "stock_returned", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("order_link", "cooperative", "status", "created_at", "updated_at")}),
        (_("Shipping"), {
            "fields": ("shipping_method_name", "zone", "weight_grams", "delivery_min_days", "delivery_max_days",
                       "carrier", "tracking_number"),
            "description": _("Enter the carrier and tracking number, save, then use “Mark shipped”."),
        }),
        (_("Money"), {"fields": ("subtotal", "shipping_price", "total", "stock_returned")}),
    )
    inlines = [OrderLineInline, ShipmentStatusChangeInline]
    actions = ["confirm", "pack", "mark_shipped", "mark_delivered", "cancel", "mark_returned"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("order"), ordering="order__number")
    def order_link(self, shipment):
        from django.urls import reverse

        return format_html('<a href="{}">{}</a>', reverse("admin:orders_order_change", args=[shipment.order_id]),
                           shipment.order.number)

    @admin.display(description=_("payment"), ordering="payment__status")
    def payment_status(self, shipment):
        payment = getattr(shipment, "payment", None)
        return f"{payment.get_method_display()} · {payment.get_status_display()}" if payment else "—"

    def _step(self, request, queryset, step, message):
        _run_each(self, request, queryset.order_by("pk"), step, message)

    @admin.action(description=_("Confirm"), permissions=["change"])
    def confirm(self, request, queryset):
        self._step(request, queryset, lambda s: services.shipment_confirm(shipment=s, by=request.user),
                   lambda n: ngettext("%(count)d shipment confirmed.", "%(count)d shipments confirmed.", n)
                   % {"count": n})

    @admin.action(description=_("Mark packed"), permissions=["change"])
    def pack(self, request, queryset):
        self._step(request, queryset, lambda s: services.shipment_pack(shipment=s, by=request.user),
                   lambda n: ngettext("%(count)d shipment packed.", "%(count)d shipments packed.", n) % {"count": n})

    @admin.action(description=_("Mark shipped (with the carrier and tracking number entered)"),
                  permissions=["change"])
    def mark_shipped(self, request, queryset):
        self._step(request, queryset, lambda s: services.shipment_mark_shipped(
            shipment=s, by=request.user, carrier=s.carrier, tracking_number=s.tracking_number),
            lambda n: ngettext("%(count)d shipment shipped.", "%(count)d shipments shipped.", n) % {"count": n})

    @admin.action(description=_("Mark delivered"), permissions=["change"])
    def mark_delivered(self, request, queryset):
        self._step(request, queryset, lambda s: services.shipment_mark_delivered(shipment=s, by=request.user),
                   lambda n: ngettext("%(count)d shipment delivered.", "%(count)d shipments delivered.", n)
                   % {"count": n})

    @admin.action(description=_("Cancel (returns the stock)"), permissions=["change"])
    def cancel(self, request, queryset):
        self._step(request, queryset, lambda s: services.shipment_cancel(
            shipment=s, by=request.user, reason=str(_("Cancelled by an officer."))),
            lambda n: ngettext("%(count)d shipment cancelled.", "%(count)d shipments cancelled.", n) % {"count": n})

    @admin.action(description=_("Mark returned"), permissions=["change"])
    def mark_returned(self, request, queryset):
        self._step(request, queryset, lambda s: services.shipment_return(
            shipment=s, by=request.user, reason=str(_("Returned (recorded by an officer)."))),
            lambda n: ngettext("%(count)d shipment returned.", "%(count)d shipments returned.", n) % {"count": n})


# --- payments -----------------------------------------------------------------------------------

@admin.register(Payment)
class PaymentAdmin(OfficerScopedAdmin, LargeTableAdmin, admin.ModelAdmin):
    list_display = ("reference", "shipment", "method", "status", "amount", "paid_at", "confirmed_by")
    list_filter = ("method", "status", "provider")
    search_fields = ("=reference", "provider_reference", "=shipment__order__number")
    list_select_related = ("shipment__order", "confirmed_by")
    readonly_fields = ("reference", "shipment", "method", "status", "amount", "provider", "provider_reference",
                       "paid_at", "confirmed_by", "created_at")
    fields = readonly_fields
    actions = ["confirm_received"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Confirm the money was received (bank transfer, cash on delivery)"),
                  permissions=["change"])
    def confirm_received(self, request, queryset):
        _run_each(self, request, queryset.order_by("pk"),
                  lambda p: services.payment_confirm_received(payment=p, by=request.user),
                  lambda n: ngettext("%(count)d payment confirmed.", "%(count)d payments confirmed.", n)
                  % {"count": n})


@admin.register(PaymentEvent)
class PaymentEventAdmin(ReadOnlyAdmin):
    list_display = ("event_id", "provider", "kind", "received_at")
    list_filter = ("provider", "kind")
    search_fields = ("=event_id",)
    readonly_fields = ("provider", "event_id", "kind", "payload", "received_at")

    def has_module_permission(self, request):
        return request.user.is_superuser


# --- reviews ------------------------------------------------------------------------------------

class ReviewPhotoInline(ReadOnlyInline):
    model = ReviewPhoto
    fields = ("image", "alt_text", "rendition_status")
    readonly_fields = fields
    show_change_link = False


@admin.register(Review)
class ReviewAdmin(OfficerScopedAdmin, LargeTableAdmin, admin.ModelAdmin):
    list_display = ("product", "rating", "author_name", "published", "created_at", "has_reply")
    list_filter = ("published", "rating")
    search_fields = ("product__name", "author_name", "text")
    list_select_related = ("product",)
    readonly_fields = ("line", "product", "author", "author_name", "rating", "text", "reply", "replied_at",
                       "replied_by", "published", "created_at")
    fields = readonly_fields
    inlines = [ReviewPhotoInline]
    actions = ["hide", "show"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("replied"), boolean=True)
    def has_reply(self, review):
        return bool(review.reply)

    @admin.action(description=_("Hide from buyers"), permissions=["change"])
    def hide(self, request, queryset):
        _run_each(self, request, queryset, lambda r: services.review_set_published(
            review=r, by=request.user, published=False),
            lambda n: ngettext("%(count)d review hidden.", "%(count)d reviews hidden.", n) % {"count": n})

    @admin.action(description=_("Show to buyers again"), permissions=["change"])
    def show(self, request, queryset):
        _run_each(self, request, queryset, lambda r: services.review_set_published(
            review=r, by=request.user, published=True),
            lambda n: ngettext("%(count)d review shown.", "%(count)d reviews shown.", n) % {"count": n})
