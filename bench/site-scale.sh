#!/usr/bin/env bash
# The engine and search at ten times the bench corpus: 40,000 pages (one folder of 20,000, the rest in folders
# of 800 down to 50) against the usual 4,000, with Hugo building the same 40,000 pages in the same rounds.
# Prints, as medians of RUNS rounds (largest peak RSS):
# - build-site, bare page shape and the project's theme, at 4,000 and 40,000 pages, and the ratio between the two
#   (target: at most 10.5x the 4,000-page time for 10x the pages; for the bare shape, over PAIRS more pairs too);
# - Hugo at 40,000 with the same bare shape, and build-site/Hugo (target: at most 0.2x for the bare shape, 0.5x for
#   the theme, as in bench-site; peak at most 300 MiB);
# - search, apart: the theme's build with search on (build-site running Pagefind before the swap) and Pagefind
#   alone on the same pages, each with its own time and peak.
# Hugo needs about a minute and 6 GB per 40,000-page build: the whole takes about 17 minutes with RUNS=5 and PAIRS=10.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SMALL=${SMALL:-4000}
LARGE=${LARGE:-40000}
out=bench/out/scale
scripts/install-system-packages hugo time >&2
swift build -c release --product build-site >&2
bs=$PWD/.build/release/build-site

. bench/site-corpus.sh
site_corpus "$out/small" "$SMALL"
site_corpus "$out/large" "$LARGE"

# A warm-up round (output folders in place, files in the page cache), then RUNS rounds of every build in turn.
builds=(bare-small bare-large theme-small theme-large hugo-large)
folder() { case $1 in bare-*) echo "$out/${1#bare-}/buildsite" ;; theme-*) echo "$out/${1#theme-}/theme" ;; hugo-*) echo "$out/${1#hugo-}/hugo" ;; esac; }
one() { # build name: "seconds peak-KiB"
  case $1 in
    hugo-*) timed "$(folder "$1")" hugo --quiet --destination public ;;
    *) timed "$(folder "$1")" "$bs" --output site ;;
  esac
}
for name in "${builds[@]}"; do one "$name" >/dev/null; done
: > "$out/times"
for round in $(seq "$RUNS"); do
  for name in "${builds[@]}"; do echo "$name $(one "$name")" >> "$out/times"; done
  echo "round $round of $RUNS done" >&2
done
# How the bare build grows from one size to the other swings most from round to round (the VM's speed drifts over
# a minute, and a round lasts one): PAIRS more builds of the two sizes back to back, and the ratio is the median
# over every adjacent pair, the rounds' included.
PAIRS=${PAIRS:-10}
for _ in $(seq "$PAIRS"); do
  echo "pair-small $(one bare-small)" >> "$out/times"
  echo "pair-large $(one bare-large)" >> "$out/times"
done
seconds() { awk -v n="$1" '$1 == n { print $2 }' "$out/times" | median; }
peak() { awk -v n="$1" '$1 == n { print $3 }' "$out/times" | sort -g | tail -1; }
growth() { # shape [field: 2 wall, 4 CPU]: the median of large/small over adjacent pairs
  local f=${2:-2}
  paste <(awk -v n="$1" -v f="$f" '$1 == n "-large" || (n == "bare" && $1 == "pair-large") { print $f }' "$out/times") \
    <(awk -v n="$1" -v f="$f" '$1 == n "-small" || (n == "bare" && $1 == "pair-small") { print $f }' "$out/times") \
    | awk '{ print $1 / $2 }' | median
}

echo
echo "$SMALL and $LARGE pages (median of $RUNS rounds, and of $((RUNS + PAIRS)) pairs for the bare large/small; $(nproc) cores); pages written at $LARGE: build-site $(find "$out/large/buildsite/site" -name index.html | wc -l), hugo $(find "$out/large/hugo/public" -name index.html | wc -l)"
for shape in bare theme; do
  awk -v s="$shape" -v a="$(seconds "$shape-small")" -v b="$(seconds "$shape-large")" -v ma="$(peak "$shape-small")" -v mb="$(peak "$shape-large")" \
    -v r="$(growth "$shape")" -v c="$(growth "$shape" 4)" -v h="$(paired "$shape-large" hugo-large)" -v n="$SMALL" -v N="$LARGE" 'BEGIN {
    printf "build-site %-5s %6d pages: %6.2f s, %6.1f MiB;  %6d pages: %6.2f s, %6.1f MiB;  large/small %.2fx (target <= 10.5; CPU time %.2fx), /hugo %.3f (target <= %s)\n",
      s, n, a, ma / 1024, N, b, mb / 1024, r, c, h, s == "bare" ? "0.2" : "0.5, the theme against Hugo'"'"'s bare shape" }'
done
awk -v t="$(seconds hugo-large)" -v m="$(peak hugo-large)" -v N="$LARGE" 'BEGIN { printf "hugo bare        %6d pages: %6.2f s, %6.1f MiB\n", N, t, m / 1024 }'

# Search at the large size: the theme's build with search on, then Pagefind alone on the pages it indexed.
sed -i '/^search: false$/d' "$out/large/theme/content/site.yml"
with_search=$(timed "$out/large/theme" "$bs" --output site)
rm -rf "$out/large/theme/pagefind-index"
index=$(timed "$out/large/theme" "$pagefind" --site site --output-path pagefind-index)
indexed=$(grep -rl --include=index.html data-pagefind-body "$out/large/theme/site" | wc -l)
read -r ws wm _ <<<"$with_search"
read -r is im _ <<<"$index"
awk -v ws="$ws" -v wm="$wm" -v is="$is" -v im="$im" -v n="$indexed" -v size="$(du -sm "$out/large/theme/pagefind-index" | cut -f1)" -v e="$(seconds theme-large)" 'BEGIN {
  printf "theme build with search on (build-site, then Pagefind before the swap): %6.2f s; peak %6.1f MiB (Pagefind the largest process)\n", ws, wm / 1024
  printf "  of which the engine: %6.2f s (theme build above); Pagefind alone on the %d pages: %6.2f s, %6.1f MiB peak, index %d MB\n", e, n, is, im / 1024, size }'
