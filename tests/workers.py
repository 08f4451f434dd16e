"""Real background machinery for tests: a Celery worker process, and a private Redis server.

Imported as a pytest plugin by tests/conftest.py. The worker runs against the test database
(PostgreSQL only: SQLite's test database lives in the test process's memory) and the Redis in
``REDIS_URL``; its e-mail goes to files the test can read. A private Redis on a spare port is
for tests that stop and start the broker: the machine's own servers are never touched.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from email import message_from_bytes
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _test_database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class RedisServer:
    """A throw-away redis-server on a spare loopback port, started and stopped by the test."""

    def __init__(self, workdir: Path):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = workdir
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        _wait_for(self._answers, 10, f"redis on port {self.port}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class WorkerProcess:
    """``celery worker`` in a subprocess, consuming every queue, with mail written to ``mail_dir``.

    ``extra_env`` overrides the worker's environment (settings are read from it), e.g. a short
    ``NOTIFICATION_EMAIL_RETRY_BACKOFF`` or a broken ``EMAIL_URL``. Workers sharing a ``workdir``
    share the mail folder, so a test can count e-mails across a worker restart.
    """

    def __init__(self, *, broker_url: str, workdir: Path, extra_env: dict | None = None):
        self.broker_url = broker_url
        self.mail_dir = workdir / "mail"
        self.mail_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = workdir / f"worker-{uuid.uuid4().hex[:6]}.log"
        self.extra_env = extra_env or {}
        self.process = None

    def start(self):
        env = {
            **os.environ,
            "DATABASE_URL": _test_database_url(),
            "REDIS_URL": self.broker_url,
            # django-environ drops one leading slash of the path: four keep it absolute.
            "EMAIL_URL": f"filemail:///{self.mail_dir.resolve()}",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "DJANGO_SETTINGS_MODULE": "ovop_market.settings",
            **self.extra_env,
        }
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "ovop_market", "worker", "--queues", "default,images,notifications",
             "--concurrency", "1", "--pool", "prefork", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--hostname", f"test-{uuid.uuid4().hex[:8]}@%h", "--loglevel", "INFO"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        _wait_for(lambda: b" ready." in self.log_path.read_bytes() or self.process.poll() is not None, 60,
                  "the Celery worker to start")
        assert self.process.poll() is None, self.log_text()

    def stop(self, sig=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.process = None
        self.log.close()

    def kill_pool_child(self) -> int:
        """SIGKILL the pool process running tasks (as the kernel's OOM killer would); return its pid."""
        (pid,) = self.child_pids()
        os.kill(pid, signal.SIGKILL)
        return pid

    def child_pids(self) -> list[int]:
        """The pool processes that run tasks (children of the main worker process)."""
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True)
        return [int(pid) for pid in out.stdout.split()]

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def sent_mail(self) -> list:
        """Every e-mail the worker sent, parsed (the file backend writes one file per connection)."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(message_from_bytes(chunk.lstrip()))
        return messages

    def wait_for(self, predicate, timeout: float = 30, what: str = "the worker"):
        try:
            return _wait_for(predicate, timeout, what, interval=0.2)
        except AssertionError as error:
            raise AssertionError(f"{error}\n--- worker log ---\n{self.log_text()[-4000:]}") from None


def _needs_real_servers():
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL")


@pytest.fixture
def real_broker(settings):
    """Switch this test process from in-process tasks to the real Redis broker."""
    _needs_real_servers()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from ovop_market.celery import app

    app.conf.task_always_eager = False
    yield settings.REDIS_URL
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture
def celery_worker(transactional_db, real_broker, tmp_path):
    """A real worker process on the machine's Redis, against the test database."""
    worker = WorkerProcess(broker_url=real_broker, workdir=tmp_path)
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def start_worker(transactional_db, real_broker, tmp_path):
    """Start real worker processes (``start_worker(broker_url=..., **env)``); all stop after the test.

    Every worker started in one test writes its mail to the same folder.
    """
    workers = []

    def start(*, broker_url: str | None = None, **env) -> WorkerProcess:
        worker = WorkerProcess(broker_url=broker_url or real_broker, workdir=tmp_path,
                               extra_env={key: str(value) for key, value in env.items()})
        workers.append(worker)
        worker.start()
        return worker

    yield start
    for worker in workers:
        worker.stop()


@contextmanager
def broker_for_this_process(url: str):
    """Publish from this test process to the broker at ``url`` (the outbox, ``apply_async``), then back."""
    from ovop_market import outbox
    from ovop_market.celery import app

    def reset_pools():
        # Forget the app's pools so they are made again for the new URL. Not closed: kombu keeps
        # one pool per URL and would hand the closed one back when the URL is restored.
        app._pool = None
        app.amqp._producer_pool = None
        outbox._broker_down_until = 0.0

    previous = app.conf.broker_url
    reset_pools()
    app.conf.broker_url = url
    try:
        yield url
    finally:
        app.conf.broker_url = previous
        reset_pools()


@pytest.fixture
def private_redis(tmp_path):
    """A Redis of this test's own on a spare port (for stopping and starting the broker)."""
    _needs_real_servers()
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()
