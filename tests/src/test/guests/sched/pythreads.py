"""Python threads append to one list; the GIL's switches decide the order. Prints the length,
a hash of the list and the order compressed into runs (thread id x run length)."""
import hashlib
import sys
import threading

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 4
ITEMS = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
shared = []


def work(tid):
    acc = 0
    for i in range(ITEMS):
        acc += i * i % 7
        shared.append(tid)


threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
runs = []
for x in shared:
    if runs and runs[-1][0] == x:
        runs[-1][1] += 1
    else:
        runs.append([x, 1])
print("length=%d" % len(shared))
print("hash=%s" % hashlib.sha256(bytes(shared)).hexdigest()[:16])
print("switches=%d" % (len(runs) - 1))
print("runs=" + " ".join("%dx%d" % (t, n) for t, n in runs[:40]))
