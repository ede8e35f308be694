"""Transcribing a backlog: many files, each exactly once, on local worker processes or on Ray.

- ``worklist``: which files, their content hash and date, which are in the library already.
- ``decode``: one file decoded where a worker runs (no library there), segments back.
- ``local`` and ``ray_engine``: the two engines, same events, retries at most twice.
- ``writer``: the coordinator's one transaction per file (no meeting is ever half there).
- ``run``: the coordinator: work list, engine, writer, progress, summary.

Only the coordinator writes the library, so the library's one-writer rules hold on
one machine or on a cluster.
"""

from transcriber.batch.run import BatchReport, run_batch

__all__ = ["BatchReport", "run_batch"]
