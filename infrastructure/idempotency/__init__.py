"""Durable Idempotency-Key records: request bookkeeping, not business facts."""
