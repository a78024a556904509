"""Printouts: receipts and order confirmations as PDF files (DEP-2, ORD-4), made in the background from a queue,
kept in S3 under the customer's prefix and downloaded through a short-lived link."""
