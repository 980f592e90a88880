#!/usr/bin/env python3
"""Replaces one `## Heading` section of a Markdown file with text from stdin.

    bench/md_section.py FILE "## Heading" [--header TEXT_FILE] < section.md

The section runs from its heading line to the next `## ` heading (or the end
of the file); everything else is kept byte for byte. A missing section is
appended; a missing FILE is created from --header (or empty) first. The new
text should start with the heading itself. The file is replaced atomically.
"""

import argparse
import os
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("heading")
    ap.add_argument("--header", help="initial contents when FILE does not exist")
    args = ap.parse_args()

    heading = args.heading.strip()
    new = sys.stdin.read().rstrip("\n") + "\n"
    if not new.startswith(heading):
        sys.exit(f"md_section: the new text must start with {heading!r}")

    if os.path.exists(args.file):
        with open(args.file) as f:
            lines = f.read().splitlines(keepends=True)
    else:
        lines = []
        if args.header:
            with open(args.header) as f:
                lines = f.read().splitlines(keepends=True)

    start = next((i for i, l in enumerate(lines) if l.rstrip() == heading), None)
    if start is None:
        while lines and not lines[-1].strip():
            lines.pop()
        if lines:
            lines[-1] = lines[-1].rstrip("\n") + "\n"
            lines.append("\n")
        lines.append(new)
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
                   len(lines))
        tail = lines[end:]
        lines = lines[:start] + [new] + (["\n"] if tail else []) + tail

    directory = os.path.dirname(os.path.abspath(args.file))
    fd, tmp = tempfile.mkstemp(prefix=".md_section-", dir=directory)
    try:
        with os.fdopen(fd, "w") as f:
            f.writelines(lines)
        os.chmod(tmp, 0o644)
        os.replace(tmp, args.file)
    except BaseException:
        os.unlink(tmp)
        raise


if __name__ == "__main__":
    main()
