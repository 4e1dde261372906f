"""Every page carries a Content-Security-Policy: strict for readers, looser only where needed."""

from html.parser import HTMLParser

import pytest
from django.test import override_settings
from django.urls import reverse

from articles.sanitizer import VIDEO_HOSTS
from tests.ads.factories import HtmlCreativeFactory
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, UserFactory

from .utils import load_settings

RECAPTCHA = ["https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"]


def parse(header):
    """Return {directive: [sources]} of a CSP header."""
    policy = {}
    for part in header.split(";"):
        directive, *sources = part.split()
        policy[directive] = sources
    return policy


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inline, self.handlers = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.handlers += [f"{tag} {name}" for name in attrs if name.startswith("on")]
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            self.inline.append(attrs)


@pytest.fixture
def site(db):
    category = CategoryFactory(name="Politique")
    author = AuthorFactory(display_name="Afi Houngbédji")
    article = ArticleFactory(
        title="Le budget 2027", category=category, authors=[author], comments_enabled=True
    )
    HtmlCreativeFactory(placements=["sidebar", "article_inline"])
    return {"article": article, "category": category, "author": author}


@pytest.mark.django_db
def test_reader_pages_carry_the_readers_policy(client, site):
    response = client.get("/")
    policy = parse(response["Content-Security-Policy"])

    assert policy["default-src"] == ["'self'"]
    # Our own scripts and, because the comment form is on, reCAPTCHA's: nothing inline.
    assert policy["script-src"] == ["'self'", *RECAPTCHA]
    assert policy["style-src"] == ["'self'"]
    assert policy["style-src-attr"] == ["'unsafe-inline'"]  # ad slot sizes
    assert policy["img-src"] == ["'self'", "data:"]
    assert set(policy["frame-src"]) >= {"'self'", *(f"https://{h}" for h in VIDEO_HOSTS)}
    assert policy["object-src"] == ["'none'"]
    for directive in ("frame-ancestors", "base-uri", "form-action"):
        assert policy[directive] == ["'self'"]
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.django_db
def test_other_security_headers(client, site):
    response = client.get(site["article"].get_absolute_url())
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    # Ad documents are framed by our own pages, and only by them.
    slot = client.get(reverse("ads:slot", args=["sidebar"]))
    assert slot["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
def test_reader_pages_contain_no_inline_script_nor_event_handler(client, site):
    """An inline script would be blocked by the policy, so none may be written."""
    urls = [
        "/",
        site["article"].get_absolute_url(),
        site["category"].get_absolute_url(),
        site["author"].get_absolute_url(),
        reverse("articles:search") + "?q=budget",
        reverse("ads:slot", args=["sidebar"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        parser = _Scripts()
        parser.feed(response.content.decode())
        assert parser.inline == [], url
        assert parser.handlers == [], url
    assert b"comments.js" in client.get(site["article"].get_absolute_url()).content


@pytest.mark.django_db
def test_the_newsroom_gets_its_own_looser_policy(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    admin = parse(client.get(reverse("admin:articles_article_add"))["Content-Security-Policy"])
    # CKEditor 4's inline event handlers and styles; still no third-party script.
    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["style-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["object-src"] == ["'none'"]
    assert admin["frame-ancestors"] == ["'self'"]
    assert not any("recaptcha" in source for source in admin["frame-src"])
    login = client.get(reverse("admin:login"))["Content-Security-Policy"]
    assert "'unsafe-inline'" in parse(login)["script-src"]
    upload = client.get(reverse("ckeditor_upload"))["Content-Security-Policy"]
    assert parse(upload)["script-src"] == admin["script-src"]


@pytest.mark.django_db
def test_ad_documents_keep_their_own_sandbox_policy(client, site, settings):
    response = client.get(reverse("ads:slot", args=["sidebar"]))
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "script-src 'self'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_partner_snippets_load_only_from_the_listed_ad_partners(client, site, settings):
    url = reverse("ads:slot", args=["sidebar"])
    # No list: the sandbox alone isolates the snippet (opaque origin, no top navigation).
    assert "script-src" not in client.get(url)["Content-Security-Policy"]

    settings.ADS_PARTNER_HOSTS = ["https://cdn.regie.example", "https://px.regie.example"]
    policy = parse(client.get(url)["Content-Security-Policy"])
    assert policy["sandbox"][0] == "allow-popups"
    assert policy["default-src"] == ["'none'"]
    hosts = ["https://cdn.regie.example", "https://px.regie.example"]
    assert policy["script-src"] == ["'unsafe-inline'", *hosts]
    assert policy["img-src"] == ["data:", *hosts]
    assert policy["connect-src"] == hosts


@pytest.mark.django_db
def test_report_only_mode_reports_everywhere_and_blocks_nothing(client, site, settings):
    settings.SECURE_CSP_REPORT_ONLY, settings.SECURE_CSP = settings.SECURE_CSP, {}

    home = client.get("/")
    assert "Content-Security-Policy" not in home
    assert parse(home["Content-Security-Policy-Report-Only"])["script-src"][0] == "'self'"
    admin = client.get(reverse("admin:login"))
    assert "Content-Security-Policy" not in admin
    assert "'unsafe-inline'" in admin["Content-Security-Policy-Report-Only"]
    # The ad document's own policy is enforced, and the site's is not reported beside it.
    slot = client.get(reverse("ads:slot", args=["sidebar"]))
    assert slot["Content-Security-Policy"].startswith("sandbox")
    assert "Content-Security-Policy-Report-Only" not in slot


@pytest.mark.django_db
def test_django_debug_error_pages_stay_readable_in_development(client, settings):
    assert "Content-Security-Policy" in client.get("/page-absente/")  # our 404 page
    settings.DEBUG = True
    response = client.get("/page-absente/")
    assert response.status_code == 404
    assert "Content-Security-Policy" not in response
    assert "Content-Security-Policy" in client.get("/")


@override_settings(SECURE_CSP={}, SECURE_CSP_REPORT_ONLY={})
@pytest.mark.django_db
def test_no_policy_at_all_when_both_are_empty(client):
    assert "Content-Security-Policy" not in client.get(reverse("admin:login"))


# --- The environment decides (settings read at import: a fresh interpreter each) ------


def test_csp_report_only_from_the_environment(tmp_path):
    values = load_settings(
        tmp_path,
        ["SECURE_CSP", "SECURE_CSP_REPORT_ONLY"],
        CSP_REPORT_ONLY="1",
        CSP_REPORT_URI="https://csp.example.org/report",
    )
    assert values["SECURE_CSP"] == {}
    assert values["SECURE_CSP_REPORT_ONLY"]["report-uri"] == ["https://csp.example.org/report"]
    assert values["SECURE_CSP_REPORT_ONLY"]["object-src"] == ["'none'"]


def test_recaptcha_hosts_only_when_the_comment_form_loads_recaptcha(tmp_path):
    names = ["SECURE_CSP", "CSP_ADMIN_POLICY"]
    local = load_settings(tmp_path, names, DEBUG="1")  # local verifier, no keys
    assert local["SECURE_CSP"]["script-src"] == ["'self'"]
    keys = {"RECAPTCHA_PUBLIC_KEY": "pub", "RECAPTCHA_PRIVATE_KEY": "priv"}
    google = load_settings(tmp_path, names, DEBUG="1", **keys)
    assert google["SECURE_CSP"]["script-src"] == ["'self'", *RECAPTCHA]
    assert "https://www.google.com/recaptcha/" in google["SECURE_CSP"]["frame-src"]
    assert "https://www.google.com/recaptcha/" not in google["CSP_ADMIN_POLICY"]["frame-src"]


def test_media_on_s3_adds_its_host_to_img_src(tmp_path):
    values = load_settings(
        tmp_path,
        ["SECURE_CSP"],
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="np-media",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
    )
    assert values["SECURE_CSP"]["img-src"] == ["'self'", "data:", "https://media.example.org"]
