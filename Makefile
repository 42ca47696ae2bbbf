# gausslearn: `make lab` opens the course, `make test` runs every test. Both set up .venv first (idempotent).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.gausslearn-installed

.PHONY: setup lab test lint notebooks benchmark browser sandbox site clean

# `make lab` settings; give them on the command line, e.g. `make lab NO_BROWSER=1 PORT=8888` (README: remote machine).
#   PORT=8888     serve on exactly this port (an error if it is taken); default: 8888 or the next free port
#   IP=0.0.0.0    the address to listen on; default: localhost only
#   NO_BROWSER=1  only print the URL to open; NO_BROWSER=0 always tries to open a browser. Default: a browser
#                 is opened except on Linux without a desktop (no DISPLAY, WAYLAND_DISPLAY or BROWSER), where a
#                 console browser would take over the terminal
#   LAB_ARGS=...  more options for `jupyter lab`
# As root it adds --allow-root (JupyterLab refuses root without it) and says so.
PORT       ?=
IP         ?=
NO_BROWSER ?=
LAB_ARGS   ?=
# The first notebook: opened in the browser and printed as the URL to open. The server's root is the project
# folder, so the notebook's links to ../exercises/ work.
LAB_NOTEBOOK := notebooks/00_start_here.ipynb
LAB_AS_ROOT   = $(filter 0,$(shell id -u 2>/dev/null))
LAB_DESKTOP   = $(if $(filter Linux,$(shell uname -s)),$(strip $(DISPLAY)$(WAYLAND_DISPLAY)$(BROWSER)),yes)
LAB_NO_BROWSER = $(if $(filter 0,$(NO_BROWSER)),,$(if $(or $(NO_BROWSER),$(if $(LAB_DESKTOP),,no desktop)),yes))
LAB_FLAGS = --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/$(LAB_NOTEBOOK) \
    $(if $(LAB_NO_BROWSER),--no-browser) $(if $(PORT),--ServerApp.port=$(PORT) --ServerApp.port_retries=0) \
    $(if $(IP),--ServerApp.ip=$(IP)) $(if $(LAB_AS_ROOT),--allow-root) $(LAB_ARGS)

# Re-installs only when the dependency list changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "gausslearn needs Python 3.10 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

lab: setup
	@$(if $(LAB_AS_ROOT),echo 'make lab: running as root: JupyterLab gets --allow-root (fine in a container or CI; on a shared machine use a normal user)')
	@$(if $(LAB_NO_BROWSER),echo 'make lab: no browser is opened$(if $(NO_BROWSER),, (no desktop found)): open the URL ending in /lab/tree/$(LAB_NOTEBOOK)?token=... that JupyterLab prints below')
	$(BIN)/jupyter lab $(strip $(LAB_FLAGS)) $(LAB_NOTEBOOK)

browser: setup
	bash tools/install_browser.sh

lint: setup
	$(BIN)/ruff check .

test: setup browser sandbox lint
	$(BIN)/python -m pytest

notebooks: setup
	$(BIN)/gausslearn build-exercises
	$(BIN)/gausslearn build-notebooks

benchmark: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) artifacts .pytest_cache .ruff_cache site build/website

# `make site`: the course as a static website in site/ (website/build_site.py: Sphinx, myst-nb, sphinx-book-theme;
# nothing executed, nothing downloaded). Open site/index.html, or `python -m http.server -d site`. README: Course website.
site: setup
	$(BIN)/python website/build_site.py --out site

# `make sandbox`: bubblewrap for the grader's allow-list sandbox (tools/install_sandbox.sh: apt-get as root or with
# sudo -n, else what to install; CI=true fails without it). `make test` runs it; instructors run it once before
# grading (learners opening the course do not need it). README: what the grader guarantees.
sandbox:
	bash tools/install_sandbox.sh
