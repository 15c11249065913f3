"""Patronage memoranda: the application, its commands and access rules."""
