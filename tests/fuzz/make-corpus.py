#!/usr/bin/env python3
"""Writes the large seeds of the CSV corpus into the folder given: they are
made, not kept in the repository."""
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "field-1mb.csv"), "wb") as f:
    f.write(b"name,notes\nBig,\"" + b"x" * (1 << 20) + b"\"\n")
with open(os.path.join(out, "columns-100k.csv"), "wb") as f:
    f.write(b"name," + b",".join(b"c%d" % i for i in range(100000)) + b"\n")
    f.write(b"Wide," + b"," * 99999 + b"\n")
with open(os.path.join(out, "rows-many.csv"), "wb") as f:
    f.write(b"name\n" + b"".join(b"P%d\n" % i for i in range(20000)))
