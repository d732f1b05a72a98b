#!/usr/bin/env python3
"""Top-frames table of a dotnet-trace speedscope file (bench/profile.sh).

dotnet-trace's thread-time sampling records every thread, also those that wait. Its stacks end in a
pseudo frame: CPU_TIME (running managed code) or UNMANAGED_CODE_TIME (in native code, which is where
a thread waits). A sample in native code under a wait (an idle thread-pool thread, the socket
engine's epoll loop, a timer, the console logger's queue) is not CPU the requests cost and is left
out; what remains approximates on-CPU time. Prints, per frame, the share of those samples it is on
the stack (inclusive) and the deepest real frame of the stack (exclusive, "[native]" when the
sample was in native code below it, e.g. a socket send or the crypto of data protection).
Usage: profile-top.py FILE.speedscope.json [N]
"""
import json
import re
import sys
from collections import defaultdict

WAITING = re.compile(
    r"WaitForSocketEvents|LowLevelLifoSemaphore\.Wait|WaitHandle\.Wait|Monitor\.Wait|Thread\.Sleep|SleepInternal"
    r"|WaitOneCore|WaitOneNoCheck|WaitNative|ManualResetEventSlim\.Wait|SemaphoreSlim\.Wait\b|SpinWait|Thread\.Join"
    r"|PortableThreadPool\+GateThread|Interop\+Sys\.(Poll|Read)\b|Console|TimerQueue\.TimerThread|WaitMultiple|WaitSubsystem"
    r"|SocketAsyncEngine\.EventLoop|WorkerThread\.WorkerThreadStart|FileSystemWatcher|Program\.<Main>")
PSEUDO = {"CPU_TIME", "UNMANAGED_CODE_TIME", "?!?"}


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    with open(path) as file:
        data = json.load(file)
    frames = [f["name"] for f in data["shared"]["frames"]]
    inclusive = defaultdict(float)
    exclusive = defaultdict(float)
    busy = waiting = 0.0

    def account(stack, duration):
        nonlocal busy, waiting
        if not stack or duration <= 0:
            return
        real = [f for f in stack if frames[f] not in PSEUDO]
        native = frames[stack[-1]] != "CPU_TIME"
        if not real or (native and WAITING.search(frames[real[-1]])):
            waiting += duration
            return
        busy += duration
        exclusive[(real[-1], native)] += duration
        for f in set(real):
            inclusive[(f, False)] += duration

    for profile in data["profiles"]:
        if profile["type"] == "evented":
            stack, last = [], profile.get("startValue", 0)
            for event in profile["events"]:
                account(stack, event["at"] - last)
                last = event["at"]
                if event["type"] == "O":
                    stack.append(event["frame"])
                elif stack:
                    stack.pop()
        else:
            for sample, weight in zip(profile["samples"], profile["weights"]):
                account(sample, weight)

    if busy == 0:
        print("No busy samples in the trace.")
        return
    print(f"{busy / 1000:.1f} s of busy thread time sampled, {waiting / 1000:.1f} s of waiting left out")

    def name(key):
        f, native = key
        text = re.sub(r"\(.*\)$", "", frames[f])
        text = text if len(text) <= 110 else text[:107] + "..."
        return text + (" [native]" if native else "")

    for title, table in (("inclusive", inclusive), ("exclusive", exclusive)):
        print(f"\n| {title} % | frame |\n|---:|---|")
        for f, value in sorted(table.items(), key=lambda kv: -kv[1])[:top]:
            print(f"| {100 * value / busy:.1f} | {name(f)} |")


main()
