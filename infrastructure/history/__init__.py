"""The tamper-evident history: event hashes written with the events, seals, append-only."""
