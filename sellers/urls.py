"""The seller centre at /seller/."""
app_name = "sellers"

urlpatterns: list = []
