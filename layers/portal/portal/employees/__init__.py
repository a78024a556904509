"""Employees (EMP-1): a customer's employees, with their national identity numbers sealed."""
