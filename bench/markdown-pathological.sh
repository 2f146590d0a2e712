#!/usr/bin/env bash
# Pages built to be slow (libcmark's pathological classes and GitHub's extensions', Tests/TestSupport/
# PathologicalMarkdown.swift) at SIZE bytes and ten times that, through build-site's Markdown, against GitHub's
# renderer (Debian's cmark-gfm) on the same pages in the same run. Prints each class's growth for ten times the
# bytes (linear is about 10x; the test suite fails past 20x) and build-site's time over cmark-gfm's.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages cmark-gfm >&2
swift build -c release --product markdown-pathological >&2
SIZE=${SIZE:-50000} ROUNDS=${ROUNDS:-3} "$(swift build -c release --show-bin-path)/markdown-pathological"
