"""Posting a comment: every captcha outcome, abuse defences, and no reader's words lost."""

from datetime import timedelta
from urllib.error import URLError

import pytest
from django.urls import reverse

from comments.models import BannedWord, Comment
from tests.factories import ArticleFactory, CommentFactory

from .utils import comment_data

pytestmark = pytest.mark.django_db

TYPED = "Très bon article,\nmerci pour ces explications."


def post(client, article, **overrides):
    return client.post(reverse("comments:post", args=[article.pk]), comment_data(**overrides))


def assert_text_kept(response, body=TYPED, name="Awa Dossou", email="awa@example.org"):
    html = response.content.decode()
    assert body.replace("\n", "\n") in html or body in html
    assert f'value="{name}"' in html
    assert f'value="{email}"' in html


# --- reCAPTCHA outcomes ----------------------------------------------------------


def test_high_score_is_pending_and_reader_told(client, article, google):
    response = post(client, article)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.captcha_score == 0.9
    assert comment.hold_reasons == []
    assert comment.body == TYPED
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#commentaire-{comment.pk}"
    page = client.get(article.get_absolute_url())
    html = page.content.decode()
    assert "en attente de modération" in html
    assert "merci pour ces explications" in html
    # Only its author sees it.
    other = client.__class__().get(article.get_absolute_url()).content.decode()
    assert "merci pour ces explications" not in other


def test_low_score_is_kept_as_spam_and_reader_told_it_waits(client, article, google):
    google.score = 0.2
    response = post(client, article)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert comment.captcha_score == 0.2
    assert comment.hold_reasons == ["low_score"]
    html = client.get(response["Location"]).content.decode()
    assert "en attente de modération" in html
    assert "Captcha" not in html


def test_threshold_setting_is_read_when_verifying(client, article, google, settings):
    settings.RECAPTCHA_REQUIRED_SCORE = 0.95
    post(client, article)
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_missing_token_shows_form_again_with_text(client, article, google):
    response = post(client, article, captcha="")
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert google.calls == []
    assert "JavaScript est-il activé" in response.content.decode()
    assert_text_kept(response)


def test_invalid_or_expired_token_shows_form_again_with_text(client, article, google):
    google.valid = False
    response = post(client, article)
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert "a échoué ou a expiré" in response.content.decode()
    assert_text_kept(response)


def test_token_for_another_action_is_refused(client, article, google):
    google.action = "login"
    response = post(client, article)
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert_text_kept(response)


@pytest.mark.parametrize(
    "error",
    [URLError("no route"), TimeoutError("slow"), OSError("connection reset")],
    ids=["urlerror", "timeout", "oserror"],
)
def test_google_unreachable_keeps_comment_pending_for_moderators(client, article, google, error):
    google.error = error
    response = post(client, article)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.captcha_score is None
    assert comment.hold_reasons == ["captcha_unavailable"]
    assert comment.body == TYPED
    assert "en attente de modération" in client.get(response["Location"]).content.decode()


def test_validation_errors_do_not_call_google(client, article, google):
    response = post(client, article, author_email="pas-une-adresse")
    assert response.status_code == 400
    assert google.calls == []
    html = response.content.decode()
    assert "Cette adresse e-mail n’est pas valide." in html
    assert TYPED in html


def test_dev_verifier_without_keys(client, article, settings):
    settings.DEBUG = True
    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = ""
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Mode développement : vérification reCAPTCHA simulée" in html
    assert 'value="dev-mode"' in html
    response = post(client, article, captcha="dev-mode")
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_auto_approve_known_authors_when_enabled(client, article, google, settings):
    CommentFactory(article=article, author_email="awa@example.org")
    post(client, article)
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING
    settings.COMMENTS_AUTO_APPROVE_KNOWN_AUTHORS = True
    post(client, article, body="Un deuxième avis.")
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED


# --- Abuse defences -------------------------------------------------------------------


def test_rate_limit_answers_429_and_keeps_text(client, article, google, settings):
    settings.COMMENTS_RATE_LIMIT = 5
    for n in range(5):
        assert post(client, article, body=f"Commentaire {n}").status_code == 302
    response = post(client, article, body="Le sixième, de trop")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Patientez" in html
    assert "Le sixième, de trop" in html
    assert Comment.objects.count() == 5
    # Another reader (another address) is not blocked.
    other = client.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(body="Un autre lecteur"),
        REMOTE_ADDR="198.51.100.4",
    )
    assert other.status_code == 302


def test_rate_limit_window_ends(client, article, google, settings):
    import time_machine

    settings.COMMENTS_RATE_LIMIT = 1
    with time_machine.travel("2026-11-28 10:00 +0000", tick=False) as traveller:
        assert post(client, article, body="Premier").status_code == 302
        assert post(client, article, body="Second").status_code == 429
        traveller.shift(timedelta(minutes=11))
        assert post(client, article, body="Second").status_code == 302


def test_honeypot_looks_like_success_but_stores_nothing(client, article, google):
    response = post(client, article, website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()
    assert google.calls == []


def test_banned_word_holds_comment_with_reason(client, article, google):
    BannedWord.objects.create(word="arnaque")
    post(client, article, body="C’est une ARNAQUÉ totale !")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.hold_reasons == ["banned_word"]


def test_banned_word_matches_whole_words_only(client, article, google):
    BannedWord.objects.create(word="con")
    post(client, article, body="Je suis content de cette décision.")
    assert Comment.objects.get().hold_reasons == []


def test_too_many_links_holds_comment(client, article, google):
    body = "Voir http://a.example, https://b.example et www.c.example"
    post(client, article, body=body)
    assert Comment.objects.get().hold_reasons == ["too_many_links"]


def test_duplicate_is_stored_once(client, article, google):
    first = post(client, article)
    second = post(client, article)
    assert first.status_code == second.status_code == 302
    assert Comment.objects.count() == 1


def test_same_short_text_from_another_reader_is_kept(client, article, google):
    post(client, article, body="Merci !")
    post(client, article, body="Merci !", author_email="autre@example.org")
    assert Comment.objects.count() == 2


def test_same_text_later_is_a_new_comment(client, article, google):
    import time_machine

    with time_machine.travel("2026-11-28 10:00 +0000", tick=False) as traveller:
        post(client, article)
        traveller.shift(timedelta(minutes=11))
        post(client, article)
    assert Comment.objects.count() == 2


# --- Closing rules -------------------------------------------------------------------


def test_closed_article_refuses_and_shows_text(client, google):
    article = ArticleFactory(comments_enabled=False)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Les commentaires sont fermés pour cet article." in page
    assert "Laisser un commentaire" not in page
    response = post(client, article)
    assert response.status_code == 403
    assert TYPED in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_close_automatically_after_n_days(client, google, settings):
    import time_machine

    settings.COMMENTS_AUTO_CLOSE_DAYS = 30
    with time_machine.travel("2026-11-01 12:00 +0000", tick=False) as traveller:
        article = ArticleFactory()
        traveller.shift(timedelta(days=29))
        assert "Laisser un commentaire" in client.get(article.get_absolute_url()).content.decode()
        assert post(client, article).status_code == 302
        traveller.shift(timedelta(days=2))
        html = client.get(article.get_absolute_url()).content.decode()
        assert "Les commentaires sont fermés" in html
        assert post(client, article, body="Trop tard").status_code == 403


# --- Replies -------------------------------------------------------------------------


def test_reply_to_approved_comment(client, article, google):
    parent = CommentFactory(article=article)
    post(client, article, parent=str(parent.pk), body="Je vous réponds.")
    reply = Comment.objects.get(body="Je vous réponds.")
    assert reply.parent == parent
    assert reply.status == Comment.Status.PENDING


def test_reply_to_a_reply_stays_one_level_deep(client, article, google):
    parent = CommentFactory(article=article)
    child = CommentFactory(article=article, parent=parent)
    post(client, article, parent=str(child.pk), body="Réponse à la réponse.")
    assert Comment.objects.get(body="Réponse à la réponse.").parent == parent


@pytest.mark.parametrize("status", ["pending", "rejected", "spam"])
def test_no_reply_to_unpublished_comment(client, article, google, status):
    parent = CommentFactory(article=article, status=status)
    response = post(client, article, parent=str(parent.pk), body="Je réponds.")
    assert response.status_code == 400
    assert "On ne peut répondre qu’à un commentaire publié" in response.content.decode()
    assert "Je réponds." in response.content.decode()
    assert not Comment.objects.filter(body="Je réponds.").exists()


def test_no_reply_to_another_articles_comment(client, article, google):
    other = CommentFactory()
    response = post(client, article, parent=str(other.pk))
    assert response.status_code == 400


# --- Remember me ------------------------------------------------------------------


def test_remember_me_fills_name_and_email_next_time(client, article, google):
    post(client, article, remember="on")
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert 'value="Awa Dossou"' in html
    assert 'value="awa@example.org"' in html
    post(client, article, body="Sans mémoire cette fois")
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert 'value="Awa Dossou"' not in html


def test_tampered_cookies_are_ignored(client, article):
    client.cookies["np_commenter"] = '{"author_name": "Pirate"}'
    client.cookies["np_comments_mine"] = "1,2,3"
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Pirate" not in html


# --- Bad input: never a 500 --------------------------------------------------------


def test_very_long_comment_is_refused_with_french_message_and_kept(client, article, google):
    body = "a" * 5001
    response = post(client, article, body=body)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Votre commentaire est trop long" in html
    assert body in html


def test_too_short_comment(client, article, google):
    response = post(client, article, body="a")
    assert response.status_code == 400
    assert "trop court" in response.content.decode()


def test_non_latin_text_is_kept_exactly(client, article, google):
    body = "Ελληνικά, العربية, 中文, ɖe Fɔngbè, emoji 🇧🇯 — tout passe."
    post(client, article, body=body, author_name="Chidi Ọkọnkwọ")
    comment = Comment.objects.get()
    assert comment.body == body
    assert comment.author_name == "Chidi Ọkọnkwọ"


@pytest.mark.parametrize("field", ["body", "author_name", "author_email", "captcha"])
def test_nul_bytes_are_refused_not_500(client, article, google, field):
    response = post(client, article, **{field: "du texte\x00caché"})
    assert response.status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"body": "Seulement un texte"},
        {"body": ["un", "deux"], "author_name": ["A", "B"], "author_email": "a@example.org"},
        {**comment_data(), "parent": "pas-un-nombre"},
        {**comment_data(), "parent": "-4"},
        {**comment_data(), "parent": "99999999999999999999999"},
        {**comment_data(), "remember": "peut-être"},
    ],
    ids=["empty", "body-only", "repeated", "parent-text", "parent-negative", "parent-huge", "bool"],
)
def test_malformed_posts_never_500(client, article, google, data):
    response = client.post(reverse("comments:post", args=[article.pk]), data)
    assert response.status_code in {302, 400}
    if response.status_code == 400:
        assert "Votre commentaire n’a pas pu être envoyé" in response.content.decode()


def test_repeated_fields_use_one_value(client, article, google):
    data = comment_data()
    data["body"] = ["Premier texte", "Dernier texte"]
    assert client.post(reverse("comments:post", args=[article.pk]), data).status_code == 302
    assert Comment.objects.get().body == "Dernier texte"


def test_unknown_or_unpublished_article_is_404(client, google):
    assert client.post(reverse("comments:post", args=[999999]), comment_data()).status_code == 404
    draft = ArticleFactory(status="draft", published_at=None)
    assert client.post(reverse("comments:post", args=[draft.pk]), comment_data()).status_code == 404
    assert client.post("/commentaires/article/abc/", comment_data()).status_code == 404


def test_get_is_not_allowed(client, article):
    assert client.get(reverse("comments:post", args=[article.pk])).status_code == 405


def test_unparseable_remote_address_is_stored_as_none(client, article, google):
    client.post(
        reverse("comments:post", args=[article.pk]), comment_data(), REMOTE_ADDR="not-an-ip"
    )
    assert Comment.objects.get().ip_address is None
