# pyguest.py DIR: prints values a Python program typically gets from its environment.
# Varies natively: random.random(), the pid, time.time(), uuid4, os.urandom, os.listdir order
# (file-system hash order), and the hash seed (str hash).
import os
import random
import sys
import time
import uuid

print("random", random.random())
print("pid", os.getpid())
print("time", time.time())
print("uuid4", uuid.uuid4())
print("urandom", os.urandom(8).hex())
print("hash", hash("vbench"))
print("listdir", " ".join(os.listdir(sys.argv[1])))
