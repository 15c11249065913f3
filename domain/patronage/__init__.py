"""Patronage memoranda: a large enterprise takes a college under its patronage."""
