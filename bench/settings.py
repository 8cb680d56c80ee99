"""Settings for bench/load.sh only: production, plus the minimal view (bench/urls.py) and plain HTTP.

Never used by the portal itself; `manage.py` and `portal/wsgi.py` do not know this module.
"""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# wrk talks plain HTTP to gunicorn and nginx on 127.0.0.1.
SECURE_SSL_REDIRECT = False
