"""Adapters: settings from the environment, persistence, the composition root."""
