#!/usr/bin/env python3
"""Writes two vbench result files of N benchmarks each (default 10,000) for timing `vbench compare`.

Each benchmark looks like a real one (command, counts, 20 system calls by name, a thread, the
scheduler, wall time, hashes); the second file differs from the first in a few benchmarks so that
the comparison has regressions and improvements to report. Deterministic: same N, same bytes.
Usage: gen-results.py DIR [N]
"""
import json
import os
import random
import sys

out_dir = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
rng = random.Random(42)
syscalls = ["read", "write", "openat", "close", "mmap", "munmap", "brk", "fstat", "newfstatat", "lseek",
            "mprotect", "rt_sigaction", "rt_sigprocmask", "ioctl", "pread64", "access", "execve", "arch_prctl",
            "futex", "exit_group"]
environment = {"counter": "valgrind", "model": "default", "epoch": "2024-01-01T00:00:00Z", "seed": 0,
               "sched_seed": 0, "cpus": 4, "memory_bytes": 8 << 30, "cpuid_virtualized": True,
               "rdtsc_virtualized": False,
               "fingerprint": {"counter": "valgrind", "counter_version": "3.19.0", "cpu": "x86-64-v2",
                               "libc": "glibc 2.36", "kernel": "6.1.0-vbench", "model": "default"},
               "host": {"cpu": "AMD EPYC", "kernel": "6.1.0"}}


def benchmark(i, scale):
    insns = rng.randrange(1_000_000, 5_000_000_000)
    branches = insns // 7
    calls = {name: rng.randrange(1, 500) for name in syscalls}
    total = sum(calls.values())
    vt = int((branches * 10 + total * 10_000) * scale)
    return {
        "name": f"suite/group-{i // 100}/bench-{i}", "command": ["./bench", "--case", str(i)], "exit_status": 0,
        "virtual_time_ns": vt,
        "counters": {"instructions": insns, "branches_conditional": branches, "branches_indirect": insns // 50,
                     "syscalls": total},
        "syscalls_by_name": dict(sorted(calls.items())), "runs": 2, "deterministic": True,
        "wall_time_ns": {"runs": 10, "min": vt // 3, "median": vt // 2, "p90": vt * 2 // 3, "max": vt},
        "stdout_sha256": "%064x" % rng.getrandbits(256), "stderr_sha256": "%064x" % rng.getrandbits(256),
        "processes": 1, "threads": 1,
        "per_thread": [{"tid": 1000, "instructions": insns, "branches_conditional": branches, "syscalls": total}],
        "scheduler": {"turns": 12, "context_switches": 0, "preemptions": 0},
    }


for name, changed in (("base.json", False), ("new.json", True)):
    rng.seed(42)
    benchmarks = []
    for i in range(n):
        scale = 1.0
        if changed and i % 1000 == 7:
            scale = 1.05  # a regression
        elif changed and i % 1000 == 503:
            scale = 0.9  # an improvement
        benchmarks.append(benchmark(i, scale))
    result = {"schema": "vbench.result/1", "vbench": {"version": "bench"}, "environment": environment,
              "benchmarks": benchmarks}
    with open(os.path.join(out_dir, name), "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
