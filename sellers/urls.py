"""The seller centre at /seller/."""
from django.urls import path

from .views import dashboard, documents, members, onboarding, orders, products, profile

app_name = "sellers"

urlpatterns = [
    # The seller centre: dashboard, choosing the cooperative to act for, products.
    path("", dashboard.dashboard, name="dashboard"),
    path("act-for/", dashboard.act_for, name="act_for"),
    path("products/", products.product_list, name="product_list"),
    path("products/new/", products.product_create, name="product_create"),
    path("products/<int:pk>/", products.product_edit, name="product_edit"),
    path("products/<int:pk>/submit/", products.product_submit, name="product_submit"),
    path("products/<int:pk>/preview/", products.product_preview, name="product_preview"),
    path("products/<int:pk>/archive/", products.product_archive, name="product_archive"),
    # Onboarding: a draft cooperative filled in step by step, then sent for verification.
    path("onboarding/", onboarding.onboarding_index, name="onboarding"),
    path("onboarding/new/", onboarding.onboarding_start, name="onboarding_start"),
    path("onboarding/<int:pk>/documents/<int:document_pk>/remove/", onboarding.onboarding_document_remove,
         name="onboarding_document_remove"),
    path("onboarding/<int:pk>/<slug:step>/", onboarding.onboarding_step, name="onboarding_step"),
    # A verified cooperative's profile: the one acted for, or one named by id.
    path("cooperative/", profile.cooperative_profile, name="cooperative_profile"),
    path("cooperative/<int:pk>/", profile.cooperative_profile, name="cooperative_profile"),
    # Private documents, for members and officers only.
    path("documents/<int:pk>/download/", documents.document_download, name="document_download"),
    # Members, invitations and makers of the cooperative acted for.
    path("members/", members.members, name="members"),
    path("members/<int:pk>/role/", members.member_role, name="member_role"),
    path("members/<int:pk>/remove/", members.member_remove, name="member_remove"),
    path("invitations/<str:token>/", members.invitation_accept, name="invitation_accept"),
    path("makers/", members.makers, name="makers"),
    path("makers/<int:pk>/edit/", members.maker_edit, name="maker_edit"),
    path("makers/<int:pk>/remove/", members.maker_remove, name="maker_remove"),
    # Orders: the cooperative's shipments, their fulfilment steps, packing slips; buyers' reviews.
    path("orders/", orders.order_list, name="order_list"),
    path("orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("orders/<int:pk>/slip/", orders.packing_slip, name="packing_slip"),
    path("orders/<int:pk>/<slug:action>/", orders.order_action, name="order_action"),
    path("reviews/", orders.reviews, name="reviews"),
]
