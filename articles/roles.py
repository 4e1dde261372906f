"""The newsroom's roles, as Django groups. Migrations apply these; other apps add theirs."""

JOURNALIST = "Journaliste"
EDITOR = "Rédacteur en chef"
MODERATOR = "Modérateur"
AD_MANAGER = "Régie publicitaire"

ARTICLE_PERMISSIONS = {
    JOURNALIST: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_category",
        "articles.add_tag",
        "articles.view_tag",
        "articles.view_author",
        "articles.view_historicalarticle",
    ],
    EDITOR: [
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.publish_article",
        "articles.view_historicalarticle",
        "articles.add_category",
        "articles.change_category",
        "articles.delete_category",
        "articles.view_category",
        "articles.add_tag",
        "articles.change_tag",
        "articles.delete_tag",
        "articles.view_tag",
        "articles.add_author",
        "articles.change_author",
        "articles.view_author",
    ],
    MODERATOR: [],
    AD_MANAGER: [],
}


def grant(apps, role_permissions):
    """Create the groups and add the named permissions (creating missing ones first)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in role_permissions.items():
        group, _ = Group.objects.get_or_create(name=role)
        for name in names:
            app_label, codename = name.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
