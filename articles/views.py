"""Reader pages. Every public lookup starts from Article.objects.published()."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Case, F, IntegerField, Max, Min, Q, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .context_processors import nav_categories
from .models import Article, Author, Category, Tag

HOME_LATEST = 8
HOME_BLOCK_WINDOW = 2000
HOME_BLOCK_SIZE = 4
RELATED_COUNT = 4
MORE_COUNT = 6
# An edit made within this delay of publication is a correction, not an update.
UPDATE_THRESHOLD = timedelta(minutes=30)


def _listing():
    # Lists show the category label, never the authors: no prefetch, constant queries.
    return Article.objects.published().select_related("category")


def _page(request, queryset):
    paginator = Paginator(queryset, settings.ARTICLES_PER_PAGE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404 from exc


def _category_blocks(categories, exclude_ids):
    """Return [(category, its latest articles incl. sub-categories')] in one query."""
    if not categories:
        return []
    top = Coalesce("category__parent_id", "category_id")
    # Rank only the newest articles: a window over the whole table costs a full
    # scan (0.6 s at 100 000 articles); a main category with nothing among the
    # newest HOME_BLOCK_WINDOW articles simply has no block.
    recent = Article.objects.published().order_by("-published_at", "-id").values("pk")
    rows = (
        _listing()
        .filter(pk__in=recent[:HOME_BLOCK_WINDOW])
        .exclude(pk__in=exclude_ids)
        .annotate(top_id=top)
        .filter(top_id__in=[c.pk for c in categories])
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[top], order_by=[F("published_at").desc(), F("id").desc()]
            )
        )
        .filter(rank__lte=HOME_BLOCK_SIZE)
        .order_by("top_id", "rank")
    )
    by_top = {}
    for article in rows:
        by_top.setdefault(article.top_id, []).append(article)
    return [(c, by_top[c.pk]) for c in categories if by_top.get(c.pk)]


def home(request):
    """The front page: the lead story, the latest articles and one block per main category."""
    lead = _listing().filter(is_featured=True).first()
    latest = list(_listing().exclude(pk=getattr(lead, "pk", None))[:HOME_LATEST])
    blocks = _category_blocks(nav_categories(request), [lead.pk] if lead else [])
    return render(
        request, "articles/home.html", {"lead": lead, "latest": latest, "category_blocks": blocks}
    )


def category_detail(request, slug):
    """A category's articles, its sub-categories' included."""
    # The category and its children in one query.
    family = list(
        Category.objects.select_related("parent").filter(Q(slug=slug) | Q(parent__slug=slug))
    )
    category = next((c for c in family if c.slug == slug), None)
    if category is None:
        raise Http404
    children = [c for c in family if c.parent_id == category.pk]
    articles = _listing().filter(Q(category=category) | Q(category__parent=category))
    return render(
        request,
        "articles/category_detail.html",
        {
            "category": category,
            "children": children,
            "nav_section": category.parent_id or category.pk,
            "page_obj": _page(request, articles),
        },
    )


def _related(article, tag_ids):
    """Same category first, then same tags; newest first; never the article itself."""
    # Two small "newest N" subqueries, each served by an index, instead of one
    # OR over the whole table that must sort every match (0.6 s at 100 000 articles).
    candidates = Article.objects.published().exclude(pk=article.pk).order_by("-published_at", "-id")
    ids = candidates.filter(category_id=article.category_id).values("pk")[:RELATED_COUNT]
    if tag_ids:
        # An article with two of the tags appears twice here: take a few more.
        tagged = candidates.filter(tags__in=tag_ids).values("pk")[: RELATED_COUNT * 3]
        # A UNION, not an OR of two IN clauses (PostgreSQL turns that OR into a table
        # scan); each side wraps its LIMIT in a subquery, as SQLite requires.
        ids = (
            Article.objects.filter(pk__in=ids)
            .values("pk")
            .union(Article.objects.filter(pk__in=tagged).values("pk"))
        )
    return list(
        _listing()
        .filter(pk__in=ids)
        .annotate(
            same_category=Case(
                When(category_id=article.category_id, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("same_category", "-published_at", "-id")[:RELATED_COUNT]
    )


def article_detail(request, slug):
    """One article; staff who may edit it also see it before publication (preview)."""
    related = ("category", "category__parent")
    article = (
        Article.objects.published()
        .select_related(*related)
        .prefetch_related("authors", "tags")
        .filter(slug=slug)
        .first()
    )
    user = request.user
    if article is None and user.is_staff and user.has_perm("articles.view_article"):
        article = (
            Article.objects.editable_by(user)
            .select_related(*related)
            .prefetch_related("authors", "tags")
            .filter(slug=slug)
            .first()
        )
    if article is None:
        raise Http404
    tags = list(article.tags.all())
    related_articles = _related(article, [t.pk for t in tags])
    more = list(
        _listing().exclude(pk__in=[article.pk, *(a.pk for a in related_articles)])[:MORE_COUNT]
    )
    updated = bool(
        article.published_at and article.updated_at - article.published_at > UPDATE_THRESHOLD
    )
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "authors": list(article.authors.all()),
            "tags": tags,
            "show_updated": updated,
            "related_articles": related_articles,
            "more_articles": more,
            "is_preview": not article.is_published,
            "nav_section": article.category.parent_id or article.category_id,
        },
    )


def author_detail(request, slug):
    """An author's published articles."""
    author = get_object_or_404(Author, slug=slug)
    return render(
        request,
        "articles/author_detail.html",
        {"author": author, "page_obj": _page(request, _listing().filter(authors=author))},
    )


def tag_detail(request, slug):
    """A tag's published articles."""
    tag = get_object_or_404(Tag, slug=slug)
    return render(
        request,
        "articles/tag_detail.html",
        {"tag": tag, "page_obj": _page(request, _listing().filter(tags=tag))},
    )


def month_archive(request, year, month):
    """The articles published in one month (local time), with links to the neighbour months."""
    year, month = int(year), int(month)
    if not (1 <= month <= 12 and 1900 <= year <= 9998):
        raise Http404
    start = timezone.make_aware(datetime(year, month, 1))
    end = timezone.make_aware(datetime(year + month // 12, month % 12 + 1, 1))
    published = Article.objects.published()
    bounds = published.aggregate(
        previous=Max("published_at", filter=Q(published_at__lt=start)),
        next=Min("published_at", filter=Q(published_at__gte=end)),
    )
    articles = _listing().filter(published_at__gte=start, published_at__lt=end)
    return render(
        request,
        "articles/archive_month.html",
        {
            "month": start,
            "previous_month": bounds["previous"] and timezone.localtime(bounds["previous"]),
            "next_month": bounds["next"] and timezone.localtime(bounds["next"]),
            "page_obj": _page(request, articles),
        },
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Tell crawlers where the sitemaps are and to keep out of the newsroom's admin."""
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        "Disallow: /ckeditor/",
        "Disallow: /pub/",
        "",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
        f"Sitemap: {settings.SITE_URL}/sitemap-news.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
