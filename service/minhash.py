"""MinHash signatures, bit for bit as datasketch 2.0's `MinHash` (scheme "affine32").

Why not datasketch itself: importing it imports its LSH module, which imports
scipy, about 56 MB and most of a second in every process that groups quotes
(each gunicorn worker, each loader process), for twenty lines of numpy. The
band keys already stored in indices came from datasketch, so the arithmetic
must stay the same: tests/unit/test_statements.py compares with datasketch
(a test dependency) on fixed and on generated input.

Each value is hashed to 32 bits (the first four bytes of its SHA-1, little
endian), mixed by the MurmurHash3 finalizer, and mapped by `num_perm` affine
permutations `a * h + b` modulo 2**32 (odd `a`, drawn from the seed); the
signature is each permutation's minimum.
"""
from __future__ import annotations

import hashlib
import struct
from typing import Iterable

import numpy as np

_EMPTY = np.uint32(0xFFFFFFFF)
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_FIRST_WORD = struct.Struct("<I")


class MinHasher:
    """Draws the permutations once; `signature` is then stateless (safe in any thread)."""

    def __init__(self, num_perm: int, seed: int):
        generator = np.random.RandomState(seed)
        self.a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        self.b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
        self.num_perm = num_perm

    def signature(self, values: Iterable[bytes]) -> np.ndarray:
        """The `num_perm` minima (uint32) over `values`; all 2**32 - 1 for none."""
        hashed = np.array([_FIRST_WORD.unpack_from(hashlib.sha1(value).digest())[0] for value in values],
                          dtype=np.uint32)
        if not hashed.size:
            return np.full(self.num_perm, _EMPTY, dtype=np.uint32)
        return (_fmix(hashed).reshape(-1, 1) * self.a + self.b).min(axis=0)  # uint32: wraps modulo 2**32


def _fmix(hashed: np.ndarray) -> np.ndarray:
    shift1, multiply1, shift2, multiply2, shift3 = _FMIX
    hashed = hashed ^ (hashed >> shift1)
    hashed = hashed * multiply1
    hashed = hashed ^ (hashed >> shift2)
    hashed = hashed * multiply2
    return hashed ^ (hashed >> shift3)
