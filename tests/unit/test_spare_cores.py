"""The built-in note server's thread count follows the machine's idle cores, only while allowed
(desktop.notes.spare_cores)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.notes.spare_cores import (
    CpuSample,
    SpareCores,
    others_cores,
    read_sample,
    threads_for,
)


def test_other_programs_cpu_is_the_machines_less_the_servers_own() -> None:
    before = CpuSample(busy_s=100.0, own_s=10.0, wall_s=50.0)
    after = CpuSample(busy_s=101.5, own_s=11.0, wall_s=51.0)  # 1.5 core-s busy, 1.0 ours
    assert others_cores(before, after) == 0.5
    assert others_cores(after, after) == 0.0  # no time passed


def test_idle_cores_are_added_and_a_core_another_program_wants_is_not() -> None:
    assert threads_for(1, 2, others=0.0) == 2
    assert threads_for(1, 2, others=0.15) == 2  # a little noise leaves the core free
    assert threads_for(1, 2, others=0.5) == 1
    assert threads_for(1, 2, others=1.8) == 1  # never below the server's own
    assert threads_for(3, 8, others=1.0) == 7
    assert threads_for(2, 2, others=0.0) == 2


def sample_at(busy: float, own: float, wall: float) -> CpuSample:
    return CpuSample(busy_s=busy, own_s=own, wall_s=wall)


def test_threads_follow_the_free_cores_only_while_allowed() -> None:
    applied: list[int] = []

    def apply(n: int) -> bool:
        applied.append(n)
        return True

    spare = SpareCores(base=1, apply=apply, cores=2)
    idle = (sample_at(0, 0, 0), sample_at(0.05, 0, 1))
    busy = (sample_at(0, 0, 0), sample_at(1.5, 1.0, 1))  # another program took half a core
    assert spare.step(*idle) == 1  # not allowed yet (a recording may be under way)
    spare.allow(True)
    assert spare.step(*idle) == 1  # free once: not yet
    assert spare.step(*idle) == 2  # free twice in a row: taken
    assert spare.step(*idle) == 2
    assert spare.step(*busy) == 1  # wanted by another program: given back at once
    assert spare.step(*idle) == 1
    assert spare.step(*busy) == 1  # a program that comes and goes: the core is left to it
    assert spare.step(*idle) == 1
    assert spare.step(*idle) == 2
    spare.allow(False)
    assert spare.step(*idle) == 1
    assert applied == [2, 1, 2, 1]  # applied only when it changes


def test_nothing_is_applied_before_the_model_is_loaded_and_it_is_tried_again() -> None:
    loaded = False

    def apply(n: int) -> bool:
        return loaded

    spare = SpareCores(base=1, apply=apply, cores=2)
    spare.allow(True)
    idle = (sample_at(0, 0, 0), sample_at(0, 0, 1))
    assert spare.step(*idle) == 1
    assert spare.step(*idle) == 1
    loaded = True
    assert spare.step(*idle) == 2


def test_without_cpu_figures_the_server_keeps_its_own_threads() -> None:
    spare = SpareCores(base=1, apply=lambda n: True, cores=2)
    spare.allow(True)
    assert spare.step(None, sample_at(0, 0, 1)) == 1


def test_the_machines_cpu_time_is_read_from_proc_stat(tmp_path: Path) -> None:
    stat = tmp_path / "stat"
    # user nice system idle iowait irq softirq steal: busy = all but idle and iowait
    stat.write_text("cpu  100 0 50 1000 30 5 5 0 0 0\ncpu0 50 0 25 500 15 2 3 0 0 0\n")
    sample = read_sample(str(stat))
    assert sample is not None
    assert abs(sample.busy_s - 160 / os.sysconf("SC_CLK_TCK")) < 1e-9
    assert read_sample(str(tmp_path / "missing")) is None  # not Linux: the server's own threads
    stat.write_text("intr 1 2 3\n")
    assert read_sample(str(stat)) is None
