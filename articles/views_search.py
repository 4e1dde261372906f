"""The reader's search page."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .models import Article
from .search import MAX_QUERY_LENGTH, clean_query, highlight, search_articles

LATEST_SUGGESTIONS = 5
# What a result shows; the body (long) is only read by the database for the excerpt.
RESULT_FIELDS = ("title", "slug", "standfirst", "published_at", "category__name", "category__slug")


@require_safe
def search(request):
    """Search published articles; an empty query shows the form, no result suggests the latest."""
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    context = {
        "query": query,
        "truncated": len(raw) > MAX_QUERY_LENGTH and bool(query),
        "max_length": MAX_QUERY_LENGTH,
    }
    if query:
        results = (
            search_articles(query)
            .select_related("category")
            .only(*RESULT_FIELDS)
            .prefetch_related("authors")
        )
        paginator = Paginator(results, settings.ARTICLES_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger as exc:
            raise Http404 from exc
        except EmptyPage as exc:
            # No result at all is a normal page; only a page past the end is not found.
            if paginator.count:
                raise Http404 from exc
            page = paginator.page(1)
        highlight(page.object_list, query)
        context["page_obj"] = page
        if not paginator.count:
            context["latest"] = (
                Article.objects.published()
                .select_related("category")
                .only("title", "slug", "published_at", "category__name", "category__slug")[
                    :LATEST_SUGGESTIONS
                ]
            )
    return render(request, "articles/search.html", context)
