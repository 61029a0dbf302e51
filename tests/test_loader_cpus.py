"""The loader's default number of preparing processes follows a container's CPU limit."""
from __future__ import annotations

import argparse
import os

import pytest

import loaders.cli as cli
import loaders.cpus as cpus


@pytest.fixture()
def cgroup(tmp_path, monkeypatch):
    """Points the cgroup files at tmp_path; returns a writer of cgroup v2's cpu.max."""
    monkeypatch.setattr(cpus, "CGROUP_CPU_MAX", tmp_path / "cpu.max")
    monkeypatch.setattr(cpus, "CGROUP_V1_QUOTA", tmp_path / "cpu.cfs_quota_us")
    monkeypatch.setattr(cpus, "CGROUP_V1_PERIOD", tmp_path / "cpu.cfs_period_us")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)))  # a 64-core host
    return lambda text: (tmp_path / "cpu.max").write_text(text)


@pytest.mark.parametrize("cpu_max, expected", [
    ("200000 100000\n", 2),   # docker run --cpus 2
    ("150000 100000\n", 2),   # 1.5 CPUs: two processes, rounded up
    ("50000 100000\n", 1),    # half a CPU
    ("max 100000\n", 64),     # no limit
    ("nonsense\n", 64),       # a file we do not understand: no limit assumed
])
def test_cgroup_v2_quota_caps_the_cpus(cgroup, cpu_max, expected):
    cgroup(cpu_max)
    assert cpus.usable_cpus() == expected


def test_without_cgroup_files_the_affinity_counts(cgroup):
    assert cpus.usable_cpus() == 64


def test_cgroup_v1_quota_caps_the_cpus(cgroup, tmp_path):
    (tmp_path / "cpu.cfs_quota_us").write_text("300000\n")
    (tmp_path / "cpu.cfs_period_us").write_text("100000\n")
    assert cpus.usable_cpus() == 3
    (tmp_path / "cpu.cfs_quota_us").write_text("-1\n")
    assert cpus.usable_cpus() == 64


def test_a_large_load_in_a_two_cpu_container_starts_two_workers_not_one_per_host_core(cgroup, tmp_path,
                                                                                       monkeypatch):
    cgroup("200000 100000\n")
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"{}\n" * (cli.PARALLEL_FROM_BYTES // 3 + 1))
    assert cli._workers(argparse.Namespace(workers=None, paths=[str(big)])) == 2
