# presslens — `make serve` builds and serves the page, `make test` runs every test.
# Both first install whatever is missing (wasm target, pinned wasm-bindgen-cli, npm packages,
# Chromium for the browser tests) and skip what is already there.

SHELL := /bin/bash
PORT ?= 8080
HOST ?= 127.0.0.1
WASM_TARGET := wasm32-unknown-unknown
# The CLI must be exactly the wasm-bindgen version in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
WASM_RAW := target/$(WASM_TARGET)/web/presslens.wasm
PKG := www/pkg
WASM_OPT := node_modules/.bin/wasm-opt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: serve test setup setup-browser wasm samples eval screenshot size

serve: setup wasm
	@echo
	@echo "  presslens is at  http://$(HOST):$(PORT)/   (Ctrl-C stops it; PORT=... to change)"
	@echo
	python3 -m http.server $(PORT) --bind $(HOST) --directory www

test: setup setup-browser
	cargo test --tests
	cargo test --target $(WASM_TARGET) --no-default-features --test wasm_node --test wasm_browser
	$(MAKE) --no-print-directory wasm
	node --test e2e/

setup:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (takes 2-4 minutes, once)"; \
	  cargo install wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION); \
	fi
	@[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund

setup-browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "installing Chromium and ChromeDriver for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver; \
	fi

# The browser build: cargo (profile `web`: small over fast), wasm-bindgen, then wasm-opt -Oz
# (npm binaryen 132; Debian's binaryen 108 writes wasm that fails to load).
wasm: samples
	cargo build --target $(WASM_TARGET) --profile web --lib
	@if [ ! -f $(PKG)/presslens_bg.wasm ] || [ $(WASM_RAW) -nt $(PKG)/presslens_bg.wasm ]; then \
	  wasm-bindgen --target web --out-dir $(PKG) --remove-name-section --remove-producers-section $(WASM_RAW) && \
	  $(WASM_OPT) -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	    --enable-mutable-globals --enable-reference-types --enable-multivalue \
	    $(PKG)/presslens_bg.wasm -o $(PKG)/presslens_bg.wasm; \
	fi
	@$(MAKE) --no-print-directory size

size:
	@printf 'wasm: %s bytes, %s bytes gzipped\n' "$$(wc -c < $(PKG)/presslens_bg.wasm)" "$$(gzip -9 -c $(PKG)/presslens_bg.wasm | wc -c)"

# The sample articles, one click away on the page.
samples:
	@mkdir -p www/seeds
	@cp seeds/*.txt www/seeds/
	@cd seeds && ls *.txt | python3 -c 'import json, sys; print(json.dumps([l.strip() for l in sys.stdin]))' > ../www/seeds/index.json

# Every number the issues ask for, with the scorers in ../shared/eval (GUIDE §4).
eval:
	cargo build --release
	@for s in scripts/eval-*.sh; do echo "== $$s"; bash $$s; done

# The README screenshot: the page with the samples loaded.
screenshot: setup setup-browser wasm
	SCREENSHOT=docs/screenshot.png node e2e/screenshot.mjs
