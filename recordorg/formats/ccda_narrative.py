"""The narrative of a clinical document (CDA section text), read from an allow-list of its
elements into plain blocks: paragraphs, list items and tables. Nothing of the markup is
kept (no scripts, styles, pictures or links); a link is shown as its words only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Elements that only carry words (their text is kept, their attributes never are); any
# element not in the narrative's allow-list (a script, a style) is left out with its words.
INLINE = {"content", "linkHtml", "sub", "sup", "footnote", "footnoteRef", "caption", "text"}
BLOCKS = {"paragraph", "list", "item", "table", "thead", "tbody", "tfoot", "tr", "th", "td"}
PICTURE = "renderMultiMedia"


@dataclass
class Block:
    """One piece of a section's narrative: "paragraph", "item" (of a list) or "table"."""

    kind: str
    text: str = ""
    depth: int = 0  # how deep a list item sits
    rows: list[list[str]] = field(default_factory=list)  # a table's cells, header first
    header_rows: int = 0


def local_name(tag: Any) -> str:
    """An element's name without its namespace ("" for comments and instructions)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def inline_text(element: Any) -> str:
    """The words of an element and everything in it; a line break stays a line break."""
    parts: list[str] = [element.text or ""]
    for child in element:
        name = local_name(child.tag)
        if name == "br":
            parts.append("\n")
        elif name == PICTURE:
            parts.append(" [picture not shown] ")
        elif name in INLINE or name in BLOCKS:
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def tidy(text: str) -> str:
    """Runs of spaces made one, lines kept."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def narrative_blocks(text_element: Any) -> list[Block]:
    """The blocks of a section's <text>, in reading order."""
    out: list[Block] = []
    _walk(text_element, out, 0)
    return out


def _walk(element: Any, out: list[Block], depth: int) -> None:
    pending = [element.text or ""]
    for child in element:
        name = local_name(child.tag)
        if name in ("paragraph", "list", "table"):
            _flush(pending, out)
            pending = []
            _block(child, name, out, depth)
        elif name == "br":
            pending.append("\n")
        elif name == PICTURE:
            pending.append(" [picture not shown] ")
        elif name in INLINE:
            pending.append(_walk_inline(child, out, depth))
        pending.append(child.tail or "")
    _flush(pending, out)


def _walk_inline(element: Any, out: list[Block], depth: int) -> str:
    """An inline element's words, unless it holds blocks (a <content> wrapping a table)."""
    if any(local_name(c.tag) in ("paragraph", "list", "table") for c in element):
        _walk(element, out, depth)
        return ""
    return inline_text(element)


def _flush(pending: list[str], out: list[Block]) -> None:
    text = tidy("".join(pending))
    if text:
        out.append(Block("paragraph", text))


def _block(element: Any, name: str, out: list[Block], depth: int) -> None:
    if name == "paragraph":
        _walk(element, out, depth)
    elif name == "list":
        for child in element:
            child_name = local_name(child.tag)
            if child_name == "caption":
                _add(out, Block("paragraph", tidy(inline_text(child))))
            elif child_name == "item":
                _item(child, out, depth)
    else:
        _table(element, out)


def _item(item: Any, out: list[Block], depth: int) -> None:
    nested = [c for c in item if local_name(c.tag) in ("list", "table", "paragraph")]
    words = [item.text or ""]
    for child in item:
        if child in nested:
            continue
        words.append("\n" if local_name(child.tag) == "br" else inline_text(child))
        words.append(child.tail or "")
    _add(out, Block("item", tidy("".join(words)), depth))
    for child in nested:
        _block(child, local_name(child.tag), out, depth + 1)


def _table(table: Any, out: list[Block]) -> None:
    rows: list[list[str]] = []
    header_rows = 0
    caption = ""
    for part in table:
        name = local_name(part.tag)
        if name == "caption":
            caption = tidy(inline_text(part))
        row_elements = [part] if name == "tr" else [r for r in part if local_name(r.tag) == "tr"]
        for row in row_elements:
            cells = [tidy(inline_text(c)) for c in row if local_name(c.tag) in ("th", "td")]
            if not cells:
                continue
            if name == "thead" or (not rows and all(local_name(c.tag) == "th" for c in row)):
                header_rows += 1
            rows.append(cells)
    if caption:
        _add(out, Block("paragraph", caption))
    if rows:
        out.append(Block("table", rows=rows, header_rows=header_rows))


def _add(out: list[Block], block: Block) -> None:
    if block.text:
        out.append(block)


def blocks_text(blocks: list[Block]) -> str:
    """The blocks as searchable plain text: a table row is its cells joined by " | "."""
    lines = []
    for block in blocks:
        if block.kind == "table":
            lines += [" | ".join(row) for row in block.rows]
        elif block.kind == "item":
            lines.append("  " * block.depth + "- " + block.text)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def referenced_texts(text_element: Any) -> dict[str, str]:
    """The words of every narrative element with an ID, for entries that point at them
    ("#problem1")."""
    found = {}
    for element in text_element.iter():
        ident = element.get("ID") if hasattr(element, "get") else None
        if ident:
            found[ident] = tidy(inline_text(element)).replace("\n", " ")
    return found
