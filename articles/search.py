"""Article search: PostgreSQL full-text search, with a simple fallback on SQLite.

On PostgreSQL the weighted vector (title A, standfirst B, body C) is stored in
``articles_article.search_vector`` and kept up to date by a trigger (migration
0003); queries use the accent-insensitive ``french_unaccent`` configuration.
"""

import html
import re
import unicodedata
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, Expression, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Article

CONFIG = "french_unaccent"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# Markers ts_headline puts around matches; unlikely in any text, so that the whole
# excerpt can be escaped and only these become <mark> tags.
START, STOP = "\u2045mk\u2046", "\u2045/mk\u2046"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def clean_query(raw):
    """Return the reader's query without control characters, spaces collapsed, truncated."""
    text = unicodedata.normalize("NFC", raw or "")
    text = _UNSAFE.sub(" ", text)
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    # Do not leave half a word at the cut.
    return text.rsplit(" ", 1)[0] if len(text) == MAX_QUERY_LENGTH and " " in text else text


def query_words(query):
    """Return the words of `query` (letters and digits), at most MAX_WORDS."""
    return re.findall(r"\w+", query)[:MAX_WORDS]


class StoredVector(Expression):
    """The ``search_vector`` column maintained by the database (not a model field)."""

    output_field = SearchVectorField()

    def __init__(self, alias=None):
        super().__init__()
        self.alias = alias

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        return StoredVector(self.alias or query.get_initial_alias())

    def relabeled_clone(self, change_map):
        return StoredVector(change_map.get(self.alias, self.alias))

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name(self.alias)}.search_vector", []


def _strip_tags(expression):
    return Func(
        expression,
        Value("<[^>]+>"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def _postgres_search(queryset, query):
    search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    common = {"query": search_query, "config": CONFIG, "start_sel": START, "stop_sel": STOP}
    return (
        queryset.alias(vector=StoredVector())
        # Filter on the match first: SearchRank is tiny but not zero for other rows.
        .filter(vector=search_query)
        .annotate(
            rank=SearchRank(StoredVector(), search_query),
            title_headline=SearchHeadline("title", highlight_all=True, **common),
            excerpt_headline=SearchHeadline(
                Concat(
                    F("standfirst"), Value(" "), _strip_tags(F("body")), output_field=TextField()
                ),
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
                **common,
            ),
        )
        .order_by("-rank", "-published_at", "-id")
    )


def _fallback_search(queryset, words):
    def variants(word):
        # SQLite's LIKE ignores case for ASCII letters only: "élection" would miss "Élection".
        return {word, word.lower(), word.capitalize(), word.upper()}

    def in_field(field, word):
        return reduce(or_, (Q(**{f"{field}__icontains": v}) for v in variants(word)))

    def anywhere(word):
        return in_field("title", word) | in_field("standfirst", word) | in_field("body", word)

    in_title = reduce(and_, (in_field("title", w) for w in words))
    return (
        queryset.filter(reduce(and_, (anywhere(w) for w in words)))
        .annotate(rank=Case(When(in_title, then=1), default=0, output_field=IntegerField()))
        .order_by("-rank", "-published_at", "-id")
    )


def search_articles(query, queryset=None):
    """Return the published articles matching `query`, best first (an empty list if no words)."""
    queryset = queryset if queryset is not None else Article.objects.published()
    words = query_words(query)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _postgres_search(queryset, query)
    return _fallback_search(queryset, words)


def _marked(text):
    """Escape a ts_headline result, turning only its markers into <mark> tags."""
    # Bodies are stored as HTML: decode entities first so that they are not escaped twice.
    safe = escape(" ".join(html.unescape(text).split()))
    return mark_safe(safe.replace(START, "<mark>").replace(STOP, "</mark>"))


def _highlight_words(text, words):
    """Escape `text` and wrap the reader's words (case-insensitive) in <mark> tags."""
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def highlight(articles, query):
    """Set `highlighted_title` and `excerpt` (safe HTML, only <mark> unescaped) on each result."""
    words = query_words(query)
    for article in articles:
        if hasattr(article, "title_headline"):
            article.highlighted_title = _marked(article.title_headline)
            article.excerpt = _marked(article.excerpt_headline)
        else:
            article.highlighted_title = _highlight_words(article.title, words)
            article.excerpt = _highlight_words(article.standfirst, words)
    return articles
