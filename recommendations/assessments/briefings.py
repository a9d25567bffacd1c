"""Briefings of an assessment: Markdown and Word (DOCX), from the result page's view.

A briefing leads with the key part (at most about 600 words: the phase and why, the key actions
and main risks, what is ruled out, the indicators to watch, how sure), then the rest: every
recommendation, the analogous cases, the facts and notes, and the references. What users typed
(the country, the notes) is escaped, so it can neither format nor inject anything.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from recommendations.assessments.result_view import trend_sentences

# At most this many indicators to watch in the key part (the others follow in the rest).
KEY_SIGNPOSTS = 5


@dataclass
class Block:
    """One block of a briefing: a heading and paragraphs or list items (plain text)."""

    heading: str
    level: int = 2
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    numbered: bool = False
    quote: bool = False


@dataclass
class Briefing:
    title: str
    byline: str
    key: list[Block]
    rest: list[Block]


def _sources(sources: list[dict[str, Any]]) -> str:
    cited = dict.fromkeys(f"{s['label']}, “{s['locator']}”" for s in sources)
    return "; ".join(cited)


def _labelled(label: str, text: str) -> str:
    """ "label: text", with the page language's spacing ("label : text" in French)."""
    return _("%(label)s: %(text)s") % {"label": label, "text": text}


def _with_sources(text: str, sources: list[dict[str, Any]]) -> str:
    cited = _sources(sources)
    return f"{text} ({_('Source:')} {cited})" if cited else text


def _because(text: str) -> str:
    return _("Because %(because)s.") % {"because": text} if text else ""


def _signpost(s: Mapping[str, Any]) -> str:
    if "to" in s:
        direction = _("Escalation") if s["escalation"] else _("De-escalation")
        text = _("%(direction)s: if %(when)s, the situation moves to %(to)s.") % {
            "direction": direction,
            "when": s["when"],
            "to": s["to"],
        }
    else:
        text = _("If %(when)s.") % {"when": s["when"]}
    if s["adds"]:
        text += " " + _("New key actions:") + " " + ", ".join(s["adds"]) + "."
    if s["removes"]:
        text += " " + _("No longer key:") + " " + ", ".join(s["removes"]) + "."
    return text


def briefing_of(view: Mapping[str, Any]) -> Briefing:
    """The briefing's blocks, from `result_view.decision_view`."""
    phase = view["phase_name"]
    because = view["phase_because"]
    phase_text = (
        _("%(phase)s, because %(because)s.") % {"phase": phase, "because": because}
        if because
        else f"{phase}."
    )
    key = [Block(_("Phase"), paragraphs=[phase_text, *trend_sentences(view.get("trend"))])]
    key.append(
        Block(
            _("Key actions"),
            numbered=True,
            items=[
                _with_sources(
                    _labelled(f"{a['name']} ({a['kind_name']})", a["rationale"]), a["sources"]
                )
                + ("" if a["robust"] else " " + _("(depends on an uncertain answer)"))
                for a in view["key_actions"]
            ]
            or [_("This assessment was made before Envoy ranked its recommendations.")],
        )
    )
    if view["key_caveats"]:
        key.append(
            Block(
                _("Main risks"),
                level=3,
                items=[_labelled(c["name"], c["text"]) for c in view["key_caveats"]],
            )
        )
    key.append(
        Block(
            _("Ruled out, and why"),
            items=[
                _with_sources(
                    _labelled(f"{r['name']} ({r['kind_name']})", r["reason"]), r["sources"]
                )
                for r in view["ruled_out"]
            ]
            or [_("Nothing a reader would expect is ruled out in this situation.")],
        )
    )
    signposts = [*view["signposts"]["moves"], *view["signposts"]["keys"]]
    key.append(
        Block(
            _("What would change this assessment"),
            items=[_signpost(s) for s in signposts[:KEY_SIGNPOSTS]]
            or [_("No single changed answer would move the phase or change the key actions.")],
        )
    )
    sure = view["sure"]
    sure_lines = [sure["summary"]]
    if sure["uncertain"]:
        sure_lines.append(
            _("Not sure of: %(answers)s.")
            % {"answers": "; ".join(f"{u['question']} ({u['answer']})" for u in sure["uncertain"])}
        )
        if sure["fragile"]:
            sure_lines.append(
                _("Depends on an uncertain answer: %(items)s.")
                % {"items": ", ".join(f["name"] for f in sure["fragile"])}
            )
    key.append(Block(_("How sure"), paragraphs=sure_lines))

    rest = []
    if len(signposts) > KEY_SIGNPOSTS:
        rest.append(
            Block(
                _("Other indicators to watch"),
                items=[_signpost(s) for s in signposts[KEY_SIGNPOSTS:]],
            )
        )
    rest.append(Block(_("All recommendations")))
    for block in view["lists"]:
        items = []
        for item in block["items"]:
            text = _labelled(item["name"], item.get("text") or item["rationale"])
            if item.get("priority") == "key":
                text += " " + _("(key)")
            if not item.get("robust", True):
                text += " " + _("(depends on an uncertain answer)")
            reason = _because(item["because_text"])
            items.append(_with_sources(f"{text} {reason}".strip(), item["sources"]))
        rest.append(Block(block["title"], level=3, items=items or [_("None")]))
    rest.append(
        Block(
            _("Analogous cases"),
            items=[
                " ".join(
                    part
                    for part in (
                        f"{c['title']}",
                        f"({c['outcome']}; {_('similarity')} {c['similarity']:.2f}).",
                        c["lesson"],
                    )
                    if part
                )
                for c in view["analogous_cases"]
            ]
            or [_("No case in the library yet.")],
        )
    )
    rest.append(
        Block(
            _("Facts assessed"),
            items=[
                _labelled(f["label"], f["value"]) + (f" ({_('not sure')})" if f["unsure"] else "")
                for f in view["facts"]
            ],
        )
    )
    notes = (view["input"].get("notes") or "").strip()
    if notes:
        rest.append(Block(_("Notes"), paragraphs=notes.splitlines(), quote=True))
    rest.append(
        Block(
            _("References"),
            items=[
                _labelled(r["label"], r["reference"])
                + " "
                + _("Sections cited: %(sections)s.") % {"sections": "; ".join(r["sections"])}
                for r in view["references"]
            ],
        )
    )
    title = _("Briefing: %(country)s") % {"country": view["situation"]["country"]}
    return Briefing(title=title, byline=view["byline"], key=key, rest=rest)


def key_words(briefing: Briefing) -> int:
    """The number of words of the key part."""
    text = " ".join(" ".join([b.heading, *b.paragraphs, *b.items]) for b in briefing.key)
    return len(text.split())


# Characters that format inline in Markdown, escaped with a backslash ("(" and "!" cannot form
# a link or an image once "[" is escaped); "<" and "&" are written as entities, so no tag or
# entity can be formed. At the start of a line, the markers of headings, quotes and lists.
_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(\s*)([-=+#>]|\d+[.)])")


def _escape_start(match: re.Match[str]) -> str:
    marker = match[2]
    if marker[0].isdigit():
        return match[1] + marker[:-1] + "\\" + marker[-1]
    return match[1] + "\\" + marker


def md(text: str) -> str:
    """Text written into Markdown verbatim: nothing in it formats, links or injects HTML."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;")
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_start, text)


def as_markdown(briefing: Briefing) -> str:
    lines = [f"# {md(briefing.title)}", "", md(briefing.byline), ""]

    def write(block: Block) -> None:
        lines.extend([f"{'#' * block.level} {md(block.heading)}", ""])
        for paragraph in block.paragraphs:
            lines.extend([f"> {md(paragraph)}" if block.quote else md(paragraph), ""])
        for i, item in enumerate(block.items, 1):
            lines.append(f"{i}. {md(item)}" if block.numbered else f"- {md(item)}")
        if block.items:
            lines.append("")

    for block in briefing.key:
        write(block)
    lines.extend(["---", ""])
    for block in briefing.rest:
        write(block)
    return "\n".join(lines).rstrip() + "\n"


def as_docx(briefing: Briefing) -> bytes:
    """The briefing as a Word document (text runs: nothing typed is interpreted)."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = briefing.title
    document.add_heading(briefing.title, level=0)
    document.add_paragraph(briefing.byline).runs[0].font.size = Pt(9)

    def write(block: Block) -> None:
        document.add_heading(block.heading, level=min(block.level - 1, 3))
        for paragraph in block.paragraphs:
            document.add_paragraph(paragraph, style="Intense Quote" if block.quote else None)
        style = "List Number" if block.numbered else "List Bullet"
        for item in block.items:
            document.add_paragraph(item, style=style)

    for block in briefing.key:
        write(block)
    document.add_page_break()
    for block in briefing.rest:
        write(block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
