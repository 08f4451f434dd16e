"""The seller API at /api/seller/: the signed-in member's cooperatives and their products."""
app_name = "sellers_api"

urlpatterns: list = []
