# Two commands do all the set-up (see README):
#   make run    venv + PostgreSQL cluster + database with the addons and demo data,
#               then Odoo on http://127.0.0.1:8069 (login admin / admin)
#               make run WORKERS=4: the production layout (prefork workers, a cron
#               worker, the websocket port 8072), see README "Production layout"
#   make test   every test suite, with a summary of what ran
#   make readme each addon's README.rst from its readme/*.md (OCA's layout)
SHELL := /bin/bash
DB ?= callback
ADDONS ?= customer_callback,reception_rotation,callback_kpi
WORKERS ?= 0
# prefork: HTTP workers, one cron worker, the gevent (websocket) port, and the
# limits Odoo's workers enforce (a cron job past them is killed)
PREFORK = --workers=$(WORKERS) --max-cron-threads=1 --gevent-port=8072 \
	--limit-time-real=120 --limit-time-cpu=60 --limit-time-real-cron=120 \
	--limit-memory-soft=2147483648 --limit-memory-hard=2684354560

.PHONY: help venv db install run test test-pure test-odoo lint readme bench stop

help:
	@grep -E '^#' Makefile | sed 's/^# \{0,1\}//'

venv:
	@scripts/venv.sh

db:
	@scripts/pg.sh start

install: venv db
	@. scripts/env.sh; \
	if psql -d postgres -tAc "select 1 from pg_database where datname='$(DB)'" | grep -q 1; then \
		echo "database $(DB) exists; updating the addons"; \
		scripts/odoo.sh -d $(DB) -u $(ADDONS) --stop-after-init --log-level=warn; \
	else \
		echo "creating database $(DB) with $(ADDONS) and demo data"; \
		scripts/odoo.sh -d $(DB) -i $(ADDONS) --without-demo= --stop-after-init --log-level=warn; \
	fi

run: install
	scripts/odoo.sh -d $(DB) --db-filter='^$(DB)$$' $(if $(filter-out 0,$(WORKERS)),$(PREFORK))

test:
	@scripts/test.sh all

test-pure:
	@scripts/test.sh pure

test-odoo:
	@scripts/test.sh odoo

lint: venv
	.venv/bin/ruff check addons tests scripts
	.venv/bin/ruff format --check addons tests
	.venv/bin/pylint --rcfile=.pylintrc addons/*

readme: venv
	.venv/bin/python scripts/gen_readme.py

bench: install
	.venv/bin/python tests/bench_customer_callback.py
	.venv/bin/python tests/bench_reception_rotation.py
	.venv/bin/python tests/bench_callback_kpi.py

stop:
	@scripts/pg.sh stop
