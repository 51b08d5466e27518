"""The eval suite (datasets/ with a dev and a sealed test split, runner, metrics, reports) and the benchmarks; run
from a checkout, not installed. testing/ holds the test doubles and the demo site."""
