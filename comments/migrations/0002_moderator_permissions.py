from django.db import migrations

from articles.roles import MODERATOR, grant

# Exactly the comment permissions: see and decide on comments, read the log,
# keep the banned-word list. Nothing about articles.
MODERATOR_PERMISSIONS = [
    "comments.view_comment",
    "comments.change_comment",
    "comments.moderate_comment",
    "comments.view_commentmoderation",
    "comments.view_bannedword",
    "comments.add_bannedword",
    "comments.change_bannedword",
    "comments.delete_bannedword",
]


def grant_moderators(apps, schema_editor):
    grant(apps, {MODERATOR: MODERATOR_PERMISSIONS})


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_moderators, migrations.RunPython.noop)]
