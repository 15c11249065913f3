"""Reimbursement of enterprises' costs (Order No. 597): the Reimbursement application."""
