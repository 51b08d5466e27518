"""Legal references as people write them, and verbatim look-ups of what they name."""
