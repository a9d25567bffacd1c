"""axe-core in the browser tests: the accessibility rules a page breaks, as axe sees them.

axe-core comes from the npm registry, checked against its pinned sha512
(scripts/fetch_axe_core.py; `make test` fetches it, and so does the first use here). It is
injected through Playwright's `page.evaluate`, which the page's content security policy does
not govern, so the page is checked as users get it, its CSP on.

    from tests.browser.axe import axe_violations, summary

    visit.goto("/library/")
    violations = axe_violations(visit.page)  # serious and critical ones, by default
    assert violations == [], summary(violations)

    # Narrower or wider: other impacts, a part of the page, some rules left out.
    axe_violations(page, impacts=("moderate", "serious", "critical"), include="main",
                   disable=("color-contrast",))

Each violation is axe's own dict: `id` (the rule), `impact`, `help`, `helpUrl` and `nodes`
(each with `target`, a CSS selector, and `failureSummary`). `summary()` makes a readable
assertion message of them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from scripts.fetch_axe_core import ensure

IMPACTS = ("minor", "moderate", "serious", "critical")
SERIOUS = ("serious", "critical")
# The WCAG 2.x A and AA rules and axe's best practices; AAA rules (enhanced contrast) are
# informative only.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

RUN = """async ({include, options}) => {
    const results = await axe.run(include ? {include: [include]} : document, options);
    return results.violations;
}"""


@cache
def axe_source() -> str:
    """axe.min.js, fetched and checked first if the cache lacks it."""
    return ensure().read_text(encoding="utf-8")


def axe_violations(
    page,
    impacts: tuple[str, ...] = SERIOUS,
    *,
    include: str | None = None,
    disable: tuple[str, ...] = (),
    tags: list[str] | None = None,
) -> list[dict[str, Any]]:
    """axe-core's violations of `impacts` on the page as it is now (or on the part of it
    `include` selects), checked against `tags`, without the rules in `disable`."""
    unknown = set(impacts) - set(IMPACTS)
    assert not unknown, f"unknown impacts {unknown}: axe's are {IMPACTS}"
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source() + "\n;undefined")
    options = {
        "runOnly": {"type": "tag", "values": tags or TAGS},
        "rules": {rule: {"enabled": False} for rule in disable},
        "resultTypes": ["violations"],
    }
    violations = page.evaluate(RUN, {"include": include, "options": options})
    return [v for v in violations if v["impact"] in impacts]


def summary(violations: list[dict[str, Any]]) -> str:
    """One line per violation and per element it is found on, for assertion messages."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines) or "no violation"
