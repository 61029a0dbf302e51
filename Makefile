# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
PORT ?= 8000
export PORT

.PHONY: install run load test fuzz clean chromium

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

## Load the sample articles into the index (a re-run changes nothing).
## Their wire copy gives dates without a year: resolve them against the
## samples' own "today" (see samples/README.md), not the clone's date.
SAMPLES_REFERENCE_DATE ?= 2025-06-01
## With NEWS_INDEX_BACKEND=elasticsearch the indices are created first if missing.
load: install
	if [ "$${NEWS_INDEX_BACKEND:-embedded}" = elasticsearch ]; then $(PY) -m loaders init; fi
	$(PY) -m loaders load samples --no-progress --reference-date $(SAMPLES_REFERENCE_DATE)

## Install, load samples/, serve on :$(PORT) with gunicorn (service/serve.py
## checks every setting first, then runs gunicorn -c gunicorn.conf.py service.wsgi:app).
run: load
	$(PY) -m service.serve

## Run the whole test suite. The Elasticsearch half runs on osmem, which the
## tests start (or on $$ELASTICSEARCH_URL when set), with plain JSON as for OpenSearch.
test: install chromium
	ELASTICSEARCH_PLAIN_JSON=$${ELASTICSEARCH_PLAIN_JSON:-true} $(PY) -m pytest -q

## Debian's Chromium for tests/browser/: apt-get installs it when run as root,
## otherwise this fails with the command to run. Fast when already there.
chromium:
	sh scripts/ensure-chromium.sh

## Long API fuzzing: 1,000 examples per operation.
fuzz: install
	NEWS_INDEX_FUZZ_EXAMPLES=1000 $(PY) -m pytest -q tests/fuzz

clean:
	rm -rf $(VENV) data .pytest_cache .hypothesis
