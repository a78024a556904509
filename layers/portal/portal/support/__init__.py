"""The vendor's support contacts (phone, e-mail, opening hours), shown on every page and before login."""
