#!/usr/bin/env python3
"""How far a linear model of vbench's counts can get on a calibration's points (issue 11).

Usage: docs/bench/model-limits.py [POINTS.csv]   (default: the shipped run 16 points)
Needs python3-numpy and python3-scipy.

Refits the calibrator's model (non-negative least squares of the native median on
FeatureSet.DEFAULT, each point weighted by 1/time, as PerfModel does) three ways:
  in-sample  every point trains and is predicted: what the features can express at all;
  LOKO       leave one kind out (the calibrator's cross-validation): a kind never seen;
  LOPO       leave one point out: the kind's other sizes stay in, so it is interpolation.
and, with --without K1,K2, the same without some kinds.  Prints median and maximum absolute
percentage error, the price per issue slot, and each kind's median signed LOKO error.
"""
import csv
import os
import sys

import numpy as np
from scipy.optimize import nnls

FEATURES = ("issue_slots,cache_misses,branch_mispredicts,pages_touched,atomic_ops,syscalls_cheap,"
            "syscalls_file,syscalls_memory,syscalls_blocking,bytes_read,bytes_written,bytes_mapped,"
            "processes,threads").split(",")
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "models", "valgrind-amd-epyc-2cpus-default.points.csv")


def fit(X, y, train):
    w = 1 / y[train]
    A, b = X[train] * w[:, None], y[train] * w
    scale = np.linalg.norm(A, axis=0)
    scale[scale == 0] = 1
    coef, _ = nnls(A / scale, b)
    return coef / scale


def report(rows, title):
    X = np.array([[float(r[f]) for f in FEATURES] for r in rows])
    y = np.array([float(r["wall_median_ns"]) for r in rows])
    kinds = np.array([r["kind"] for r in rows])
    everyone = np.ones(len(y), bool)
    coef = fit(X, y, everyone)
    predictions = {"in-sample": X @ coef, "LOKO": np.zeros(len(y)), "LOPO": np.zeros(len(y))}
    for kind in set(kinds):
        held = kinds == kind
        predictions["LOKO"][held] = X[held] @ fit(X, y, ~held)
    for i in range(len(y)):
        train = everyone.copy()
        train[i] = False
        predictions["LOPO"][i] = X[i] @ fit(X, y, train)
    print(f"{title}: {len(y)} points, {len(set(kinds))} kinds; "
          f"in-sample price per issue slot {coef[0]:.4f} ns")
    for name, p in predictions.items():
        err = (p - y) / y * 100
        print(f"  {name:9s} median {np.median(abs(err)):5.1f}%  max {abs(err).max():6.1f}%")
    loko = (predictions["LOKO"] - y) / y * 100
    print("  LOKO by kind: " + "  ".join(f"{k} {np.median(loko[kinds == k]):+.0f}%" for k in sorted(set(kinds))))


def main(argv):
    without = set()
    if "--without" in argv:
        i = argv.index("--without")
        without = set(argv[i + 1].split(","))
        argv = argv[:i] + argv[i + 2:]
    path = argv[1] if len(argv) > 1 else DEFAULT
    rows = list(csv.DictReader(open(path)))
    report(rows, os.path.basename(path))
    if without:
        report([r for r in rows if r["kind"] not in without], "without " + ",".join(sorted(without)))


if __name__ == "__main__":
    main(sys.argv)
