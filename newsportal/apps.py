"""Project glue: what no single app may wire itself (import direction, see STYLE.md)."""

from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save


class NewsportalConfig(AppConfig):
    name = "newsportal"
    verbose_name = "Newsportal"

    def ready(self):
        """Invalidate the page cache whenever something readers see changes."""
        from . import pagecache

        # dispatch_uid: connected once even if ready() runs twice (tests, reloads).
        def connect(signal, sender, receiver, name):
            signal.connect(receiver, sender=sender, dispatch_uid=f"pagecache:{name}")

        article = apps.get_model("articles", "Article")
        for label in ("Article", "Category", "Tag", "Author"):
            model = apps.get_model("articles", label)
            connect(post_save, model, pagecache.content_changed, f"save:{label}")
            connect(post_delete, model, pagecache.content_changed, f"delete:{label}")
        connect(m2m_changed, article.tags.through, pagecache.content_changed, "m2m:tags")
        connect(m2m_changed, article.authors.through, pagecache.content_changed, "m2m:authors")
        if apps.is_installed("comments"):
            comment = apps.get_model("comments", "Comment")
            connect(post_save, comment, pagecache.comment_changed, "save:Comment")
            connect(post_delete, comment, pagecache.comment_changed, "delete:Comment")
        if apps.is_installed("ads"):
            # The ads app bumps its own version on these; pages hold the ad boxes.
            for label in ("Placement", "Campaign", "Creative"):
                model = apps.get_model("ads", label)
                connect(post_save, model, pagecache.content_changed, f"save:{label}")
                connect(post_delete, model, pagecache.content_changed, f"delete:{label}")
            placements = apps.get_model("ads", "Creative").placements.through
            connect(m2m_changed, placements, pagecache.content_changed, "m2m:placements")
