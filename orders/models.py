"""Cart, orders, shipments, payments and reviews arrive with the orders issue."""
