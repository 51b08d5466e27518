"""What an answer rests on: the law passages as pinpoint citations, the FAQ entry and the gaps."""
