"""Dual-training agreements: the commands and reads of the Agreements application."""
