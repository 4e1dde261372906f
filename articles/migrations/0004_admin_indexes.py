"""Indexes for the changelist's order, the breaking-news strip and the lead story."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_search")]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["-published_at", "-id"], name="article_pub_id_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(is_breaking=True),
                fields=["-published_at", "-id"],
                name="article_breaking_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(is_featured=True),
                fields=["-published_at", "-id"],
                name="article_featured_idx",
            ),
        ),
    ]
