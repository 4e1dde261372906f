"""Reader pages. Every public lookup starts from Article.objects.published()."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Article, Author, Category, Tag


def _listing():
    return (
        Article.objects.published()
        .select_related("category", "category__parent")
        .prefetch_related("authors")
    )


def _page(request, queryset):
    paginator = Paginator(queryset, settings.ARTICLES_PER_PAGE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404 from exc


def home(request):
    """The front page: latest published articles."""
    return render(request, "articles/home.html", {"page_obj": _page(request, _listing())})


def category_detail(request, slug):
    """A category's articles, its sub-categories' included."""
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    articles = _listing().filter(Q(category=category) | Q(category__parent=category))
    return render(
        request,
        "articles/category_detail.html",
        {"category": category, "page_obj": _page(request, articles)},
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
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "is_preview": not article.is_published},
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
