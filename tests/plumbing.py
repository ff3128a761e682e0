#!/usr/bin/env python3
"""The plumbing of a module's C: the lines it writes only to plug into the host.

    python3 tests/plumbing.py [FOLDER...]     (default: modules/.skeleton)

prints `<name> plumbing_lines=N` per module folder (all its *.c files; the
skeleton's name is "skeleton").  README "Writing a module" quotes the
skeleton's figure, and the skeleton's test checks it.

A line is plumbing when, outside every function body, it says nothing about
the domain: a preprocessor line, a function's head (all its lines) and its
closing brace, a struct definition, the first line and the terminator
({NULL...}, {0...}) of each declaration table, and every line of the
`struct portal_module` itself.  Not counted: blank lines, comments, the
statements inside functions (the domain's SQL, checks, audits and pages)
and the entries of the declaration tables (routes, parameters, labels...).
"""
import glob
import os
import re
import sys

TERMINATOR = re.compile(r'^\{\s*(NULL|0)\b[^"]*\}\s*\};?$')


def plumbing(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    n, depth, in_module = 0, 0, False
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        if depth == 0:
            counted = True   # a preprocessor line, a head, a struct, a table's first line
            in_module = re.match(r"(static )?const struct portal_module\b", s) is not None
        elif in_module:
            counted = True
        elif depth == 1 and s in ("}", "};"):
            counted = True   # a function's closing brace
        else:
            counted = TERMINATOR.match(s) is not None
        depth += line.count("{") - line.count("}")
        n += counted
    return n


def main(folders):
    for folder in folders or ["modules/.skeleton"]:
        files = sorted(glob.glob(os.path.join(folder, "*.c")))
        if not files:
            sys.exit("%s: no C files" % folder)
        name = os.path.basename(os.path.normpath(folder)).lstrip(".")
        print("%s plumbing_lines=%d" % (name, sum(plumbing(open(f).read()) for f in files)))


if __name__ == "__main__":
    main(sys.argv[1:])
