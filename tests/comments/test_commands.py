"""Data retention and readers' data requests; the start-up check for reCAPTCHA keys."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from comments.checks import recaptcha_keys_check
from comments.models import Comment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_purge_erases_ip_and_browser_after_retention(settings):
    settings.COMMENTS_RETENTION_DAYS = 90
    old = CommentFactory(created_at=timezone.now() - timedelta(days=91))
    recent = CommentFactory(created_at=timezone.now() - timedelta(days=10))
    assert "1 commentaire(s) à anonymiser" in run("purge_comment_data", "--dry-run")
    old.refresh_from_db()
    assert old.ip_address is not None
    assert "1 commentaire(s) anonymisé(s)" in run("purge_comment_data")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert old.body and old.author_name  # the comment itself stays
    assert recent.ip_address == "203.0.113.7"
    assert "0 commentaire(s) anonymisé(s)" in run("purge_comment_data")


def test_export_a_commenters_data():
    mine = CommentFactory(author_email="Awa@Example.org", body="Mon avis « tranché »")
    CommentFactory(author_email="autre@example.org")
    data = json.loads(run("commenter_data", "--email", "awa@example.org", "--export"))
    assert [c["id"] for c in data["comments"]] == [mine.pk]
    assert data["comments"][0]["body"] == "Mon avis « tranché »"
    assert data["comments"][0]["ip_address"] == "203.0.113.7"


def test_delete_a_commenters_data():
    CommentFactory.create_batch(2, author_email="awa@example.org")
    CommentFactory(author_email="autre@example.org")
    assert "2 commentaire(s) supprimé(s)" in run(
        "commenter_data", "--email", "AWA@example.org", "--delete", "--yes"
    )
    assert list(Comment.objects.values_list("author_email", flat=True)) == ["autre@example.org"]
    assert "Aucun commentaire" in run("commenter_data", "--email", "awa@example.org", "--delete")


def test_commenter_data_needs_a_valid_email_and_one_mode():
    with pytest.raises(CommandError):
        run("commenter_data", "--email", "pas-une-adresse", "--export")
    with pytest.raises(CommandError):
        run("commenter_data", "--email", "a@example.org")


@pytest.mark.parametrize(
    ("debug", "public", "private", "errors"),
    [
        (False, "", "", ["comments.E001"]),
        (False, "pub", "", ["comments.E001"]),
        (False, "pub", "priv", []),
        (True, "", "", []),
    ],
)
def test_system_check_wants_keys_when_debug_is_off(settings, debug, public, private, errors):
    settings.DEBUG = debug
    settings.RECAPTCHA_PUBLIC_KEY = public
    settings.RECAPTCHA_PRIVATE_KEY = private
    found = recaptcha_keys_check(None)
    assert [e.id for e in found] == errors
    assert all(e.level == checks.ERROR for e in found)


def test_test_settings_pass_the_checks():
    assert [e.id for e in checks.run_checks() if e.level >= checks.ERROR] == []


def test_seed_demo_comments_fills_the_queue_and_threads():
    from tests.factories import ArticleFactory

    ArticleFactory.create_batch(2)
    assert "commentaires de démonstration ajoutés" in run("seed_demo_comments")
    assert Comment.objects.filter(status="approved", parent__isnull=False).exists()
    assert Comment.objects.filter(status="pending").count() == 2
    assert Comment.objects.filter(status="spam").count() == 2
    assert "rien à faire" in run("seed_demo_comments")
