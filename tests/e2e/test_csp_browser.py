"""Chromium enforces the Content-Security-Policy and nothing on our pages breaks it."""

import importlib

import pytest
from axes.utils import reset
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from ads.models import Placement
from tests.ads.factories import CreativeFactory, HtmlCreativeFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Runs before any page script, in every frame, and is not itself subject to CSP.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""
FAKE_GRECAPTCHA = (
    "window.grecaptcha = {ready: (cb) => cb(), execute: () => Promise.resolve('test-token')};"
)
VIDEO = "https://www.youtube-nocookie.com/embed/abc123"
BODY = (
    "".join(f"<p>Paragraphe {n} de l’article sur le budget.</p>" for n in range(1, 6))
    + f'<iframe src="{VIDEO}" width="560" height="315" title="Vidéo"></iframe>'
)


def placements():
    """Recreate the ad placements (transactional tests flush the migration's rows)."""
    migration = importlib.import_module("ads.migrations.0002_placements_and_roles")
    for key, name, width, height, mobile in migration.PLACEMENTS:
        Placement.objects.get_or_create(
            key=key,
            defaults={"name": name, "width": width, "height": height, "show_on_mobile": mobile},
        )


def watch(page):
    """Record CSP violations of the page and of its frames; return the console's list."""
    console = []
    page.add_init_script(WATCH_VIOLATIONS)
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and console.append(message.text),
    )
    return console


def violations(page, console):
    """Return every violation seen so far, from events and from the console."""
    events = page.evaluate("window.__cspViolations")
    return events + console


def test_reader_pages_report_no_violation(page):
    placements()
    CreativeFactory(placements=["header", "article_top"])
    HtmlCreativeFactory(placements=["sidebar", "article_inline"])
    article = ArticleFactory(title="Le Parlement vote le budget 2027", body=BODY)
    page.route(
        "https://www.google.com/recaptcha/**",
        lambda route: route.fulfill(
            status=200, content_type="text/javascript", body=FAKE_GRECAPTCHA
        ),
    )
    page.route(
        f"{VIDEO}**",
        lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body="<p>vidéo</p>"
        ),
    )
    console = watch(page)

    response = page.goto("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    expect(page.locator(".ad-slot iframe").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert violations(page, console) == []

    page.goto(article.get_absolute_url())
    # JSON-LD is a data block: present, and not refused by the policy.
    assert page.locator('script[type="application/ld+json"]').count() >= 1
    page.mouse.wheel(0, 5000)  # lazy ad iframes load when scrolled to
    expect(page.frame_locator(f'iframe[src="{VIDEO}"]').locator("p")).to_have_text("vidéo")
    # Starting a comment loads reCAPTCHA's script from Google (stubbed here).
    page.get_by_label("Votre commentaire").fill("Un avis argumenté sur ce budget.")
    page.wait_for_function("() => window.grecaptcha !== undefined")
    page.wait_for_load_state("networkidle")
    assert violations(page, console) == []


def test_an_inline_script_is_refused_on_reader_pages(page):
    console = watch(page)
    page.goto("/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
        }"""
    )
    assert page.evaluate("window.injected === undefined")
    assert any(v.startswith("script-src") for v in violations(page, console))


def test_admin_article_form_loads_ckeditor_under_the_newsroom_policy(page):
    get_user_model().objects.create_superuser("cheffe", "cheffe@example.org", "pass-word-123")
    console = watch(page)

    page.goto("/admin/login/?next=/admin/articles/article/add/")
    page.locator("#id_username").fill("cheffe")
    page.locator("#id_password").fill("pass-word-123")
    response_policy = []
    page.on(
        "response",
        lambda r: (
            "/articles/article/add/" in r.url
            and response_policy.append(r.headers.get("content-security-policy", ""))
        ),
    )
    page.locator("input[type=submit]").click()

    expect(page.locator(".cke").first).to_be_visible()
    editor = page.frame_locator("iframe.cke_wysiwyg_frame").first
    editor.locator("body").click()
    page.keyboard.type("Premier paragraphe tapé dans l’éditeur.")
    expect(editor.locator("body")).to_contain_text("Premier paragraphe")
    # The toolbar runs on CKEditor 4's inline event handlers.
    page.locator(".cke_button__bold").first.click()
    page.keyboard.type(" En gras.")
    expect(editor.locator("strong")).to_contain_text("En gras.")
    assert response_policy and "object-src 'none'" in response_policy[0]
    assert violations(page, console) == []


def test_lockout_page_shows_under_the_policy(page, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    reset()
    console = watch(page)
    page.goto("/admin/login/")
    for _ in range(2):
        page.locator("#id_username").fill("cheffe")
        page.locator("#id_password").fill("mauvais-mot-de-passe")
        page.locator("input[type=submit]").click()

    expect(page.get_by_role("heading", name="Connexion temporairement bloquée")).to_be_visible()
    expect(page.get_by_text("Vous pourrez réessayer dans 30 minutes")).to_be_visible()
    assert violations(page, console) == []
    reset()
