# The README's two commands are `make run` and `make test`; the rest are for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup browser-deps test lint format fixtures reset-local-db superuser messages screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the requirements change.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@

# axe-core for the browser tests, pinned in package-lock.json; npm ci writes node_modules/.package-lock.json.
# Without npm the portal still runs; only the browser tests need it (.ci/run installs it).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund; \
	else echo "npm not found: skipping axe-core, which the browser tests need (apt-get install -y npm)"; fi

setup: $(VENV)/.installed node_modules/.package-lock.json

run: setup  ## set everything up on SQLite and serve the portal
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_catalog
	@echo ""
	@echo "  威海“双全双百”政务服务门户: http://$(HOST):$(PORT)/"
	@echo "  管理后台: http://$(HOST):$(PORT)/admin/  (先运行 make superuser 创建账号)"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

browser-deps:  ## Chromium, CJK fonts and npm for the browser tests (installed when missing, as root)
	@scripts/ensure-browser-deps

# browser-deps first: setup's `npm ci` needs npm.
test: browser-deps setup  ## the whole test suite (DATABASE_URL chooses the database; SQLite by default)
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

fixtures: setup  ## re-parse fixtures/source/ into fixtures/*.json
	$(BIN)/python manage.py build_fixtures

# The public interface's strings only: the admin (models' verbose names, admin modules and
# templates) stays Chinese, so its strings are left out.
messages: setup  ## re-extract the interface strings into locale/en/LC_MESSAGES/django.po and compile django.mo (needs gettext)
	$(BIN)/python manage.py makemessages -l en --no-obsolete --no-location \
		--ignore='*/models.py' --ignore='*/admin*.py' --ignore='*/apps.py' --ignore='*/migrations/*' --ignore='*/management/*' \
		--ignore=templates/admin --ignore=tests --ignore=node_modules --ignore=bench --ignore=fixtures --ignore=var --ignore=staticfiles
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv --ignore=node_modules

screenshots: setup  ## PNGs of every page type at 360 and 1280 px, normal, elderly and English, in bench/out/screenshots/
	$(BIN)/python bench/screenshots.py

superuser: setup
	$(BIN)/python manage.py createsuperuser

reset-local-db: setup
	rm -f db.sqlite3
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_catalog
