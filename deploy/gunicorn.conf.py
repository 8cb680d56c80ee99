"""gunicorn for the portal: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi` (README, “Production”).

Sync workers: a request here is short, CPU-bound template work plus a few queries on a nearby
database, and nginx in front buffers slow clients, which is the set-up sync workers are made
for. On 2 cores, threads (gthread) gained nothing in our measurements (bench/load.sh).
Every value can be changed without editing this file: WEB_CONCURRENCY, GUNICORN_BIND, and
GUNICORN_CMD_ARGS for anything else (e.g. "--timeout 60").
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn's advice, (2 × cores) + 1: one worker waits on the database while another computes.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A page takes milliseconds; a worker stuck for 30 s is killed and replaced.
timeout = 30
graceful_timeout = 30
# Restart each worker now and then, so a slow leak never grows; jitter keeps them from restarting together.
max_requests = 2000
max_requests_jitter = 200
# Not preloaded: each worker imports the code itself, so `kill -HUP <master pid>` (systemctl
# reload) loads a new release with no dropped request.
preload_app = False
# X-Forwarded-Proto is trusted only from the reverse proxy (nginx on the same host by default).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No control socket (gunicorn 25.1 and later open one for its gunicornc tool, gunicorn.ctl in
# $XDG_RUNTIME_DIR or ~/.gunicorn): two instances of one user share that path and the second
# takes it over, and a service account without a writable home logs an error at every start.
# systemd and signals (HUP to reload, TERM to stop) do what it would.
control_socket_disable = True
# GUNICORN_ACCESS_LOG= (empty) turns it off, e.g. when nginx logs every request already.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
