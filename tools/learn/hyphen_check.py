#!/usr/bin/env python3
"""Where LibreOffice's English hyphenation patterns (through PyPI's pyphen, which ships
them) break each word: a reference Cowrite did not write for where the lyrics reader
parts syllables. Prints "word 3,6" (the letter counts before each break), one per line.

    python3 tools/learn/hyphen_check.py WORD …
"""
import sys

import pyphen


def main(words):
    dictionary = pyphen.Pyphen(lang="en_US")
    for word in words:
        print(word, ",".join(str(position) for position in dictionary.positions(word)))


if __name__ == "__main__":
    main(sys.argv[1:])
