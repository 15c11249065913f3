"""Work-experience credit (seniority) earned by practice, and its certificates."""
