"""The seller API at /api/seller/: the signed-in member's cooperatives, their products and shipments."""
from django.urls import path

from orders.api_urls import seller_urlpatterns

from . import api

app_name = "sellers_api"

urlpatterns = [
    path("cooperatives/", api.CooperativeListApi.as_view(), name="cooperative_list"),
    path("products/", api.ProductListCreateApi.as_view(), name="product_list"),
    path("products/<int:pk>/", api.ProductDetailApi.as_view(), name="product_detail"),
    path("products/<int:pk>/submit/", api.ProductSubmitApi.as_view(), name="product_submit"),
    path("products/<int:pk>/images/", api.ProductImageCreateApi.as_view(), name="product_image_create"),
    path("products/<int:pk>/images/order/", api.ProductImagesOrderApi.as_view(), name="product_images_order"),
    path("products/<int:pk>/images/<int:image_pk>/", api.ProductImageDeleteApi.as_view(),
         name="product_image_delete"),
    # The cooperatives' shipments and their fulfilment steps (orders.api).
    *seller_urlpatterns,
]
