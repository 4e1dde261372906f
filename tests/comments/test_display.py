"""The article page's comments: only approved ones, threads, counts, pages, safe text."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

from .utils import comment_data

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def page_html(client, article, query=""):
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def test_only_approved_comments_oldest_first(client, article):
    now = timezone.now()
    CommentFactory(article=article, body="Deuxième avis", created_at=now - timedelta(hours=1))
    CommentFactory(article=article, body="Premier avis", created_at=now - timedelta(hours=2))
    for status in ("pending", "rejected", "spam"):
        CommentFactory(article=article, body=f"Caché {status}", status=status)
    html = page_html(client, article)
    assert html.index("Premier avis") < html.index("Deuxième avis")
    assert "Caché" not in html
    assert "2 commentaires" in html


@pytest.mark.parametrize(("n", "heading"), [(1, "1 commentaire<"), (3, "3 commentaires<")])
def test_count_heading_is_plural_aware(client, article, n, heading):
    CommentFactory.create_batch(n, article=article)
    assert heading in page_html(client, article)


def test_no_comment_yet(client, article):
    html = page_html(client, article)
    assert "Aucun commentaire pour l’instant" in html
    assert "Laisser un commentaire" in html


def test_replies_are_shown_under_their_parent(client, article):
    parent = CommentFactory(article=article, body="Question de lecteur")
    CommentFactory(article=article, body="Un autre sujet")
    CommentFactory(article=article, parent=parent, body="Réponse approuvée")
    CommentFactory(article=article, parent=parent, body="Réponse en attente", status="pending")
    html = page_html(client, article)
    replies_start = html.index('class="comment-replies"')
    assert html.index("Question de lecteur") < replies_start < html.index("Réponse approuvée")
    assert html.index("Réponse approuvée") < html.index("Un autre sujet")
    assert "Réponse en attente" not in html
    assert "3 commentaires" in html


def test_reply_link_prefills_parent(client, article):
    parent = CommentFactory(article=article, author_name="Koffi")
    html = page_html(client, article, f"?repondre={parent.pk}")
    assert "En réponse à Koffi" in html
    assert f'name="parent" value="{parent.pk}"' in html
    assert "En réponse à" not in page_html(client, article, "?repondre=abc")


def test_pagination_beyond_50(client, article, settings):
    start = timezone.now() - timedelta(days=1)
    Comment.objects.bulk_create(
        [
            Comment(
                article=article,
                author_name=f"Lecteur {i}",
                author_email="l@example.org",
                body=f"Avis numéro {i:03d}",
                status="approved",
                created_at=start + timedelta(minutes=i),
            )
            for i in range(120)
        ]
    )
    first = page_html(client, article)
    assert "Avis numéro 000" in first and "Avis numéro 049" in first
    assert "Avis numéro 050" not in first
    assert "120 commentaires" in first
    assert "?cpage=3#commentaires" in first
    third = page_html(client, article, "?cpage=3")
    assert "Avis numéro 100" in third and "Avis numéro 119" in third
    assert "Avis numéro 099" not in third
    # Out of range or nonsense: a page of comments, never an error.
    assert "Avis numéro 119" in page_html(client, article, "?cpage=99")
    assert "Avis numéro 000" in page_html(client, article, "?cpage=abc")
    assert "Avis numéro 119" in page_html(client, article, "?cpage=" + "9" * 30)
    assert "Avis numéro 000" in page_html(client, article, "?cpage=-3")


def test_xss_body_is_shown_as_text_on_article_page(client, article):
    CommentFactory(article=article, body=XSS, author_name="<b>Mallory</b>")
    html = page_html(client, article)
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in html


def test_links_are_nofollow_and_line_breaks_kept(client, article):
    CommentFactory(article=article, body='Source : https://example.org/page?a=1&b="2"\nligne deux')
    html = page_html(client, article)
    assert 'rel="nofollow ugc noopener"' in html
    assert "<br>\nligne deux" in html
    assert 'b="2"' not in html


def test_email_and_ip_never_shown(client, article):
    CommentFactory(article=article, author_email="secret@example.org", ip_address="192.0.2.55")
    html = page_html(client, article)
    assert "secret@example.org" not in html
    assert "192.0.2.55" not in html


def test_reading_an_article_loads_nothing_from_google(client, article):
    CommentFactory(article=article)
    html = page_html(client, article)
    assert "google.com/recaptcha" not in html
    assert '<script src="https://www.google.com' not in html
    assert "recaptcha/api.js" not in html
    assert 'src="/static/js/comments.js" defer' in html


def test_own_pending_comment_visible_to_author_only(client, article, google):
    client.post(reverse("comments:post", args=[article.pk]), comment_data(body="Mon avis"))
    html = page_html(client, article)
    assert "Mon avis" in html
    assert "en attente de modération" in html
    assert "Votre commentaire a bien été reçu" in html
    # The thank-you message is shown once.
    assert "Votre commentaire a bien été reçu" not in page_html(client, article)
    assert "Mon avis" not in page_html(Client(), article)
    Comment.objects.update(status="approved")
    html = page_html(Client(), article)
    assert "Mon avis" in html and "en attente de modération" not in html


def test_rejected_own_comment_disappears_for_author(client, article, google):
    client.post(reverse("comments:post", args=[article.pk]), comment_data(body="Mon avis"))
    Comment.objects.update(status="rejected")
    assert "Mon avis" not in page_html(client, article)


def _article_page_queries(client, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = ArticleFactory()
    if count:
        parents = Comment.objects.bulk_create(
            [
                Comment(
                    article=article,
                    author_name="L",
                    author_email="l@example.org",
                    body=f"Avis {i}",
                    status="approved",
                )
                for i in range(count // 2)
            ]
        )
        Comment.objects.bulk_create(
            [
                Comment(
                    article=article,
                    parent=parent,
                    author_name="R",
                    author_email="r@example.org",
                    body="Réponse",
                    status="approved",
                )
                for parent in parents
            ]
        )
    cache.clear()  # same starting point for both pages (other blocks cache their data)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries], response.content.decode()


def test_article_page_query_count_does_not_grow_with_comments(client):
    empty, _html = _article_page_queries(client, 0)
    full, html = _article_page_queries(client, 500)
    assert "500 commentaires" in html
    assert len(full) == len(empty)
    # The whole comment block is one query (thread page, replies and counts).
    assert sum('"comments_comment"' in sql for sql in full) == 1


def test_comment_block_costs_one_query(rf, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.template import Context, Template

    article = ArticleFactory()
    parents = CommentFactory.create_batch(60, article=article)
    CommentFactory.create_batch(3, article=article, parent=parents[0])
    request = rf.get("/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    template = Template("{% load comments_tags %}{% comments_block article %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"request": request, "article": article}))
    assert "63 commentaires" in html


def test_most_commented_of_the_week(client):
    from comments.templatetags.comments_tags import most_commented_articles

    assert most_commented_articles() == []
    busy, quiet, old = ArticleFactory(), ArticleFactory(), ArticleFactory()
    CommentFactory.create_batch(3, article=busy)
    CommentFactory(article=quiet)
    CommentFactory.create_batch(2, article=quiet, status="pending")
    CommentFactory.create_batch(5, article=old, created_at=timezone.now() - timedelta(days=8))
    ranked = most_commented_articles()
    assert [a.pk for a in ranked] == [busy.pk, quiet.pk]
    assert [a.comment_count for a in ranked] == [3, 1]
    html = client.get(reverse("articles:home")).content.decode()
    assert "Les plus commentés de la semaine" in html
    assert "3 commentaires" in html
