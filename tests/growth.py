"""How a cost grows with its input, for tests that guard against a quadratic blow-up.

Speed targets belong to the benchmarks: a unit test asserting seconds fails
whenever the shared machine is busy. What a test can hold is the shape of the
cost: it times the same input at two sizes in one run and bounds the ratio, as
a loaded machine slows both alike. At eight times the input a linear step takes
about eight times as long and a quadratic one sixty-four, so GROWTH_BOUND sits
between them, far enough from each to tell them apart on a noisy host.
"""
from __future__ import annotations

import gc
import time
from typing import Callable

#: How many times longer eight times the input may take: linear is 8, quadratic 64.
GROWTH_BOUND = 20


def growth(small: Callable[[], object], large: Callable[[], object], times: int = 4) -> float:
    """How many times longer `large` takes than `small`: each the quickest of a few runs, taken in
    turn so that the machine's other load weighs on both alike.

    Counted in this thread's CPU time, with the cyclic collector paused and run before each: a
    busy neighbour process, a backend's thread left working by an earlier test, or a collection
    of everything the test process holds would land on one size and not the other, and made the
    ratio 10.3 once in CI where the code gives 4.4."""
    fastest = [float("inf"), float("inf")]
    for _ in range(times):
        for which, run in enumerate((small, large)):
            gc.collect()
            gc.disable()
            try:
                started = time.thread_time()
                run()
                fastest[which] = min(fastest[which], time.thread_time() - started)
            finally:
                gc.enable()
    return fastest[1] / fastest[0]
