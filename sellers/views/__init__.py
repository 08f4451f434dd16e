"""The seller centre's HTML views, one module per capability."""
