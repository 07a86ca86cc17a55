"""How well role-profile documents are read: `make import-accuracy`.

Reads every document of the corpus (tests/roles/transfer/documents/corpus/, written for the
project, each with its expected reading) and prints, per document and in total, the share of
requirement items read exactly (text, level and group), the items read that the expected
reading does not have, how many of the exact ones carry the right essential/desirable mark,
and whether the levels came out in the right order; then the extras (the role's own purpose,
free sections, labelled facts, sign-off) saved as the expected reading gives them. Then the same
for the real samples in ../shared/samples (read only), against item counts per level and
counts of extras, where they are present.

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
    from roles.transfer.documents.adapter import outline_to_role
    from roles.transfer.parsed import ImportProblem
    from tests import samples
    from tests.roles.transfer.documents import corpus
    from tests.roles.transfer.documents.sample_counts import (
        SAMPLE_EXTRAS,
        SAMPLE_GROUPS,
        SAMPLE_LEVELS,
    )

    row = "{:<34} {:>6} {:>6} {:>7} {:>6} {:>10} {:>7}"
    print("Corpus (tests/roles/transfer/documents/corpus): items read exactly (text, level, group)")
    print(row.format("document", "items", "exact", "share", "extra", "essential", "levels"))
    total = exact = extra = essential = levels_right = 0
    documents = corpus.documents()
    extras: dict[str, dict[str, tuple[int, int]]] = {}
    for document in documents:
        expected = document.expected
        try:
            outline = read_document(name=document.name, data=document.data())
            score = corpus.score(document.name, outline, expected)
        except ImportProblem as problem:
            print(f"{document.name:<34} not read: {problem.message}")
            total += len(expected.items)
            extras[document.name] = {
                kind: (sum(k == kind for k, _ in expected.extras), 0) for kind, _ in expected.extras
            }
            continue
        extras[document.name] = corpus.score_extras(outline, expected)
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

    _print_extras(
        "Corpus extras: saved as the expected reading gives them / expected "
        "(purpose; sections by title; facts as written; signers with role and date)",
        extras,
    )

    print()
    if samples.FOLDER is None:
        print(f"Samples: skipped, {samples.REASON}.")
        return
    print(
        f"Samples ({samples.FOLDER}), against group sizes per level (no text is stored): items "
        "whose level is right, whose group has the expected size, and whose text is a whole "
        "line of the file"
    )
    row = "{:<42} {:>6} {:>6} {:>7} {:>6} {:>7}"
    print(row.format("document", "items", "right", "share", "extra", "levels"))
    total = right_total = extra = levels_right = 0
    for name, expected_groups in SAMPLE_GROUPS.items():
        data = samples.sample(name).read_bytes()
        expected = sum(sum(sizes) for sizes in expected_groups.values())
        total += expected
        try:
            outline = read_document(name=name, data=data)
        except ImportProblem as problem:
            print(f"{name:<42} not read: {problem.message}")
            continue
        right = _sample_right(outline, expected_groups, _units(data.decode("utf-8", "replace")))
        read = sum(1 for _ in outline.all_items())
        levels_ok = [lv.label for lv in outline.levels] == SAMPLE_LEVELS[name]
        right_total, extra = right_total + right, extra + max(read - right, 0)
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
            right_total,
            f"{right_total / total:.0%}",
            extra,
            f"{levels_right}/{len(SAMPLE_GROUPS)}",
        )
    )
    sample_extras = {}
    for name, counts in SAMPLE_EXTRAS.items():
        outline = read_document(name=name, data=samples.sample(name).read_bytes())
        role, _ = outline_to_role(outline)
        stated = [(label, value) for label, value in outline.facts if value]
        facts = sum(corpus.fact_saved(role, label, value) for label, value in stated)
        found = {
            "sections": len(role.sections or []),
            "facts": facts,
            "sign-off": len(role.sign_offs or []),
        }
        sample_extras[name] = {
            kind: (counts[key], min(found[kind], counts[key]))
            for kind, key in (
                ("sections", "sections"),
                ("facts", "facts"),
                ("sign-off", "sign_offs"),
            )
        }
    _print_extras(
        "Sample extras, against counts (no text is stored): sections kept, facts saved as "
        "written, signers read / expected",
        sample_extras,
    )


def _print_extras(title: str, found: dict[str, dict[str, tuple[int, int]]]) -> None:
    kinds = ["purpose", "section", "sections", "fact", "facts", "sign-off"]
    kinds = [k for k in kinds if any(k in by_kind for by_kind in found.values())]
    print()
    print(title)
    row = "{:<42}" + " {:>10}" * (len(kinds) + 1)
    print(row.format("document", *kinds, "share"))
    sums = {kind: [0, 0] for kind in kinds}
    for name, by_kind in found.items():
        if not by_kind:
            continue
        cells = []
        for kind in kinds:
            expected, right = by_kind.get(kind, (0, 0))
            sums[kind][0] += expected
            sums[kind][1] += right
            cells.append(f"{right}/{expected}" if expected else "-")
        expected_all = sum(e for e, _ in by_kind.values())
        right_all = sum(r for _, r in by_kind.values())
        share = f"{right_all / expected_all:.0%}" if expected_all else "-"
        print(row.format(name, *cells, share))
    expected_all = sum(e for e, _ in sums.values())
    right_all = sum(r for _, r in sums.values())
    print(
        row.format(
            "total",
            *(f"{r}/{e}" for e, r in sums.values()),
            f"{right_all / expected_all:.0%}" if expected_all else "-",
        )
    )


def _sample_right(outline, expected_groups: dict[str, list[int]], units: set[str]) -> int:
    """Items in groups of the expected sizes, met in the expected order within each level."""
    found: dict[str, list] = {"": list(outline.groups)}
    for level in outline.levels:
        found[level.label] = list(level.groups)
    right = 0
    for label, sizes in expected_groups.items():
        groups, start = found.get(label, []), 0
        for size in sizes:
            match = next(
                (n for n in range(start, len(groups)) if len(groups[n].items) == size), None
            )
            if match is not None:
                right += sum(1 for item in groups[match].items if item.text in units)
                start = match + 1
    return right


def _units(text: str) -> set[str]:
    """Each line of a sample as an item could be read from it: without markup, bullet glyph
    or a leading "Label:", so that an item joined from two lines or cut short is not counted."""
    from roles.transfer.documents.blocks import BULLET, clean

    units = set()
    for raw in text.splitlines():
        for cell in re.sub(r"<[^>]+>|\*\*", "", raw).split("\t"):
            line = clean(cell)
            if match := BULLET.match(line):
                line = clean(match["text"])
            units.add(line)
            units.add(re.sub(r"\s*\((essential|desirable)\)\.?$", "", line, flags=re.I))
            if match := re.match(r"^[^:]{1,40}:\s*(?P<rest>.+)$", line):
                units.add(match["rest"])
    return units


if __name__ == "__main__":
    main()
