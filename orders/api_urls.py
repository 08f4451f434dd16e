"""The orders API: the buyer's cart, checkout and orders at /api/; the seller's shipments at
/api/seller/shipments/ (``seller_urlpatterns``, mounted by ``sellers.api_urls``)."""
from django.urls import path

from . import api

app_name = "orders_api"

urlpatterns = [
    path("cart/", api.CartApi.as_view(), name="cart"),
    path("cart/lines/", api.CartLineCreateApi.as_view(), name="cart_line_create"),
    path("cart/lines/<int:pk>/", api.CartLineApi.as_view(), name="cart_line"),
    path("checkout/options/", api.CheckoutOptionsApi.as_view(), name="checkout_options"),
    path("checkout/", api.CheckoutApi.as_view(), name="checkout"),
    path("orders/", api.OrderListApi.as_view(), name="order_list"),
    path("orders/<str:number>/", api.OrderDetailApi.as_view(), name="order_detail"),
]

seller_urlpatterns = [
    path("shipments/", api.SellerShipmentListApi.as_view(), name="shipment_list"),
    path("shipments/<int:pk>/", api.SellerShipmentDetailApi.as_view(), name="shipment_detail"),
    path("shipments/<int:pk>/confirm/", api.ShipmentConfirmApi.as_view(), name="shipment_confirm"),
    path("shipments/<int:pk>/pack/", api.ShipmentPackApi.as_view(), name="shipment_pack"),
    path("shipments/<int:pk>/ship/", api.ShipmentShipApi.as_view(), name="shipment_ship"),
    path("shipments/<int:pk>/deliver/", api.ShipmentDeliverApi.as_view(), name="shipment_deliver"),
    path("shipments/<int:pk>/cancel/", api.ShipmentCancelApi.as_view(), name="shipment_cancel"),
    path("shipments/<int:pk>/confirm-payment/", api.ShipmentPaymentConfirmApi.as_view(),
         name="shipment_payment_confirm"),
]
