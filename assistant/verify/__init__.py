"""The last step before an answer is shown: every citation is checked against the corpus."""
