"""The dual-training domain: value objects, aggregates and their rules.

Imports nothing but the standard library and ``eventsourcing.domain``.
"""
