"""Read the metadata in an article's text from its blocks with roles: title, byline, credit, date and agency.

>>> from framing.clean.blocks import Block
>>> byline = Block(1, 16, 48, "byline", "'By' line", "By Ana Lee, The Associated Press")
>>> metadata([byline], CleanRules())["credit"]
'The Associated Press'
"""

from __future__ import annotations

from framing.clean.blocks import AGENCY_DATELINE_RE, Block
from framing.clean.roles import BYLINE_RE, CREDIT_LINE_RE
from framing.read import find_date
from framing.segment import tokenize
from framing.settings import CleanRules

__all__ = ["metadata"]


def _agency(text: str, rules: CleanRules) -> str:
    matches = rules.agency_lexicon().match(tokenize(text), text)
    return matches[0].entry.category if matches else ""


def metadata(blocks: list[Block], rules: CleanRules) -> dict[str, str]:
    """Title, byline, credit and date, read from the blocks with their roles (each ``""`` when not found)."""
    title = next((b.text for b in blocks if b.role == "title"), "")
    byline = credit = date = ""
    for block in blocks:
        if block.role == "byline":
            by = BYLINE_RE.match(block.text)
            credit_line = CREDIT_LINE_RE.match(block.text)
            if by and not byline:
                byline = by.group("byline").strip()
                credit = credit or _agency(byline, rules)
            elif credit_line and block.reason == "credit line" and not credit:
                value = credit_line.group("credit").strip()
                credit = _agency(value, rules) or value
        elif block.role == "dateline" and not date:
            date = find_date(block.text)
    first_body = next((b for b in blocks if b.role == "body"), None)
    if first_body is not None and not credit:
        match = AGENCY_DATELINE_RE.match(first_body.text)
        if match:
            credit = _agency(match.group("agency"), rules)
    return {"title": " ".join(title.split()), "byline": byline, "credit": credit, "date": date}
