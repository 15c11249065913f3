"""Targeted training by an enterprise's request (DOMAIN.md "TargetedTrainingOrder")."""
