# pool.py: a multiprocessing pool of 3 workers maps 12 items, one at a time, and prints which
# worker (pid) took each. Natively the pids, and which worker takes which item, vary from run to
# run. The pool's queues are guarded by process-shared semaphores: futexes in /dev/shm memory.
import os
from multiprocessing import Pool


def who(i):
    return (i, os.getpid())


if __name__ == "__main__":
    with Pool(3) as pool:
        print(pool.map(who, range(12), chunksize=1))
