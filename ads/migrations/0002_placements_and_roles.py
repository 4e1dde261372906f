"""Create the site's ad placements and give the Régie publicitaire group the ads permissions."""

from django.db import migrations

AD_MANAGER = "Régie publicitaire"  # articles.roles.AD_MANAGER; ads imports nothing of ours.

PLACEMENTS = [
    ("header", "En-tête", 728, 90, False),
    ("article_top", "Haut d’article", 728, 90, False),
    ("article_inline", "Dans l’article", 300, 250, True),
    ("sidebar", "Colonne / liste", 300, 250, True),
    ("footer", "Pied de page", 728, 90, False),
]

PERMISSIONS = [
    f"{action}_{model}"
    for model in ("placement", "campaign", "creative", "adstxt")
    for action in ("add", "change", "delete", "view")
] + ["view_adstat", "manage_html_creative"]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("ads")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Placement = apps.get_model("ads", "Placement")
    for key, name, width, height, mobile in PLACEMENTS:
        Placement.objects.get_or_create(
            key=key,
            defaults={"name": name, "width": width, "height": height, "show_on_mobile": mobile},
        )
    apps.get_model("ads", "AdsTxt").objects.get_or_create(pk=1)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=AD_MANAGER)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="ads", codename__in=PERMISSIONS)
    )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=AD_MANAGER):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="ads"))


class Migration(migrations.Migration):
    dependencies = [
        ("ads", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
