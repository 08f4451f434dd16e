"""The public catalog API, mounted at /api/ (not language-prefixed)."""
from django.urls import path

from .api import views

app_name = "catalog_api"

urlpatterns = [
    path("products/", views.ProductListApi.as_view(), name="product_list"),
    path("products/<slug:slug>/", views.ProductDetailApi.as_view(), name="product_detail"),
    path("categories/", views.CategoryListApi.as_view(), name="category_list"),
    path("regions/", views.RegionListApi.as_view(), name="region_list"),
    path("regions/<slug:slug>/", views.RegionDetailApi.as_view(), name="region_detail"),
    path("programmes/", views.ProgrammeListApi.as_view(), name="programme_list"),
    path("programmes/<slug:slug>/", views.ProgrammeDetailApi.as_view(), name="programme_detail"),
    path("producers/", views.ProducerListApi.as_view(), name="producer_list"),
    path("producers/<slug:slug>/", views.ProducerDetailApi.as_view(), name="producer_detail"),
]
