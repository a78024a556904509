"""Bulk upload of an existing customer register (ORG-3): a CSV file posted to S3, read and imported by a worker."""
