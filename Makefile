# cardex: two commands, from nothing.
#   make extract [IN=folder] [OUT=folder]   read a folder of cards into tables
#   make test                                run the test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
IN     ?= samples
OUT    ?= output
STAMP  := $(VENV)/.installed

.PHONY: extract test lint format bench bench-pairs bench-peers scan-eval samples producer-eval fuzz clean

$(STAMP): pyproject.toml parsers/pdf/charfetch.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

extract: $(STAMP)
	$(BIN)/python -m extract "$(IN)" --out "$(OUT)" $(EXTRACT_FLAGS)

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# BENCH_CARDS: size of the batch benchmark (default 10000 cards; 0 skips it)
BENCH_CARDS ?= 10000
bench: $(STAMP)
	$(BIN)/python -m tools.bench 20 $(BENCH_CARDS)

# Hangul documents against the PDFs Hangul exported from them (../shared/corpus/hancom):
# cells, spaced, grids, one-to-one grids, precision.
bench-pairs: $(STAMP)
	$(BIN)/python -m tools.bench_pairs $(PAIRS_FLAGS)

# The same pairs read by kordoc (npm, installed into a throwaway folder; not in CI), side by side.
bench-peers: $(STAMP)
	$(BIN)/python -m tools.bench_peers $(PAIRS_FLAGS)

# Fresh scans of the sample cards the scan tests never see, graded per component (SEED picks the degradations).
SEED ?= 7
scan-eval: $(STAMP)
	$(BIN)/python -m tools.scan_eval $(SEED)

# Coverage-guided fuzzing of every format's whole per-file pipeline, MINUTES per format (all at once).
MINUTES ?= 5
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,fuzz]'
	$(BIN)/python -m tools.fuzz --minutes $(MINUTES)

# Regenerate the committed sample cards and their ground truth.
samples: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,samples]'
	$(BIN)/python -m tools.samplegen
	$(BIN)/python -m tools.samplegen.scans
	$(BIN)/python -m tools.samplegen.drawings
	$(BIN)/python -m tools.samplegen.autonum
	$(BIN)/python -m tools.samplegen.producers

# Facts right per producer of the matrix (PDF writers and scan renderers) and component.
producer-eval: $(STAMP)
	$(BIN)/python -m tools.producer_eval

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache build parsers/pdf/_charfetch*.so
