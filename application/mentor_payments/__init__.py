"""Mentor service contracts and payments: the MentorPayments application."""
