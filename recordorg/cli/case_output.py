"""How the command line prints the case review, its entries and the review checklist."""

from __future__ import annotations

from typing import Any

from recordorg.core.case import review as cases
from recordorg.core.case.kinds import KINDS, UNCONFIRMED_MARK
from recordorg.core.case.source_groups import grouped_sources, id_ranges
from recordorg.core.wording import elided

QUOTE_LIMIT = 120  # characters of a source's quote shown on its line


def print_entry(entry: cases.CaseEntry, indent: str = "  ") -> None:
    status = {"confirmed": "", "rejected": "  [rejected]"}.get(
        entry.status, f"  [{UNCONFIRMED_MARK}: {entry.status_words}]"
    )
    when = entry.start or ""
    if entry.start and (entry.end or entry.kind == "treatment_line"):
        until = "ongoing" if entry.get("ongoing") else (entry.end or "?")
        when = f"{entry.start} to {until}"
    print(f"{indent}#{entry.id:<4} {entry.summary}{'   ' + when if when else ''}{status}")
    if entry.drugs:
        print(
            f"{indent}      drugs: "
            + ", ".join(
                f"{d.name} ({d.drug_class})" if d.drug_class else d.name for d in entry.drugs
            )
        )
    for group in grouped_sources(entry.citations):
        page = f" p.{group.page}" if group.page else ""
        if group.count > 1:
            print(
                f"{indent}      sources {id_ranges(group.citation_ids)}: record "
                f"{group.record_id}{page}, {group.summary()}"
            )
            continue
        said = group.summary()
        quote = f' "{elided(said, QUOTE_LIMIT)}"' if said else ""
        number = group.citation_ids[0]
        print(f"{indent}      source {number}: record {group.record_id}{page}{quote}")


def print_case(case: cases.CaseReview) -> int:
    print(f"Case review: {case.person or 'records without a person'}")
    print(f"Question for the reviewer: {case.question or '(not written yet)'}")
    for kind, spec in KINDS.items():
        entries = case.of_kind(kind)
        if kind == "question" or not entries:
            continue
        print(f"\n{spec.plural}")
        for entry in entries:
            print_entry(entry)
    if not any(e.kind != "question" for e in case.entries):
        print(
            "\nNothing yet. Run `recordorg case suggest` to read the records, or add "
            "entries with `recordorg case add`."
        )
    waiting = case.unconfirmed
    if waiting:
        print(
            f"\n{len(waiting)} entr{'y is' if len(waiting) == 1 else 'ies are'} suggested by "
            f"recordorg and {UNCONFIRMED_MARK}: check each against its source, then "
            "`recordorg case confirm ID` or `recordorg case reject ID`."
        )
    return 0


def print_checklist(checklist: Any) -> int:
    marks = {"done": "[x]", "partial": "[~]", "missing": "[ ]"}
    print(
        f"Review checklist for {checklist.person or 'records without a person'} ({checklist.today})"
    )
    for item in checklist.items:
        print(f"{marks[item.status]} {item.title}: {item.detail}")
        if item.status != "done" and item.look_for:
            print(f"      look for: {item.look_for}")
        if item.record_ids:
            print("      records: " + ", ".join(str(i) for i in item.record_ids[:12]))
    print("Ready for review." if checklist.ready else "Not complete yet.")
    return 0
