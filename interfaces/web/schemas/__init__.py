"""Marshmallow schemas: every request body and every response is declared here."""
