"""One blueprint per resource; ``interfaces.web.create_app`` registers them."""
