"""Sanitising the HTML that role profiles carry (duties and purpose come from users and files)."""

import nh3

# Simple formatting survives: paragraphs, lists, bold, italic, line breaks.
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u"}


def sanitise_html(html: str) -> str:
    """Keep simple formatting; drop scripts, styles, event attributes and every other tag."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={},
        clean_content_tags={"script", "style"},
        strip_comments=True,
    ).strip()
