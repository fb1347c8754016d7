"""How many threads the built-in note model may use right now: its own, plus the cores that no
other program is using.

llama.cpp's threads wait for each other at every step, busy, so a thread on a core that another
program wants makes every step as slow as the slowest thread: on a busy 2-core machine two
threads drafted at 0.8 tokens/s and one at 6 (``local_process.default_threads`` keeps a core
free for that reason). After Stop, though, nothing else may run, and the free core nearly
doubles the speed (bench/draft_options.py: the prompt read in 2.0 s instead of 3.6 s). So while
the app allows it (no recording under way), the server's child process watches the machine:
every ``PERIOD_S`` it takes the CPU time of every process less its own, and runs with its own
threads plus the cores that have been idle for two samples in a row, going back to its own as
soon as another program wants a core.

Only where ``/proc/stat`` exists (Linux); elsewhere the server keeps its own threads.

Threads: ``SpareCores.run`` on a daemon thread of the child process; ``allow`` from the thread
that reads Scribe's messages. ``apply`` is called with the new thread count (llama.cpp reads it
at its next step).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

PERIOD_S = 0.5
IDLE_MARGIN = 0.2  # a core counts as free while other programs use less than this much of it
UP_AFTER = 2  # samples in a row that find cores free before they are taken (down: at once),
# since a thread on a core another program wants costs far more than an idle core
SPARE_CORES_ON = "spare-cores on"
SPARE_CORES_OFF = "spare-cores off"


@dataclass(frozen=True)
class CpuSample:
    busy_s: float  # CPU time of every process on the machine since boot
    own_s: float  # this process's CPU time (all its threads)
    wall_s: float


def others_cores(before: CpuSample, after: CpuSample) -> float:
    """How many cores other programs used on average between two samples."""
    wall = after.wall_s - before.wall_s
    if wall <= 0:
        return 0.0
    others = (after.busy_s - before.busy_s) - (after.own_s - before.own_s)
    return max(0.0, others / wall)


def threads_for(base: int, cores: int, others: float) -> int:
    """``base`` threads plus every core neither they nor other programs need."""
    free = cores - base - others
    return max(base, min(cores, base + max(0, int(free + IDLE_MARGIN))))


def read_sample(stat_path: str = "/proc/stat") -> CpuSample | None:
    """The machine's busy time and this process's, or None where /proc/stat is not there."""
    try:
        with open(stat_path, encoding="ascii") as fh:
            fields = fh.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu" or len(fields) < 8:
        return None
    # user nice system idle iowait irq softirq [steal ...]: all but idle and iowait are busy
    values = [int(v) for v in fields[1:9]]
    busy = sum(values) - values[3] - values[4]
    ticks = os.sysconf("SC_CLK_TCK")
    times = os.times()
    return CpuSample(busy / ticks, times.user + times.system, time.monotonic())


class SpareCores:
    """Follow the machine's free cores while allowed; ``base`` threads otherwise."""

    def __init__(
        self,
        *,
        base: int,
        apply: Callable[[int], bool],
        cores: int | None = None,
        sample: Callable[[], CpuSample | None] = read_sample,
    ) -> None:
        self.base = base
        self.cores = cores or os.cpu_count() or 1
        self._apply = apply  # False while there is no model to apply it to yet
        self._sample = sample
        self._allowed = threading.Event()
        self._current = base
        self._free_in_a_row = 0

    def allow(self, allowed: bool) -> None:
        if allowed:
            self._allowed.set()
        else:
            self._allowed.clear()

    def step(self, before: CpuSample | None, after: CpuSample | None) -> int:
        """The thread count for now, applied if it changed."""
        wanted = self.base
        if self._allowed.is_set() and before is not None and after is not None:
            wanted = threads_for(self.base, self.cores, others_cores(before, after))
        self._free_in_a_row = self._free_in_a_row + 1 if wanted > self._current else 0
        if wanted > self._current and self._free_in_a_row < UP_AFTER:
            return self._current
        if wanted != self._current and self._apply(wanted):
            log.info("note server: %d thread(s)", wanted)
            self._current = wanted
        return self._current

    def run(self, stop: threading.Event) -> None:
        if self.cores <= self.base:
            return  # nothing to share
        before = self._sample()
        while not stop.wait(PERIOD_S):
            after = self._sample()
            self.step(before, after)
            before = after
