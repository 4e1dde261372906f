"""axe-core in a real browser: zero violations, of any impact, on every page type."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, TagFactory

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).with_name("axe.min.js")  # axe-core 4.x (MPL-2.0), vendored from npm
PHONE, DESKTOP = 390, 1280


def jpeg(width=1200, height=675):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 140)).save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def site():
    """Enough content for every block of every page type to be shown."""
    news = CategoryFactory(
        name="News - Infos", slug="news-infos", position=1, description="Toute l’actualité."
    )
    politics = CategoryFactory(name="Politique", slug="politique", parent=news)
    world = CategoryFactory(name="Monde", slug="monde", position=2)
    authors = [AuthorFactory(display_name=name) for name in ("Aïcha Dossou", "Jean Hounkpè")]
    tags = [TagFactory(name="Élections"), TagFactory(name="Parlement")]
    lead = ArticleFactory(
        title="Le Parlement adopte la réforme du code électoral",
        kicker="Assemblée nationale",
        standfirst="Les députés ont voté le texte en seconde lecture.",
        body=(
            "<h2>Un long débat</h2><p>Le texte a été <strong>adopté</strong>.</p>"
            "<blockquote><p>« Une étape historique », a déclaré le président.</p></blockquote>"
            '<ul><li>Premier point</li><li>Second point</li></ul><p><a href="/">Accueil</a></p>'
        ),
        category=politics,
        authors=authors,
        tags=tags,
        is_featured=True,
        featured_image=jpeg(),
        featured_image_alt="L’hémicycle pendant le vote",
        featured_image_caption="Le vote en seconde lecture.",
        featured_image_credit="AFP",
    )
    for n in range(6):
        ArticleFactory(
            title=f"Réforme électorale : la réaction n°{n + 1}",
            category=politics if n % 2 else world,
            authors=authors[:1],
            tags=tags[:1],
            featured_image=jpeg() if n < 2 else "",
            featured_image_alt="Une photo d’illustration",
        )
    ArticleFactory(title="Dernière minute : séisme au large", category=world, is_breaking=True)
    return {"category": news, "article": lead}


def axe_violations(page):
    # Evaluated through the DevTools protocol, not added as an inline <script>:
    # the site's Content-Security-Policy rightly refuses inline scripts.
    page.evaluate(AXE.read_text())
    return page.evaluate("async () => (await axe.run(document)).violations")


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    - {json.dumps(node['target'], ensure_ascii=False)}")
            lines.append(f"      {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


def page_urls(site):
    return {
        "accueil": "/",
        "rubrique": site["category"].get_absolute_url(),
        "article": site["article"].get_absolute_url(),
        "recherche": "/recherche/?q=r%C3%A9forme",
        "recherche-sans-résultat": "/recherche/?q=introuvable",
        "recherche-vide": "/recherche/",
    }


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(
    "name",
    ["accueil", "rubrique", "article", "recherche", "recherche-sans-résultat", "recherche-vide"],
)
def test_no_axe_violation(page, site, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(page_urls(site)[name])
    assert response.status == 200

    violations = axe_violations(page)

    assert violations == [], f"axe-core, page {name} ({width}px):\n" + describe(violations)


def test_keyboard_user_can_skip_to_content(page, site):
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("href") == "#contenu"
    assert skip.is_visible()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "contenu"
