"""The moderation queue and who may use it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.roles import EDITOR, JOURNALIST, MODERATOR
from comments.models import BannedWord, Comment, CommentModeration
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"
CHANGELIST = "admin:comments_comment_changelist"


@pytest.fixture
def moderator(client):
    user = UserFactory(username="moderatrice", role=MODERATOR)
    client.force_login(user)
    return user


def changelist(client, query=""):
    response = client.get(reverse(CHANGELIST) + query)
    assert response.status_code == 200
    return response


# --- Permissions ----------------------------------------------------------------------


def test_moderator_has_exactly_the_comment_permissions():
    user = UserFactory(role=MODERATOR)
    perms = user.get_all_permissions()
    assert {p.split(".")[0] for p in perms} == {"comments"}
    assert "comments.moderate_comment" in perms
    assert "comments.change_bannedword" in perms
    assert "comments.delete_comment" not in perms


def test_moderator_cannot_touch_articles(client, moderator):
    article = ArticleFactory()
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 403
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Piraté"}).status_code == 403
    article.refresh_from_db()
    assert article.title != "Piraté"


def test_journalist_cannot_moderate(client):
    client.force_login(UserFactory(role=JOURNALIST))
    comment = CommentFactory(status="pending")
    assert client.get(reverse(CHANGELIST)).status_code == 403
    url = reverse("admin:comments_comment_moderate", args=[comment.pk, "approve"])
    assert client.post(url).status_code == 403
    response = client.post(
        reverse(CHANGELIST), {"action": "approve_selected", "_selected_action": [comment.pk]}
    )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == "pending"
    assert client.get(reverse("admin:comments_bannedword_changelist")).status_code == 403
    close = reverse("admin:comments_article_close", args=[comment.article_id])
    assert client.post(close).status_code == 403
    comment.article.refresh_from_db()
    assert comment.article.comments_enabled is True


def test_editor_can_close_comments_in_article_admin(client):
    editor = UserFactory(role=EDITOR)
    assert editor.has_perm("articles.change_article")
    assert not editor.has_perm("comments.moderate_comment")


# --- The queue -------------------------------------------------------------------------


def test_queue_pending_first_then_oldest(client, moderator):
    now = timezone.now()
    CommentFactory(body="approuvé récent", status="approved", created_at=now)
    CommentFactory(body="attente récente", status="pending", created_at=now - timedelta(hours=1))
    CommentFactory(body="attente ancienne", status="pending", created_at=now - timedelta(days=2))
    CommentFactory(body="spam ancien", status="spam", created_at=now - timedelta(days=3))
    html = changelist(client).content.decode()
    order = ["attente ancienne", "attente récente", "spam ancien", "approuvé récent"]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)


def test_queue_shows_article_author_score_reasons_and_full_text(client, moderator):
    long_body = "Début du commentaire. " + "x" * 300 + " Fin du commentaire."
    comment = CommentFactory(
        body=long_body,
        status="spam",
        captcha_score=0.2,
        hold_reasons=["low_score", "too_many_links"],
        author_email="lecteur@example.org",
    )
    html = changelist(client).content.decode()
    assert comment.article.get_absolute_url() in html
    assert "lecteur@example.org" in html
    assert "0.2" in html
    assert "Score reCAPTCHA bas, Trop de liens" in html
    assert "<details>" in html and "Fin du commentaire." in html


def test_queue_filters_and_search(client, moderator):
    CommentFactory(body="bon score", captcha_score=0.9, status="pending")
    CommentFactory(body="mauvais score", captcha_score=0.1, status="spam")
    html = changelist(client, "?score=low").content.decode()
    assert "mauvais score" in html and "bon score" not in html
    html = changelist(client, "?status__exact=pending").content.decode()
    assert "bon score" in html and "mauvais score" not in html
    html = changelist(client, "?q=mauvais").content.decode()
    assert "mauvais score" in html and "bon score" not in html


def test_queue_query_count_is_constant(client, moderator, django_assert_max_num_queries):
    CommentFactory.create_batch(40, status="pending")
    with django_assert_max_num_queries(12):
        changelist(client)


def test_xss_shown_as_text_in_admin_list_and_detail(client, moderator):
    comment = CommentFactory(body=XSS, author_name="<b>Mallory</b>", status="pending")
    for url in (
        reverse(CHANGELIST),
        reverse("admin:comments_comment_change", args=[comment.pk]),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x onerror" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<b>Mallory</b>" not in html


def test_pending_badge_on_admin_index(client, moderator):
    CommentFactory.create_batch(3, status="pending")
    CommentFactory(status="approved")
    html = client.get(reverse("admin:index")).content.decode()
    assert "3 commentaires en attente de modération" in html


def test_no_badge_for_journalists(client):
    CommentFactory(status="pending")
    client.force_login(UserFactory(role=JOURNALIST))
    assert "en attente de modération" not in client.get(reverse("admin:index")).content.decode()


# --- Decisions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve_selected", "approved"), ("reject_selected", "rejected"), ("mark_spam", "spam")],
)
def test_bulk_actions_record_who_and_when(client, moderator, action, status):
    comments = CommentFactory.create_batch(3, status="pending")
    response = client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [c.pk for c in comments[:2]]},
        follow=True,
    )
    assert "2 commentaires passés à" in response.content.decode()
    moderated = Comment.objects.filter(status=status)
    assert moderated.count() == 2
    for comment in moderated:
        assert comment.moderated_by == moderator
        assert timezone.now() - comment.moderated_at < timedelta(minutes=1)
    log = CommentModeration.objects.filter(to_status=status)
    assert log.count() == 2
    assert {entry.from_status for entry in log} == {"pending"}
    assert {entry.moderator for entry in log} == {moderator}


def test_one_click_approve_from_the_list(client, moderator):
    comment = CommentFactory(status="pending", body="À publier")
    html = changelist(client).content.decode()
    url = reverse("admin:comments_comment_moderate", args=[comment.pk, "approve"])
    assert f'formaction="{url}"' in html
    assert client.get(url).status_code == 405  # POST only (CSRF-protected)
    response = client.post(url, follow=True)
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert comment.moderated_by == moderator
    assert CommentModeration.objects.get().to_status == "approved"
    assert "À publier" in client.get(comment.article.get_absolute_url()).content.decode()


def test_one_click_rejects_unknown_decision(client, moderator):
    comment = CommentFactory(status="pending")
    url = reverse("admin:comments_comment_moderate", args=[comment.pk, "delete"])
    assert client.post(url).status_code == 403
    missing = reverse("admin:comments_comment_moderate", args=[999999, "approve"])
    assert client.post(missing).status_code == 404


def test_status_change_in_the_form_is_logged(client, moderator):
    comment = CommentFactory(status="spam", captcha_score=0.3)
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    response = client.post(
        url,
        {"status": "approved", "moderations-TOTAL_FORMS": "0", "moderations-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved"
    entry = CommentModeration.objects.get()
    assert (entry.from_status, entry.to_status, entry.moderator) == ("spam", "approved", moderator)


def test_moderator_can_close_an_articles_comments(client, moderator):
    comment = CommentFactory(status="pending")
    response = client.post(
        reverse(CHANGELIST), {"action": "close_articles", "_selected_action": [comment.pk]}
    )
    assert response.status_code == 302
    comment.article.refresh_from_db()
    assert comment.article.comments_enabled is False
    other = CommentFactory().article
    change_page = client.get(
        reverse("admin:comments_comment_change", args=[other.comments.get().pk])
    )
    close_url = reverse("admin:comments_article_close", args=[other.pk])
    assert f'formaction="{close_url}"' in change_page.content.decode()
    assert client.post(reverse("admin:comments_article_close", args=[other.pk])).status_code == 302
    other.refresh_from_db()
    assert other.comments_enabled is False


def test_moderator_edits_banned_words(client, moderator):
    response = client.post(reverse("admin:comments_bannedword_add"), {"word": "arnaque"})
    assert response.status_code == 302
    assert BannedWord.objects.filter(word="arnaque").exists()


def test_moderator_cannot_add_or_delete_comments(client, moderator):
    comment = CommentFactory()
    assert client.get(reverse("admin:comments_comment_add")).status_code == 403
    delete = reverse("admin:comments_comment_delete", args=[comment.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Comment.objects.filter(pk=comment.pk).exists()
