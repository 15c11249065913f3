"""Organisations (colleges, enterprises), their mentors, and access tokens."""
