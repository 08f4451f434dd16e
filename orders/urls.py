"""The buyer's pages (cart, checkout, orders, reviews, the test card gateway), mounted inside
``i18n_patterns`` ("/vi/cart/"), and the payment providers' webhook (``webhook_urlpatterns``),
mounted outside them as "payments:webhook": a provider's server calls one unprefixed address,
whatever its Accept-Language. (Django allows no ``i18n_patterns`` inside an include, so the two
cannot share the "orders" namespace.)"""
from django.urls import path

from . import views

app_name = "orders"

urlpatterns = [
    path("cart/", views.cart, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/update/", views.cart_update, name="cart_update"),
    path("cart/remove/", views.cart_remove, name="cart_remove"),
    path("checkout/", views.checkout, name="checkout"),
    path("orders/<str:number>/", views.order_detail, name="detail"),
    path("orders/<str:number>/cancel/", views.order_cancel, name="cancel"),
    path("orders/<str:number>/lines/<int:line_pk>/review/", views.line_review, name="review"),
    path("accounts/orders/", views.order_history, name="history"),
    path("payments/test-gateway/<str:intent>/", views.test_gateway, name="test_gateway"),
]

webhook_urlpatterns = [
    path("<slug:provider>/", views.payment_webhook, name="webhook"),
]
