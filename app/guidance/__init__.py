"""Guidance: assessment, the programme of each stage and its items, the progress book, referrals,
classification and consent to home visits."""
