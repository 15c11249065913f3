"""The tripartite dual-training agreement (DOMAIN.md, DualTrainingAgreement rules 1-10)."""
