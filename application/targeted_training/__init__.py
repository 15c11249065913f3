"""Targeted training by enterprise request: the TargetedTraining application."""
