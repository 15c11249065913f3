"""Running import jobs in the serving process: one thread per job, and, once per process,
the jobs a stopped worker left unfinished (their rows are stored: they resume)."""

from __future__ import annotations

import logging
import threading
from typing import Any
from uuid import UUID

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_threads: dict[UUID, threading.Thread] = {}
_resumed: set[int] = set()


def start(system: Any, job_id: UUID) -> threading.Thread:
    with _lock:
        running = _threads.get(job_id)
        if running is not None and running.is_alive():
            return running
        thread = threading.Thread(target=_run, args=(system, job_id), daemon=True,
                                  name=f"import-{job_id}")
        _threads[job_id] = thread
    thread.start()
    return thread


def resume_unfinished(system: Any) -> None:
    with _lock:
        if id(system) in _resumed:
            return
        _resumed.add(id(system))
    for job_id in system.intake.unfinished():
        start(system, job_id)


def wait(job_id: UUID, timeout: float = 30.0) -> None:
    """For tests and the command line: until the job's thread (if any) ends."""
    thread = _threads.get(job_id)
    if thread is not None:
        thread.join(timeout)


def _run(system: Any, job_id: UUID) -> None:
    try:
        system.intake.run(job_id)
    except Exception:  # a closed store at shutdown, say: the job resumes on next start
        _log.exception("import %s stopped; it resumes when the API starts again", job_id)
