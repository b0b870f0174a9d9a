#!/usr/bin/env python3
"""Runs one command and prints "cpu_seconds wall_seconds peak_rss_kib" for it.

Usage: rusage.py OUT ERR CMD...   (the command's stdout goes to OUT, stderr is appended to ERR)

CPU time is user + system of the command and everything it waited for, read from
wait4's rusage with microsecond resolution; GNU time prints the same counters rounded
to 10 ms, which is a tenth of a whole text-dump run. Peak RSS is ru_maxrss (KiB on Linux).
"""
import os
import sys
import time

out_path, err_path, *command = sys.argv[1:]
with open(out_path, "wb") as out, open(err_path, "ab") as err:
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
print(f"{usage.ru_utime + usage.ru_stime:.4f} {wall:.4f} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status) if os.waitstatus_to_exitcode(status) >= 0 else 1)
