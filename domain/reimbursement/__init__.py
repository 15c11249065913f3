"""Reimbursement of enterprises' dual-training costs (Order No. 597, seeds section 9 p.6)."""
