"""Ad slots for the reader templates: `{% ad_slot "sidebar" %}` and `|with_inline_ad`."""

from html.parser import HTMLParser

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ads import selection

register = template.Library()

# Inside these, a paragraph end is not a place between two paragraphs of the body.
CONTAINERS = {"blockquote", "ul", "ol", "li", "table", "figure", "div", "aside", "details"}
VOID = {"br", "hr", "img", "wbr", "source", "col", "area", "input", "embed"}


@register.simple_tag
def ad_slot(key):
    """Render the reserved, labelled box of a placement, or nothing if no ad may fill it now.

    The box is the same for every reader, so it can live in a cached page; the creative
    is chosen and counted per request by the iframe's document (ads.views.slot).
    """
    slot = selection.eligible_slot(key)
    if not slot:
        return ""
    # Our own template output: safe; strip() alone would drop the SafeString marker.
    return mark_safe(render_to_string("ads/slot.html", {"slot": slot}).strip())


class _ParagraphEnds(HTMLParser):
    """Collect the offsets just after each top-level </p>."""

    def __init__(self, text):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.ends = []
        self.line_starts = [0]
        for line in text.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))

    def handle_starttag(self, tag, attrs):
        if tag in CONTAINERS:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in CONTAINERS:
            self.depth = max(0, self.depth - 1)
        elif tag == "p" and self.depth == 0:
            line, column = self.getpos()
            start = self.line_starts[line - 1] + column
            self.ends.append(start)


def paragraph_ends(html):
    """Return the offsets right after each top-level closing </p> of the HTML."""
    parser = _ParagraphEnds(html)
    parser.feed(html)
    parser.close()
    ends = []
    for start in parser.ends:
        close = html.find(">", start)
        if close != -1:
            ends.append(close + 1)
    return ends


@register.filter
def with_inline_ad(body, key="article_inline"):
    """Insert the placement's slot after the N-th paragraph of an already sanitized body.

    Use only on HTML that went through the sanitizer (the article body): the result is
    marked safe, exactly as `|safe` would, with our own slot markup added.
    """
    body = str(body or "")
    slot_html = ad_slot(key)
    if not slot_html:
        return mark_safe(body)
    ends = paragraph_ends(body)
    after = settings.ADS_INLINE_AFTER_PARAGRAPH
    if after < 1 or len(ends) < after or not body[ends[after - 1] :].strip():
        # Too short: an ad after the last paragraph would not be inside the text.
        return mark_safe(body)
    cut = ends[after - 1]
    return mark_safe(body[:cut] + slot_html + body[cut:])
