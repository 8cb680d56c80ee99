"""The production configuration files parse: deploy/nginx.conf (when nginx is installed) and deploy/gunicorn.conf.py."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
BROTLI_MODULE = Path("/usr/share/nginx/modules/ngx_http_brotli_static_module.so")


# CI (.ci/run) installs nginx, so there a missing nginx fails this test instead of skipping it.
@pytest.mark.skipif(
    shutil.which("nginx") is None and not os.environ.get("CI"),
    reason="nginx is not installed (apt-get install nginx libnginx-mod-http-brotli-static; .ci/run does)",
)
def test_nginx_accepts_the_deploy_configuration(tmp_path):
    assert shutil.which("nginx"), "nginx is not installed: .ci/run installs it"
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    # The values marked ← in the file, as bench/load.sh replaces them.
    site = site.replace("listen 80;", "listen 127.0.0.1:8089;").replace("/var/cache/nginx/portal", str(tmp_path))
    site = site.replace("/srv/portal/staticfiles/", f"{tmp_path}/")
    modules = f"load_module {BROTLI_MODULE};" if BROTLI_MODULE.exists() else ""
    if not modules:
        site = "\n".join(line for line in site.splitlines() if "brotli_static" not in line)
    (tmp_path / "portal.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"{modules}\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  include {tmp_path}/portal.conf;\n}}\n"
    )

    result = subprocess.run(
        ["nginx", "-t", "-q", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr


def test_gunicorn_accepts_the_deploy_configuration():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "test-only-key-that-is-long-enough-for-the-deploy-checks-0123456789",
        "ALLOWED_HOSTS": "portal.example.gov.cn",
        "WEB_CONCURRENCY": "3",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")

    result = subprocess.run(
        [str(gunicorn), "--check-config", "--print-config", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    config = dict(line.split(" = ", 1) for line in result.stdout.splitlines() if " = " in line)
    config = {name.strip(): value.strip() for name, value in config.items()}
    assert config["workers"] == "3"
    assert config["worker_class"] == "sync"
    assert config["bind"] == "['127.0.0.1:8000']"
    assert config["control_socket_disable"] == "True"


def test_collectstatic_writes_hashed_files_with_gzip_and_brotli_copies(tmp_path, settings):
    # Production's storage (portal/settings/base.py); the tests otherwise use the plain one.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # Only static/, not the apps' files (the admin's alone take seconds to compress).
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]

    call_command("collectstatic", "--noinput", verbosity=0)

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    hashed = tmp_path / manifest["css/portal.css"]
    assert re.fullmatch(r"css/portal\.[0-9a-f]{12}\.css", manifest["css/portal.css"])
    for suffix in (".gz", ".br"):
        compressed = hashed.with_name(hashed.name + suffix)
        assert compressed.exists() and compressed.stat().st_size < hashed.stat().st_size / 3
