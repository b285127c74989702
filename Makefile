# Cowrite — build, run and test. `make run` and `make test` are all a writer needs.
SHELL := /bin/bash
SWIFT ?= swift
export PATH := /opt/swift/usr/bin:$(PATH)

# Debian packages Cowrite needs: readline for the line editor; libsndfile, FluidSynth,
# the General MIDI SoundFont and libebur128 for rendering audio.
APT_PACKAGES := libreadline-dev libsndfile1-dev libfluidsynth-dev fluid-soundfont-gm libebur128-dev

.PHONY: all deps build release run test bench clean

all: build

# Installs only what is missing; `apt-get update` runs once, and only when needed.
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "deps: system packages present"; \
	fi
	@# mido: an independent MIDI reader the tests check song.mid against.
	@python3 -c 'import mido' 2>/dev/null || python3 -m pip install --quiet --root-user-action=ignore mido

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# A release build: renders and suggestions run several times faster than in debug.
run: deps
	@$(SWIFT) build -c release -q
	@./.build/release/cowrite $(ARGS)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Benchmarks (not tests): a release build, timed against FluidSynth's own renderer.
bench: deps
	@command -v fluidsynth >/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fluidsynth bc >/dev/null; }
	@command -v bc >/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq bc >/dev/null; }
	$(SWIFT) build -c release -q
	./.build/release/cowrite-bench
	bash Tests/Benchmarks/render-vs-fluidsynth.sh

clean:
	rm -rf .build
