"""How many processors a load may keep busy: in a container, fewer than the machine has.

`os.cpu_count()` counts the host's processors. A loader in a container
limited to two CPUs (`docker run --cpus 2`, a Kubernetes CPU limit) on a
64-core host started 64 preparing processes: each imports the extraction
stack, so together they took gigabytes (the pod OOM-killed) while the CPU
quota let only two of them run at a time. The count here is the smallest of
the processors this process may run on (`sched_getaffinity`: `--cpuset-cpus`,
`taskset`) and its cgroup's CPU quota, rounded up.
"""
from __future__ import annotations

import math
import os
from pathlib import Path

#: cgroup v2's quota of this container: "<quota µs> <period µs>", or "max <period>".
CGROUP_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")
#: cgroup v1's: the quota (-1 for none) and the period, in µs, one file each.
CGROUP_V1_QUOTA = Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")
CGROUP_V1_PERIOD = Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us")


def usable_cpus() -> int:
    """Processors this process may use, at least 1."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cpus = os.cpu_count() or 1
    quota = cgroup_cpu_quota()
    if quota is not None:
        cpus = min(cpus, math.ceil(quota))
    return max(1, cpus)


def cgroup_cpu_quota() -> float | None:
    """CPUs' worth of time the cgroup allows (1.5 for "150000 100000"), None without a limit."""
    v2 = _read(CGROUP_CPU_MAX)
    if v2 is not None:
        quota, _, period = v2.partition(" ")
        return _ratio(quota, period)
    quota = _read(CGROUP_V1_QUOTA)
    return None if quota is None else _ratio(quota, _read(CGROUP_V1_PERIOD) or "")


def _ratio(quota: str, period: str) -> float | None:
    try:
        quota_us, period_us = int(quota), int(period)
    except ValueError:  # "max" (no limit), or a file we do not understand
        return None
    return quota_us / period_us if quota_us > 0 and period_us > 0 else None


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None
