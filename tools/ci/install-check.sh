#!/usr/bin/env bash
# `make install-check`: installs into a scratch PREFIX (through DESTDIR, as a package
# build does), then uses the installed copy as a writer would — from another folder,
# with no COWRITE_HELP — and uninstalls. Fails on the first thing that is not there.
set -euo pipefail
cd "$(dirname "$0")/../.."
stage=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$stage" "$work"' EXIT
prefix=/opt/cowrite-check
make -s install DESTDIR="$stage" PREFIX="$prefix" >/dev/null
root="$stage$prefix"
for file in bin/cowrite share/cowrite/help/topics.md share/cowrite/help/chords.md share/man/man1/cowrite.1 \
            share/bash-completion/completions/cowrite share/zsh/site-functions/_cowrite \
            share/fish/vendor_completions.d/cowrite.fish; do
  [ -s "$root/$file" ] || { echo "install-check: $file was not installed" >&2; exit 1; }
done
# The installed binary finds its help pages beside it (PREFIX/share/cowrite/help).
help=$(cd "$work" && printf 'help chords\n' | env -u COWRITE_HELP "$root/bin/cowrite" run -)
case "$help" in
  *"# chords"*|*"chords —"*) ;;
  *) echo "install-check: the installed cowrite did not find its help: $help" >&2; exit 1 ;;
esac
# The man page is a man page (a title line and the overview); the completion scripts
# parse and name the formats.
head -c 4000 "$root/share/man/man1/cowrite.1" | grep -q '^\.Dt COWRITE\|^\.TH' \
  && grep -q "songwriting" "$root/share/man/man1/cowrite.1" \
  || { echo "install-check: the man page has no title or overview" >&2; exit 1; }
bash -n "$root/share/bash-completion/completions/cowrite"
grep -q "flac" "$root/share/bash-completion/completions/cowrite" \
  || { echo "install-check: bash completion does not offer the render formats" >&2; exit 1; }
make -s uninstall DESTDIR="$stage" PREFIX="$prefix" >/dev/null
left=$(find "$root" -type f | sed "s|^$root/||")
[ -z "$left" ] || { echo "install-check: uninstall left: $left" >&2; exit 1; }
echo "install-check: installed 7 files and the help pages, ran help from them, uninstalled cleanly"
