# Frontier Incident Map: the two commands of the README are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test setup setup-dev browser postgis db db-stop lint format data gazetteer bench bench-store clean

$(VENV)/.runtime: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt requirements-scale.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.runtime        ## runtime dependencies in .venv
setup-dev: $(VENV)/.dev        ## plus test and lint tools

run: setup                     ## start the app (builds data/incidents.gpkg from seeds/ on first start)
	$(BIN)/python -m streamlit run app.py

browser:                       ## Debian chromium for the real-browser tests (installed when missing)
	@bash scripts/ensure_chromium.sh

postgis:                       ## Debian PostgreSQL 15 + PostGIS 3 for the database store (installed when missing)
	@bash scripts/ensure_postgis.sh

db: postgis                    ## start a local PostGIS server (data in .pgdata/) and print its URL
	@$(PYTHON) -m geo.pgserver start --dir .pgdata

db-stop:                       ## stop the server of `make db`
	@$(PYTHON) -m geo.pgserver stop --dir .pgdata

test: setup-dev browser postgis ## lint, format check, full test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

data: setup                    ## rebuild the incident store from seeds/
	$(BIN)/python -m geo build

gazetteer: setup               ## regenerate data/boundaries (needs the source folder) and data/gazetteer.tsv
	$(BIN)/python -m geo gazetteer build

bench: setup-dev               ## speed and accuracy benchmarks (see README, Performance)
	$(BIN)/python scripts/bench.py

bench-store: setup-dev postgis ## GeoPackage vs PostGIS: server time per filter change, memory (see README)
	$(BIN)/python scripts/bench_store.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts static/vendor data/incidents.gpkg
