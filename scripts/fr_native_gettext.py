#!/usr/bin/env python3
"""Build a native-French negative set from the system's gettext catalogues.

French translations of free software (/usr/share/locale/fr/LC_MESSAGES/*.mo) are written by
native translators, so they are a convenient native control for the French heuristics: edited,
technical register, no Russian-L1 influence expected. Output: a one-column CSV (`text`) of
unique translated strings of six words or more, to scan with `calque scan`.

Usage: scripts/fr_native_gettext.py /tmp/fr_native_gettext.csv
       calque scan /tmp/fr_native_gettext.csv -o /tmp/fr_native_gettext.out.csv -q
The strings stay outside the repository (their licences vary by package).
"""
import csv
import gettext
import glob
import re
import sys


def main(out_path: str) -> None:
    texts = set()
    for path in sorted(glob.glob("/usr/share/locale/fr/LC_MESSAGES/*.mo")) + sorted(
        glob.glob("/usr/share/vim/vim*/lang/fr/LC_MESSAGES/*.mo")
    ):
        try:
            with open(path, "rb") as fh:
                catalog = gettext.GNUTranslations(fh)._catalog
        except (OSError, UnicodeDecodeError, ValueError) as err:  # skip a damaged catalogue
            print(f"skip {path}: {err}", file=sys.stderr)
            continue
        for value in catalog.values():
            if isinstance(value, str):
                text = re.sub(r"[ \t]+", " ", value).strip()  # keep line breaks
                if len(text.split()) >= 6:
                    texts.add(text)
    with open(out_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text"])
        for text in sorted(texts):
            writer.writerow([text])
    print(f"{len(texts)} strings -> {out_path}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: fr_native_gettext.py OUT.csv")
    main(sys.argv[1])
