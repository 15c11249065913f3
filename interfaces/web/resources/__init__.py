"""One package per HTTP resource: its blueprint, views and schemas together."""
