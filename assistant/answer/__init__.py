"""The answer: the protocol every answerer follows, the extractive answerer, and the rendering of evidence as text."""
