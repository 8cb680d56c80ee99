# The README's two commands are `make run` and `make test`; the rest are for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test lint format fixtures reset-local-db superuser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the requirements change.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

run: setup  ## set everything up on SQLite and serve the portal
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_catalog
	@echo ""
	@echo "  威海“双全双百”政务服务门户: http://$(HOST):$(PORT)/"
	@echo "  管理后台: http://$(HOST):$(PORT)/admin/  (先运行 make superuser 创建账号)"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup  ## the whole test suite (DATABASE_URL chooses the database; SQLite by default)
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

fixtures: setup  ## re-parse fixtures/source/ into fixtures/*.json
	$(BIN)/python manage.py build_fixtures

superuser: setup
	$(BIN)/python manage.py createsuperuser

reset-local-db: setup
	rm -f db.sqlite3
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_catalog
