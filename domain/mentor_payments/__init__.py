"""Paid-services contracts between a college and a mentor: acts, approvals, payments."""
