"""The moderation queue's order (pending, spam, the rest; oldest first) read from an index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("comments", "0002_moderator_permissions")]

    operations = [
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                models.Case(
                    models.When(status="pending", then=models.Value(0)),
                    models.When(status="spam", then=models.Value(1)),
                    default=models.Value(2),
                    output_field=models.IntegerField(),
                ),
                models.F("created_at"),
                models.OrderBy(models.F("id"), descending=True),
                name="comment_queue_idx",
            ),
        ),
    ]
