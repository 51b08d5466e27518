"""Which FAQ entry a question is about, learned from the entries' own questions.

The FAQ's nearest phrasing picks the wrong entry among close neighbours: "hvor lenge er kursbeviset gyldig?" is
nearest to kursbevis's phrasings, though it asks what kurs-gyldighet answers. A linear (softmax) classifier over
the phrasing vectors learns the directions that tell neighbours apart, not only which phrasing is closest. It
is trained when an index version is loaded, from that version's FAQ question vectors alone (no eval item), in
a fixed number of full-batch steps from zero, so the same index gives the same model. Its probability only
reorders the FAQ hits (``Hit.rerank``); the thresholds still read the fused score.

Measured on the dev split's 282 FAQ questions (top-1 entry by the dense signal alone): nearest phrasing 72.7%,
the classifier 80.1%, the nearest phrasing plus 0.05 x the classifier's probability 81.2%; end to end, dev
1,083 -> 1,091 of 1,215. Not shipped (FusionConfig.faq_classifier = 0): a softmax shares the probability of a
topic among sibling entries, so "Må jeg ha HMS-kurs som verneombud?" goes to the one audience entry
(kurs-malgruppe) rather than to any of the five verneombud entries. The `plus-faq-classifier` eval variant
measures it.
"""

from __future__ import annotations

import numpy as np

SCALE = (
    20.0  # the centred vectors are scaled so that the softmax can be sharp (e5 cosines sit close together)
)
L2 = 1e-3
STEPS = 300
RATE = 8.0


class FaqClassifier:
    def __init__(self, keys: list[str], weights: np.ndarray, bias: np.ndarray, mean: np.ndarray):
        self.keys = keys
        self._weights = weights
        self._bias = bias
        self._mean = mean

    @classmethod
    def train(cls, vectors: np.ndarray, labels: list[str]) -> FaqClassifier | None:
        """A classifier over the entries named in ``labels``; None with fewer than two entries."""
        keys = sorted(set(labels))
        if len(keys) < 2 or len(vectors) != len(labels):
            return None
        index = {k: i for i, k in enumerate(keys)}
        y = np.eye(len(keys), dtype=np.float32)[[index[k] for k in labels]]
        mean = vectors.mean(axis=0).astype(np.float32)
        x = (vectors.astype(np.float32) - mean) * SCALE
        weights = np.zeros((x.shape[1], len(keys)), dtype=np.float32)
        bias = np.zeros(len(keys), dtype=np.float32)
        for _ in range(STEPS):
            grad = (_softmax(x @ weights + bias) - y) / len(x)
            weights -= RATE * (x.T @ grad + L2 * weights)
            bias -= RATE * grad.sum(axis=0)
        return cls(keys, weights, bias, mean)

    def probabilities(self, vector: np.ndarray) -> dict[str, float]:
        logits = ((vector.astype(np.float32) - self._mean) * SCALE) @ self._weights + self._bias
        return dict(zip(self.keys, _softmax(logits[None, :])[0].tolist(), strict=True))


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)
