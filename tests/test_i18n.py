"""French by default, English on request: UI strings, content lang, plurals, catalogs."""

import ast
import gettext as gnu_gettext
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from tests.factories import ArticleFactory, CategoryFactory, CommentFactory

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGS = [LOCALE / lang / "LC_MESSAGES" / "django.po" for lang in ("en", "fr")]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{\{ *[a-z_.]+ *\}\}")


@pytest.fixture(autouse=True)
def _empty_cache():
    # Pages are cached per language: each test starts from a cold cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(db):
    category = CategoryFactory(name="Économie", slug="economie", show_in_nav=True)
    return ArticleFactory(
        title="La Banque centrale relève son taux directeur",
        kicker="Décryptage",
        standfirst="Une décision attendue par les marchés.",
        category=category,
        is_featured=True,
        published_at=timezone.now() - timedelta(hours=2),
    )


def get(client, url, accept=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


# --- Pages ------------------------------------------------------------------------


@pytest.mark.parametrize("accept", [None, "fr-FR,fr;q=0.9", "de-DE,de;q=0.9"])
def test_home_is_french_without_a_request_for_english(client, article, accept):
    html = get(client, "/", accept)
    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html
    assert "Tous droits réservés." in html
    # Content and UI share the language: no redundant lang attribute on content.
    assert ' lang="fr"' not in html.split("<body>", 1)[1]


def test_home_in_english_keeps_content_marked_as_french(client, article):
    html = get(client, "/", "en-GB,en;q=0.9")
    body = html.split("<body>", 1)[1]
    assert '<html lang="en">' in html
    for ui in (
        "Skip to content",
        "Latest news",
        "Sections",
        "All rights reserved.",
        "Legal notice",
    ):
        assert ui in body
    assert "Aller au contenu" not in body
    assert '<h2 class="lead-title" lang="fr">' in body
    assert '<p class="kicker" lang="fr">Décryptage</p>' in body
    assert '<p class="standfirst" lang="fr">' in body
    # Navigation shows French section names: a screen reader must read them in French.
    assert f'<a href="{article.category.get_absolute_url()}" lang="fr"' in body
    # Dates follow the UI language: no French "à" between day and time.
    times = re.findall(r"<time [^>]*>([^<]+)</time>", body)
    assert times
    assert all(" à " not in t and "h" not in t.split()[-1] for t in times)


def test_article_page_in_english(client, article):
    CommentFactory(article=article, body="Très bon article, merci.")
    html = get(client, article.get_absolute_url(), "en")
    body = html.split("<body>", 1)[1]
    assert '<html lang="en">' in html
    assert f'<h1 lang="fr">{article.title}</h1>' in body
    assert '<div class="article-body" lang="fr">' in body
    assert '<div class="comment-body" lang="fr">' in body
    for ui in ("Share", "Published on", "Leave a comment", "Post my comment", "1 comment<"):
        assert ui in body
    # The breadcrumb's "Home" is UI; the section and the title after it are content.
    assert '<li><a href="/">Home</a></li>' in body
    assert f'<li lang="fr"><a href="{article.category.get_absolute_url()}">' in body
    assert "Publié le" not in body


def test_article_page_in_french_has_no_lang_noise(client, article):
    html = get(client, article.get_absolute_url(), "fr")
    assert f"<h1>{article.title}</h1>" in html
    assert "Publié le" in html
    assert ' lang="fr"' not in html.split("<body>", 1)[1]


def test_language_cookie_overrides_the_browser(client, article):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Skip to content" in get(client, "/", "fr-FR")


def test_cached_pages_never_serve_one_language_to_another(client, article, settings):
    settings.PAGE_CACHE_ENABLED = True
    outcomes = []
    for accept, expected, other in [
        ("en", "Skip to content", "Aller au contenu"),
        ("fr", "Aller au contenu", "Skip to content"),
        ("en", "Skip to content", "Aller au contenu"),
        (None, "Aller au contenu", "Skip to content"),
    ]:
        headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
        response = client.get("/", **headers)
        html = response.content.decode()
        assert expected in html
        assert other not in html
        # Shared caches (CDN, proxies) must not mix languages either.
        assert "Accept-Language" in response["Vary"]
        outcomes.append(response.get("X-Cache"))
    # Each language is cached once, then served from the cache.
    assert outcomes == ["MISS", "MISS", "HIT", "HIT"]


def test_admin_speaks_english_to_an_english_browser(admin_client, article):
    CommentFactory(article=article, status="pending")
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"}
    articles = admin_client.get(reverse("admin:articles_article_changelist"), **headers)
    assert "Publish now" in articles.content.decode()
    queue = admin_client.get(reverse("admin:comments_comment_changelist"), **headers)
    assert "Comment moderation queue" in queue.content.decode()
    assert (
        "1 comment awaiting moderation"
        in admin_client.get(reverse("admin:index"), **headers).content.decode()
    )


@pytest.mark.parametrize(
    ("template", "title"), [("500.html", "Server error"), ("503.html", "temporarily unavailable")]
)
def test_error_pages_declare_the_language_they_speak(template, title):
    # Rendered without a request context: the language comes from the active translation.
    with translation.override("en"):
        html = render_to_string(template)
    assert '<html lang="en">' in html
    assert title in html
    with translation.override("fr"):
        assert '<html lang="fr">' in render_to_string(template)


# --- Plurals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "count", "heading"),
    [
        ("fr", 1, "1 commentaire<"),
        ("fr", 2, "2 commentaires<"),
        ("en", 1, "1 comment<"),
        ("en", 2, "2 comments<"),
    ],
)
def test_comment_count_heading_follows_the_language_plural_rule(
    client, article, accept, count, heading
):
    CommentFactory.create_batch(count, article=article)
    assert heading in get(client, article.get_absolute_url(), accept)


@pytest.mark.parametrize(("lang", "expected"), [("fr", "0 commentaire"), ("en", "0 comments")])
def test_zero_is_singular_in_french_plural_in_english(lang, expected):
    with translation.override(lang):
        text = ngettext("%(n)s commentaire", "%(n)s commentaires", 0) % {"n": 0}
    assert text == expected


# --- Catalogs -----------------------------------------------------------------------


def read_po(path):
    """Return the entries of a .po file as dicts (msgid, msgid_plural, msgstr[n], flags)."""
    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry, key = {"flags": ""}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
            elif line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[key] += unquote(line)
            else:
                key, _, value = line.partition(" ")
                entry[key] = unquote(value)
        if entry.get("msgid") and not entry.get("obsolete"):
            entries.append(entry)
    return entries


def unquote(value):
    return value[1:-1].replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def translations(entry):
    return [value for key, value in entry.items() if key.startswith("msgstr")]


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parts[-3])
def test_catalog_is_complete_and_not_fuzzy(po):
    entries = read_po(po)
    assert len(entries) > 300
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    assert [e["msgid"] for e in entries if not all(translations(e))] == []


def test_english_catalog_keeps_every_placeholder():
    for entry in read_po(CATALOGS[0]):
        wanted = sorted(set(PLACEHOLDER.findall(entry.get("msgid_plural") or entry["msgid"])))
        for text in translations(entry):
            assert sorted(set(PLACEHOLDER.findall(text))) == wanted or (
                # A singular may say "one" instead of printing the number.
                "msgid_plural" in entry and set(PLACEHOLDER.findall(text)) < set(wanted)
            ), entry["msgid"]


def test_english_catalog_translates_the_french():
    entries = read_po(CATALOGS[0])
    same = [e["msgid"] for e in entries if e.get("msgstr") == e["msgid"]]
    # Only words spelled alike in both languages may stay as they are.
    assert len(same) < 25, same


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parts[-3])
def test_compiled_catalog_matches_its_source(po):
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gnu_gettext.GNUTranslations(handle)._catalog
    for entry in read_po(po):
        if "msgid_plural" in entry:
            assert compiled[(entry["msgid"], 0)] == entry["msgstr[0]"], entry["msgid"]
            assert compiled[(entry["msgid"], 1)] == entry["msgstr[1]"], entry["msgid"]
        else:
            assert compiled[entry["msgid"]] == entry["msgstr"], entry["msgid"]


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parts[-3])
def test_msgfmt_check_passes(po, tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "translated messages." in result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_french_catalog_uses_the_french_plural_rule():
    header = CATALOGS[1].read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert "plural=(n > 1);" in header
    assert "plural=(n != 1);" in CATALOGS[0].read_text(encoding="utf-8").split("\n\n", 1)[0]


# --- Nothing left unmarked ----------------------------------------------------------

BASE = Path(settings.BASE_DIR)
APPS = ("articles", "comments", "ads", "newsportal")
TEMPLATE_DIRS = [BASE / "templates", *(BASE / app / "templates" for app in APPS)]
# Demo content, operator commands and group names stored in the database are not UI.
NOT_UI = ("management", "migrations", "demo.py", "roles.py", "settings")
TRANSLATORS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}
# Log lines are for the team reading the logs, not for readers.
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}
FRENCH = re.compile(r"[àâçéèêëîïôûùœ’«»]", re.IGNORECASE)


def visible_text(source):
    """Return the words of a template left once tags, variables and translations are gone."""
    source = re.sub(r"\{%\s*blocktranslate.*?endblocktranslate\s*%\}", " ", source, flags=re.S)
    source = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", source, flags=re.S)
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
    attributes = re.findall(r'\b(?:alt|title|aria-label|placeholder)="([^"]*)"', source)
    text = re.sub(r"<[^>]*>", " ", source)
    text = re.sub(r"(?<![\w-])[a-z]+(?:-[a-z]+)+(?![\w-])", " ", text)  # CSS classes from blocks
    return re.findall(r"[^\W\d_]{2,}", " ".join([text, *attributes]))


def test_templates_have_no_unmarked_text():
    leftovers = {}
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            words = visible_text(path.read_text(encoding="utf-8"))
            if words:
                leftovers[str(path.relative_to(BASE))] = words[:5]
    assert leftovers == {}, "wrap these in {% translate %} / {% blocktranslate %}"


def untranslated_french(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not FRENCH.search(node.value) or isinstance(parents.get(node), ast.Expr):
            continue  # no French, or a docstring
        ancestor = node
        while ancestor in parents:
            ancestor = parents[ancestor]
            if isinstance(ancestor, ast.Call):
                name = getattr(ancestor.func, "id", getattr(ancestor.func, "attr", ""))
                if name in TRANSLATORS or name in LOGGING:
                    break
        else:
            yield f"{path.relative_to(BASE)}:{node.lineno}: {node.value[:60]!r}"


def test_python_code_has_no_unmarked_french_text():
    found = [
        line
        for app in APPS
        for path in (BASE / app).rglob("*.py")
        if not any(part in NOT_UI for part in path.relative_to(BASE).parts)
        for line in untranslated_french(path)
    ]
    assert found == [], "wrap these in gettext / gettext_lazy"
