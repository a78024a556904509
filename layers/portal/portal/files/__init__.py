"""Files linked to customers, objects and cases (CASE-5): uploaded by staff straight to S3, checked after upload."""
