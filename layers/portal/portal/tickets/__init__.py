"""Support tickets (DOC-8): a customer's users open them, both sides write, staff move them on."""
