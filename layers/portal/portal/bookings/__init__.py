"""Bookings (EMP-2, ORD-3): the vendor's time slots (health checks and the like) on a customer's service order,
which the order carries and shows; the customer's employees are booked into them."""
