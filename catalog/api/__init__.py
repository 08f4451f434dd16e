"""The public catalog API: read-only, anonymous, JSON, described by the OpenAPI schema.

``views`` holds one view per operation; ``serializers`` the output shapes the views share
(a product card is the same in the list, in "related products" and on a producer's page).
"""
