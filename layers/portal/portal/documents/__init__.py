"""Business documents (DOC-1..7): UBL invoices, credit notes, orders and order responses sent and received."""
