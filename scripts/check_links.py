#!/usr/bin/env python3
"""Checks the documentation's links: every relative link and image in README.md,
BENCHMARKS.md, ARCHITECTURE.md and the guide's pages (docs/src/*.md) must name a file or
folder that exists, every `#anchor` a heading of its target page, and no page may have two
headings with the same anchor. A page of the guide that includes another file
(`{{#include ../../BENCHMARKS.md}}`) is checked with the included text in its place, so links
must work both on GitHub and in the built book. With --book DIR (the output of `mdbook build
docs`), every relative `href` and `src` of the built HTML must name a file of the book.

    python3 scripts/check_links.py [--book docs/book]

Prints each broken link with its file and line, and exits 1 if there is any.
"""
import argparse
import glob
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
INCLUDE = re.compile(r"\{\{#include\s+([^}\s]+)\s*\}\}")
EXTERNAL = ("http://", "https://", "mailto:")


def expand(path):
    """The page's lines as rendered: (line text, file it comes from, line number)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            m = INCLUDE.fullmatch(line.strip())
            if m:
                inc = os.path.normpath(os.path.join(os.path.dirname(path), m.group(1)))
                if not os.path.isfile(inc):
                    out.append((f"[missing include]({m.group(1)})", path, i))
                    continue
                out.extend(expand(inc))
            else:
                out.append((line.rstrip("\n"), path, i))
    return out


def prose(lines):
    """The lines outside fenced code blocks."""
    fence = None
    for text, src, i in lines:
        s = text.lstrip()
        if fence:
            if s.startswith(fence):
                fence = None
            continue
        if s.startswith("```") or s.startswith("~~~"):
            fence = s[:3]
            continue
        yield text, src, i


def slug(heading):
    """The anchor GitHub and mdBook give a heading: markup dropped, lower case, letters, digits,
    `-` and `_` kept, spaces turned into `-`."""
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    t = t.replace("`", "").replace("*", "")
    out = []
    for ch in unicodedata.normalize("NFC", t.strip().lower()):
        if ch.isalnum() or ch in "-_":
            out.append(ch)
        elif ch.isspace():
            out.append("-")
    return "".join(out)


def anchors(lines):
    """Heading anchors of a page, with the lines of any repeated one."""
    seen, dup = {}, []
    for text, src, i in prose(lines):
        m = re.match(r"(#{1,6})\s+(.*?)\s*#*\s*$", text)
        if m:
            a = slug(m.group(2))
            if a in seen:
                dup.append((a, src, i, seen[a]))
            else:
                seen[a] = (src, i)
    return set(seen), dup


def check_page(page, cache, errors):
    lines = expand(page)
    names, dup = anchors(lines)
    rel = os.path.relpath(page, ROOT)
    for a, src, i, first in dup:
        errors.append(f"{os.path.relpath(src, ROOT)}:{i}: heading anchor #{a} repeats the one "
                      f"of line {first[1]} (page {rel})")
    for text, src, i in prose(lines):
        code_masked = re.sub(r"`[^`]*`", lambda c: "`" + "x" * (len(c.group(0)) - 2) + "`", text)
        for m in LINK.finditer(code_masked):
            target = m.group(1)
            if target.startswith(EXTERNAL):
                continue
            path, _, anchor = target.partition("#")
            where = f"{os.path.relpath(src, ROOT)}:{i}" + ("" if src == page else f" (in {rel})")
            dest = page if not path else os.path.normpath(os.path.join(os.path.dirname(page),
                                                                       path))
            if not os.path.exists(dest):
                errors.append(f"{where}: {target}: no such file {os.path.relpath(dest, ROOT)}")
                continue
            if anchor and dest.endswith(".md"):
                if dest not in cache:
                    cache[dest] = anchors(expand(dest))[0]
                if anchor not in cache[dest]:
                    errors.append(f"{where}: {target}: no heading #{anchor} in "
                                  f"{os.path.relpath(dest, ROOT)}")


def check_book(book, errors):
    attr = re.compile(r"""(?:href|src)="([^"]+)\"""")
    for html in glob.glob(os.path.join(book, "**", "*.html"), recursive=True):
        with open(html, encoding="utf-8") as f:
            text = f.read()
        for target in attr.findall(text):
            if target.startswith(EXTERNAL) or target.startswith(("#", "data:", "javascript:")):
                continue
            path = target.split("#")[0].split("?")[0]
            if not path:
                continue
            dest = os.path.normpath(os.path.join(os.path.dirname(html), path))
            if not os.path.exists(dest):
                errors.append(f"{os.path.relpath(html, ROOT)}: {target}: not in the built book")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--book", help="also check the HTML that `mdbook build docs` wrote here")
    a = ap.parse_args()
    pages = [os.path.join(ROOT, p) for p in ("README.md", "BENCHMARKS.md", "ARCHITECTURE.md")]
    pages += sorted(glob.glob(os.path.join(ROOT, "docs", "src", "*.md")))
    errors, cache = [], {}
    for page in pages:
        check_page(page, cache, errors)
    if a.book:
        if not os.path.isdir(a.book):
            errors.append(f"{a.book}: no built book (run `mdbook build docs` first)")
        else:
            check_book(a.book, errors)
    for e in errors:
        print(e, file=sys.stderr)
    print(f"check_links: {len(pages)} pages, {len(errors)} broken link(s)"
          + (f", book {a.book} checked" if a.book else ""), file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
