"""Invoices (INV-1): a customer's invoices with their due dates, payments and credit notes, overdue by schedule."""
