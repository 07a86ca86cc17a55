"""How well role-profile documents are read: `make import-accuracy`.

Reads every document of the corpus (tests/roles/transfer/documents/corpus/, written for the
project, each with its expected reading) and prints, per document and in total, the share of
requirement items read exactly (text, level and group), the items read that the expected
reading does not have, how many of the exact ones carry the right essential/desirable mark,
and whether the levels came out in the right order. Then the same for the real samples in
../shared/samples (read only), against item counts per level, where they are present.

    .venv/bin/python benchmarks/import_accuracy.py
"""

import os
import re
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def main() -> None:
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from roles.transfer.documents import read_document
    from roles.transfer.parsed import ImportProblem
    from tests import samples
    from tests.roles.transfer.documents import corpus
    from tests.roles.transfer.documents.sample_counts import SAMPLE_COUNTS, SAMPLE_LEVELS

    row = "{:<34} {:>6} {:>6} {:>7} {:>6} {:>10} {:>7}"
    print("Corpus (tests/roles/transfer/documents/corpus): items read exactly (text, level, group)")
    print(row.format("document", "items", "exact", "share", "extra", "essential", "levels"))
    total = exact = extra = essential = levels_right = 0
    documents = corpus.documents()
    for document in documents:
        expected = document.expected
        try:
            outline = read_document(name=document.name, data=document.data())
            score = corpus.score(document.name, outline, expected)
        except ImportProblem as problem:
            print(f"{document.name:<34} not read: {problem.message}")
            total += len(expected.items)
            continue
        total += score.expected
        exact += score.exact
        extra += score.extra
        essential += score.essential_right
        levels_right += score.levels_right
        print(
            row.format(
                document.name,
                score.expected,
                score.exact,
                f"{score.share:.0%}",
                score.extra,
                f"{score.essential_right}/{score.exact}",
                "right" if score.levels_right else "WRONG",
            )
        )
    print(
        row.format(
            "total",
            total,
            exact,
            f"{exact / total:.0%}" if total else "-",
            extra,
            f"{essential}/{exact}",
            f"{levels_right}/{len(documents)}",
        )
    )

    print()
    if samples.FOLDER is None:
        print(f"Samples: skipped, {samples.REASON}.")
        return
    print(f"Samples ({samples.FOLDER}): items with the right level and text found in the file")
    row = "{:<42} {:>6} {:>6} {:>7} {:>6} {:>7}"
    print(row.format("document", "items", "placed", "share", "extra", "levels"))
    total = placed = extra = levels_right = 0
    for name, counts in SAMPLE_COUNTS.items():
        path = samples.sample(name)
        data = path.read_bytes()
        source = re.sub(r"\s+", " ", data.decode("utf-8", "replace"))
        try:
            outline = read_document(name=name, data=data)
        except ImportProblem as problem:
            print(f"{name:<42} not read: {problem.message}")
            total += sum(counts.values())
            continue
        found: dict[str, int] = {}
        read = 0
        for level, _group, item in outline.all_items():
            read += 1
            if item.text in source:
                key = level.label if level else ""
                found[key] = found.get(key, 0) + 1
        right = sum(min(found.get(level, 0), count) for level, count in counts.items())
        expected = sum(counts.values())
        levels_ok = [lv.label for lv in outline.levels] == SAMPLE_LEVELS[name]
        total, placed, extra = total + expected, placed + right, extra + max(read - right, 0)
        levels_right += levels_ok
        print(
            row.format(
                name,
                expected,
                right,
                f"{right / expected:.0%}",
                max(read - right, 0),
                "right" if levels_ok else "WRONG",
            )
        )
    print(
        row.format(
            "total",
            total,
            placed,
            f"{placed / total:.0%}",
            extra,
            f"{levels_right}/{len(SAMPLE_COUNTS)}",
        )
    )


if __name__ == "__main__":
    main()
