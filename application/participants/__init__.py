"""Participants: organisations, mentors and access tokens."""
