#!/usr/bin/env python3
"""Top-frames table of a dotnet-trace speedscope file (bench/profile.sh).

dotnet-trace's thread-time sampling records every thread, also those that wait; a stack that ends in
a wait (an idle thread-pool thread, the socket engine's epoll loop, a timer) is not CPU the requests
cost, so such samples are left out. What remains approximates on-CPU time. Prints, per frame, the
share of those samples it is on the stack (inclusive) and at the top of the stack (exclusive).
Usage: profile-top.py FILE.speedscope.json [N]
"""
import json
import re
import sys
from collections import defaultdict

WAITING = re.compile(
    r"WaitForSocketEvents|LowLevelLifoSemaphore\.Wait|WaitHandle\.Wait|Monitor\.Wait|Thread\.Sleep|SleepInternal"
    r"|WaitOneCore|WaitOneNoCheck|WaitNative|ManualResetEventSlim\.Wait|SemaphoreSlim\.Wait\b|SpinWait|Thread\.Join"
    r"|PortableThreadPool\+GateThread|Interop\+Sys\.(Poll|Read)\b|Console|TimerQueue\.TimerThread|WaitMultiple|WaitSubsystem")


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
        if any(WAITING.search(frames[f]) for f in stack[-6:]):
            waiting += duration
            return
        busy += duration
        exclusive[stack[-1]] += duration
        for f in set(stack):
            inclusive[f] += duration

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

    def name(f):
        text = frames[f]
        text = re.sub(r"\(.*\)$", "", text)
        return text if len(text) <= 110 else text[:107] + "..."

    for title, table in (("inclusive", inclusive), ("exclusive", exclusive)):
        print(f"\n| {title} % | frame |\n|---:|---|")
        for f, value in sorted(table.items(), key=lambda kv: -kv[1])[:top]:
            print(f"| {100 * value / busy:.1f} | {name(f)} |")


main()
