"""Application services: one eventsourcing Application per area of the product."""
