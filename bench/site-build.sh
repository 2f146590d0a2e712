#!/usr/bin/env bash
# Times build-site against Hugo (Debian's hugo) building the same 4,000-page corpus (folders of mixed sizes, one
# of 2,000 pages), in one run. Prints the median wall time of each, the ratio, peak memory (max RSS), page sizes.
# Two cases:
# - bare: both with the same bare page shape (title, TOC, content). Targets: build-site at most 0.25x Hugo's wall
#   time and at most 150 MiB peak.
# - theme: build-site with the project's own templates (navigation, sections, breadcrumbs, previous/next) against
#   Hugo's bare shape. Targets: at most 0.5x Hugo's wall time, at most 200 MiB peak, p99 page at most 40 KB.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-4000}
RUNS=${RUNS:-5}
out=bench/out/site
scripts/install-system-packages hugo time >&2
swift build -c release --product build-site >&2

. bench/site-corpus.sh
site_corpus "$out" "$PAGES"


cold() { # name, folder, outputs to delete, command...: one build into an empty output folder
  local name=$1 dir=$2 outputs=$3
  shift 3
  ( cd "$dir" && rm -rf $outputs && sync && /usr/bin/time -f "TIME %e %M" "$@" 2>&1 >/dev/null | grep '^TIME' | cut -d' ' -f2 )
}

# BASELINE=REV: the build-site and theme of git revision REV on the same pages, in the same rounds, so that a
# change is measured against the build before it (paired, round by round).
previous=""
. bench/checkout-baseline.sh
if [ -n "$baseline_src" ]; then
  swift build -c release --package-path "$baseline_src" --product build-site >&2
  previous="$(swift build -c release --package-path "$baseline_src" --show-bin-path)/build-site"
  rm -rf "$out/previous" && mkdir -p "$out/previous"
  cp -r "$out/buildsite/content" "$out/previous/content"
  cp -r "$baseline_src/templates" "$out/previous/templates"
  mkdir -p "$out/previous/content/assets" && cp "$baseline_src/content/assets/"* "$out/previous/content/assets/"
  # A build from before search refuses the key it does not know; one from before nav: and footer: those.
  grep -q '"search"' "$baseline_src/Sources/SiteKit/Config/SiteConfig.swift" || sed -i '/^search: false$/d' "$out/previous/content/site.yml"
  grep -q '"footer"' "$baseline_src/Sources/SiteKit/Config/SiteConfig.swift" \
    || sed -i -e '/^nav:/,/^    url:/d' -e '/^footer:/d' "$out/previous/content/site.yml"
fi

# The three builds take turns, round after round, so that a machine whose speed drifts slows each alike. Two
# warm-up rounds first: later builds find their output folders (and build-site its previous build) in place, as
# an author's repeated builds do.
bs=$PWD/.build/release/build-site
for _ in 1 2; do
  timed "$out/buildsite" "$bs" --output site >/dev/null
  timed "$out/theme" "$bs" --output site >/dev/null
  timed "$out/hugo" hugo --quiet --destination public >/dev/null
  [ -z "$previous" ] || timed "$out/previous" "$previous" --output site >/dev/null
done
: > "$out/times"
for _ in $(seq "$RUNS"); do
  echo "bare $(timed "$out/buildsite" "$bs" --output site)" >> "$out/times"
  echo "theme $(timed "$out/theme" "$bs" --output site)" >> "$out/times"
  echo "hugo $(timed "$out/hugo" hugo --quiet --destination public)" >> "$out/times"
  [ -z "$previous" ] || echo "previous $(timed "$out/previous" "$previous" --output site)" >> "$out/times"
done
summary() { # name: "name median-seconds peak-KiB"
  local t m
  t=$(awk -v n="$1" '$1 == n { print $2 }' "$out/times" | median)
  m=$(awk -v n="$1" '$1 == n { print $3 }' "$out/times" | sort -g | tail -1)
  echo "$1 $t $m"
}
buildsite=$(summary bare)
themed=$(summary theme)
hugo=$(summary hugo)
buildsite_cold=$(cold build-site "$out/buildsite" "site .site.previous .site.next" "$PWD/.build/release/build-site" --output site)
hugo_cold=$(cold hugo "$out/hugo" "public" hugo --quiet --destination public)
read -r _ bs_time bs_rss <<<"$buildsite"
read -r _ hugo_time hugo_rss <<<"$hugo"
read -r _ theme_time theme_rss <<<"$themed"
pages_built=$(find "$out/buildsite/site" -name index.html | wc -l)
hugo_pages=$(find "$out/hugo/public" -name index.html | wc -l)
echo
echo "pages written: build-site $pages_built, hugo $hugo_pages (median of $RUNS runs, $(nproc) cores)"
awk -v t="$bs_time" -v m="$bs_rss" 'BEGIN { printf "build-site: %6.2f s wall, %6.1f MiB peak RSS (target <= 150 MiB)\n", t, m / 1024 }'
awk -v t="$hugo_time" -v m="$hugo_rss" 'BEGIN { printf "hugo:       %6.2f s wall, %6.1f MiB peak RSS\n", t, m / 1024 }'
awk -v a="$bs_time" -v b="$hugo_time" -v p="$(paired bare)" 'BEGIN { printf "ratio build-site/hugo wall time: %.3f of the medians, %.3f median of the rounds (target <= 0.25)\n", a / b, p }'
awk -v a="$buildsite_cold" -v b="$hugo_cold" 'BEGIN { printf "cold build into an empty folder: build-site %.2f s, hugo %.2f s, ratio %.3f\n", a, b, a / b }'
sizes() { find "$1" -name index.html -printf '%s\n' | sort -n | awk '{ a[NR] = $1 } END { printf "p50 %.1f KB, p99 %.1f KB, largest %.1f KB", a[int(NR * 0.5)] / 1024, a[int(NR * 0.99)] / 1024, a[NR] / 1024 }'; }
echo
echo "theme: the project's templates on the same pages, against Hugo's bare shape (same run)"
theme_pages=$(find "$out/theme/site" -name index.html | wc -l)
awk -v t="$theme_time" -v m="$theme_rss" -v n="$theme_pages" 'BEGIN { printf "build-site theme: %6.2f s wall, %6.1f MiB peak RSS (target <= 200 MiB), %d pages with section lists\n", t, m / 1024, n }'
awk -v a="$theme_time" -v b="$hugo_time" -v p="$(paired theme)" 'BEGIN { printf "ratio build-site theme/hugo bare wall time: %.3f of the medians, %.3f median of the rounds (target <= 0.5)\n", a / b, p }'
if [ -n "$previous" ]; then
  read -r _ previous_time previous_rss <<<"$(summary previous)"
  awk -v t="$previous_time" -v m="$previous_rss" -v r="$BASELINE" -v p="$(paired theme previous)" 'BEGIN {
    printf "previous build (%s) with its theme: %6.2f s wall, %6.1f MiB peak RSS; this tree / previous: %.3f median of the rounds\n", r, t, m / 1024, p }'
fi
echo "page sizes, theme: $(sizes "$out/theme/site") (target p99 <= 40 KB); bare: $(sizes "$out/buildsite/site"); hugo: $(sizes "$out/hugo/public")"

# Search: the theme's build again with search on (Pagefind indexes the pages before the swap), then Pagefind alone
# on the pages it indexed (the pinned version scripts/install-pagefind installed); median of 3, largest peak.
sed -i '/^search: false$/d' "$out/theme/content/site.yml"
: > "$out/search-times"
for _ in 1 2 3; do
  echo "built $(timed "$out/theme" "$bs" --output site)" >> "$out/search-times"
  rm -rf "$out/theme/pagefind-index"
  echo "index $(timed "$out/theme" "$pagefind" --site site --output-path pagefind-index)" >> "$out/search-times"
done
index_pages=$(grep -rl --include=index.html data-pagefind-body "$out/theme/site" | wc -l)
for step in built index; do
  awk -v s="$step" '$1 == s { print $2, $3 }' "$out/search-times" > "$out/step-times"
  awk -v s="$step" -v t="$(cut -d' ' -f1 "$out/step-times" | median)" -v m="$(cut -d' ' -f2 "$out/step-times" | sort -g | tail -1)" -v n="$index_pages" 'BEGIN {
    if (s == "built") printf "theme build with search on (build-site running Pagefind): %6.2f s wall, %6.1f MiB peak RSS\n", t, m / 1024
    else printf "Pagefind alone on those pages (%d indexed): %6.2f s wall, %6.1f MiB peak RSS\n", n, t, m / 1024 }'
done

# Live reload: save-to-reload-event latency of `build-site serve` on the same corpus, with hugo server beside it.
python3 bench/reload_bench.py "$out" "$PWD/.build/release/build-site" "${EDITS:-15}"
