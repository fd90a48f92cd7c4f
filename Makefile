# Every target installs what is missing first (scripts/setup.sh); the logic lives in scripts/.
.PHONY: run test lint bench lock clean

run:    ## set up, then start Redis, daphne, a Celery worker, beat and Flower (Ctrl-C stops all)
	scripts/run.sh

test:   ## set up, then ruff, the migrations check and the whole pytest suite (pass ARGS="-k ..." to narrow)
	scripts/test.sh $(ARGS)

lint:   ## ruff check and ruff format --check
	scripts/setup.sh --dev --no-migrate
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

bench:  ## upload latency and time to extraction_complete against a real stack
	scripts/setup.sh --dev --no-migrate
	.venv/bin/python bench/upload.py

lock:   ## resolve requirements.txt and requirements-dev.txt into the lock files the other targets install
	scripts/lock.sh

clean:  ## remove the virtualenv, caches and everything under var/ (database, uploads, Redis data)
	rm -rf .venv var .pytest_cache .ruff_cache bench/.cache
