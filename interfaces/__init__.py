"""The outside of dualtrack: the HTTP API (``interfaces.web``) and the command line."""
