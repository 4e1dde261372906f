"""Reader → moderator → reader: a comment posted, approved from the queue, then published."""

import importlib
import re
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django_recaptcha.client import RecaptchaResponse
from playwright.sync_api import expect

from articles.roles import MODERATOR
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

FAKE_GRECAPTCHA = """
window.grecaptcha = {
  ready: function (cb) { setTimeout(cb, 0); },
  execute: function (key, options) {
    window.recaptchaActions = (window.recaptchaActions || []).concat([options.action]);
    return Promise.resolve("test-token");
  }
};
"""
SCREENSHOTS = Path(__file__).parent / "screenshots"
BODY = "Merci pour cet article très clair.\nUne question : quand le vote aura-t-il lieu ?"


def moderator_group():
    """Return the Modérateur group (transactional tests flush the data migrations' rows)."""
    migration = importlib.import_module("comments.migrations.0002_moderator_permissions")
    group, _created = Group.objects.get_or_create(name=MODERATOR)
    for name in migration.MODERATOR_PERMISSIONS:
        app_label, codename = name.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group


def test_comment_goes_from_reader_to_moderator_and_back(page, browser, live_server, screenshot):
    moderator_group()
    UserFactory(username="moderatrice", role=MODERATOR)
    article = ArticleFactory(title="Le Parlement vote le budget 2027")
    CommentFactory(article=article, author_name="Robot", status="pending", body="Achetez ici")

    google_requests = []
    page.on(
        "request",
        lambda request: "google.com" in request.url and google_requests.append(request.url),
    )
    page.route(
        "https://www.google.com/recaptcha/**",
        lambda route: route.fulfill(
            status=200, content_type="text/javascript", body=FAKE_GRECAPTCHA
        ),
    )
    tokens = []

    def google_says_human(recaptcha_response, private_key, remoteip):
        tokens.append(recaptcha_response)
        return RecaptchaResponse(is_valid=True, extra_data={"score": 0.9}, action="comment")

    with mock.patch("django_recaptcha.client.submit", side_effect=google_says_human):
        # The reader reads: nothing is fetched from Google.
        page.goto(article.get_absolute_url())
        expect(page.get_by_role("heading", name="Laisser un commentaire")).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert google_requests == []

        # Starting a comment loads Google's script; the counter follows the typing.
        page.get_by_label("Votre commentaire").fill(BODY)
        expect(page.locator("[data-counter-output]")).to_contain_text(f"{len(BODY)} / 5")
        page.wait_for_function("() => window.grecaptcha !== undefined")
        assert any("recaptcha/api.js?render=test-public-key" in url for url in google_requests)

        page.get_by_label("Nom ou pseudonyme").fill("Awa Dossou")
        page.get_by_label("Adresse e-mail").fill("awa@example.org")
        page.get_by_role("button", name="Publier mon commentaire").click()

        expect(page.get_by_text("Votre commentaire a bien été reçu")).to_be_visible()
        own = page.locator(".comment.is-waiting")
        expect(own).to_contain_text("Une question : quand le vote aura-t-il lieu ?")
        expect(own).to_contain_text("en attente de modération")
        assert tokens == ["test-token"]
        screenshot("comment-awaiting-moderation")

    # A moderator approves it from the queue, in one click.
    moderator = browser.new_context(base_url=live_server.url, locale="fr-FR")
    admin = moderator.new_page()
    admin.set_default_timeout(10_000)
    admin.goto("/admin/")
    admin.get_by_label(re.compile("Nom d’utilisateur|Nom d'utilisateur")).fill("moderatrice")
    admin.get_by_label("Mot de passe").fill("pass-word-123")
    admin.get_by_role("button", name=re.compile("Connexion")).click()
    expect(admin.get_by_text("2 commentaires en attente de modération")).to_be_visible()
    admin.get_by_text("2 commentaires en attente de modération").click()
    row = admin.locator("#result_list tbody tr").filter(has_text="Awa Dossou")
    expect(row).to_contain_text(article.title)
    admin.screenshot(path=str(SCREENSHOTS / "comment-moderation-queue.png"), full_page=True)
    row.get_by_role("button", name="Approuver").click()
    expect(admin.locator(".messagelist")).to_contain_text("Awa Dossou : approuvé")

    # Keyboard: j selects the first comment of the queue (the other pending one), r rejects it.
    admin.wait_for_load_state("load")  # the shortcuts attach on DOMContentLoaded
    admin.keyboard.press("j")
    expect(admin.locator("#result_list tbody tr").first).to_have_class(re.compile("queue-current"))
    admin.keyboard.press("r")
    expect(admin.locator(".messagelist")).to_contain_text("Robot : rejeté")
    moderator.close()
    assert Comment.objects.get(author_name="Robot").status == "rejected"

    # The reader reloads: the comment is published, for everyone.
    page.reload()
    published = page.locator(".comment").filter(has_text="quand le vote aura-t-il lieu")
    expect(published).to_be_visible()
    expect(published).not_to_contain_text("en attente de modération")
    expect(page.get_by_role("heading", name="1 commentaire")).to_be_visible()
