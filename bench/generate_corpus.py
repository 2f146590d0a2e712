#!/usr/bin/env python3
"""Writes the same N-page Markdown corpus for build-site and for Hugo.

Each page has front matter, headings, paragraphs, lists, code blocks (one titled), a table, an alert, a footnote
and links to other pages and to its own headings, about 3 KB, so 4,000 pages make about 12 MB. Pages go in folders (sections) of mixed sizes: half of
them in one folder, as a long reference section would be, the rest in folders of 800 down to 50.
"""
import os
import random
import sys

WORDS = ("passkey token verify issuer audience signature browser redirect profile nickname picture scope "
         "session server client origin header claims expiry nonce library module import export static page "
         "build template layout content heading anchor link table list code block render parse").split()


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def section_sizes(total):
    """Folder sizes: one folder with half the pages, then 800, 400, 300, 200, 150, 100, 50, … for the rest."""
    sizes, left = [total // 2], total - total // 2
    for size in (800, 400, 300, 200, 150, 100, 50):
        if left <= 0:
            break
        sizes.append(min(size, left))
        left -= sizes[-1]
    while left > 0:
        sizes.append(min(50, left))
        left -= sizes[-1]
    return sizes


def place(index, sizes):
    """(section, number in it) of page `index`."""
    for section, size in enumerate(sizes):
        if index < size:
            return section, index
        index -= size
    raise ValueError("index beyond the corpus")


def page(rng, index, total, sizes):
    section, number = place(index, sizes)
    other = rng.randrange(total)
    other_section, other_number = place(other, sizes)
    lines = [
        "---",
        f"title: Page {index} about {rng.choice(WORDS)}",
        f"description: {sentence(rng, 10)}",
        f"order: {number}",
        "---",
        "",
        sentence(rng, 30),
        "",
        f"See [page {other}](../section-{other_section}/page-{other_number}.md) and [the details](#details-{index}).",
        "",
    ]
    for heading in range(3):
        lines += [f"## Part {heading} of {rng.choice(WORDS)}", "", sentence(rng, 40), ""]
        lines += [f"- {sentence(rng, 6)}" for _ in range(4)] + [""]
    lines += [f"### Details {index}", "", "```js", "const user = await passwordless.id({ scope })",
              "if (user.signedIn) showUser(user)", "```", "", sentence(rng, 25), ""]
    # What GitHub Markdown adds and authors use: a table, an alert, a footnote, a titled code block.
    lines += ["| Claim | Checked | Why |", "| --- | :-: | --- |"]
    lines += [f"| {rng.choice(WORDS)} | yes | {sentence(rng, 8)} |" for _ in range(4)] + [""]
    lines += ["> [!NOTE]", f"> {sentence(rng, 15)}", ""]
    lines += [f"{sentence(rng, 12)[:-1]}[^note-{index}].", "", f"[^note-{index}]: {sentence(rng, 10)}", ""]
    lines += ['```js title="verify.js"', "const token = await verifier.verify(bearer)",
              "console.log(token.subject)", "```", ""]
    return section, number, "\n".join(lines) + "\n"


def main():
    out, pages = sys.argv[1], int(sys.argv[2])
    rng = random.Random(42)
    sizes = section_sizes(pages)
    total_bytes = 0
    home = "---\ntitle: Home\n---\n\nThe corpus home page.\n"
    for root, home_name in (("buildsite/content", "index.md"), ("hugo/content", "_index.md")):
        os.makedirs(os.path.join(out, root), exist_ok=True)
        with open(os.path.join(out, root, home_name), "w") as f:
            f.write(home)
    for index in range(pages):
        section, number, text = page(rng, index, pages, sizes)
        total_bytes += len(text.encode())
        for root in ("buildsite/content", "hugo/content"):
            folder = os.path.join(out, root, f"section-{section}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"page-{number}.md"), "w") as f:
                f.write(text)
    runs = []
    for size in sizes:
        if runs and runs[-1][0] == size:
            runs[-1][1] += 1
        else:
            runs.append([size, 1])
    folders = ", ".join(f"{size}" if count == 1 else f"{count} of {size}" for size, count in runs)
    print(f"corpus: {pages} pages in folders of {folders}, {total_bytes / 1e6:.1f} MB of Markdown")


if __name__ == "__main__":
    main()
