# Sourced by the site benchmarks: `site_corpus OUT PAGES` writes the bench corpus of PAGES pages (folders of
# mixed sizes, one of half the pages) into OUT three ways: OUT/buildsite (build-site with a bare page shape),
# OUT/hugo (Hugo with the same shape) and OUT/theme (build-site with the project's own theme), each with search
# off; and defines `timed`, `median`, `paired` and `pagefind` (the installed Pagefind's path).

site_corpus() { # out, pages
  local out=$1 PAGES=$2
  rm -rf "$out" && mkdir -p "$out"
  python3 bench/generate_corpus.py "$out" "$PAGES"

  # Both generators get the same page shape: title, description, table of contents and content. A navigation
  # listing all 4,000 pages on every page would make the output quadratic (over 1 GB) for both, so neither has one.
  cp content/site.yml "$out/buildsite/content/"
  # The engine is timed on its own; Pagefind's index of the same pages is timed after, separately.
  echo "search: false" >> "$out/buildsite/content/site.yml"
  mkdir -p "$out/buildsite/templates"
  cat > "$out/buildsite/templates/page.mustache" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{page.title}}</title>
<meta name="description" content="{{page.description}}"></head><body>
<nav class="toc"><ul>{{#page.toc}}<li><a href="#{{id}}">{{text}}</a></li>{{/page.toc}}</ul></nav>
<main><h1>{{page.title}}</h1>{{{page.content}}}</main></body></html>
HTML

  # Hugo: the same layout.
  mkdir -p "$out/hugo/layouts/_default"
  cat > "$out/hugo/hugo.toml" <<'TOML'
baseURL = "http://localhost:8000/"
title = "Corpus"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = true
# build-site highlights code at build time; Hugo does the same work with Chroma.
[markup.highlight]
codeFences = true
noClasses = false
TOML
  cat > "$out/hugo/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="description" content="{{ .Description }}"></head><body>
{{ .TableOfContents }}<main><h1>{{ .Title }}</h1>{{ block "main" . }}{{ end }}</main></body></html>
HTML
  printf '{{ define "main" }}{{ .Content }}{{ end }}\n' > "$out/hugo/layouts/_default/single.html"
  printf '{{ define "main" }}{{ .Content }}{{ end }}\n' > "$out/hugo/layouts/_default/list.html"

  # The same pages through the project's own theme.
  mkdir -p "$out/theme"
  rm -rf "$out/theme/content" "$out/theme/templates"
  cp -r "$out/buildsite/content" "$out/theme/content"
  cp -r templates "$out/theme/templates"
  mkdir -p "$out/theme/content/assets" && cp content/assets/site.css content/assets/code-copy.js "$out/theme/content/assets/"
}

# One timed build: prints "seconds peak-KiB cpu-seconds" (wall clock, largest resident set, user and system time of
# the process and its children: the CPU time is what the VM's stolen time cannot inflate). Before the clock starts, and alike for every tool, the earlier builds'
# writes are flushed and the folder (pages, templates and the outputs a build overwrites) is read back into the page
# cache: this VM keeps only about 2.5 GB of it, less than a 40,000-page round writes, and a build that met the
# previous one's writeback or read its pages from disk took two to three times as long, whichever tool it was.
timed() { # folder, command...
  local dir=$1
  shift
  sync
  find "$dir" -type f -print0 | xargs -0 -r -P16 cat >/dev/null
  ( cd "$dir" && /usr/bin/time -f "TIME %e %M %U %S" "$@" 2>&1 >/dev/null | awk '$1 == "TIME" { print $2, $3, $4 + $5 }' )
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The median of each round's own ratio of two builds' times in "$out/times" (lines "name seconds peak-KiB"): the
# steadiest figure on a noisy machine.
paired() { # name [against, hugo by default]
  paste <(awk -v n="$1" '$1 == n { print $2 }' "$out/times") <(awk -v n="${2:-hugo}" '$1 == n { print $2 }' "$out/times") \
    | awk '{ print $1 / $2 }' | median
}

# Where scripts/install-pagefind put the version its requirements file pins.
pagefind="${XDG_DATA_HOME:-$HOME/.local/share}/build-site/pagefind-$(sed -n 's/^pagefind\[bin\]==\([0-9.]*\).*/\1/p' scripts/pagefind-requirements.txt)/pagefind"
