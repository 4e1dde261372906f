"""Full-text search on PostgreSQL: an accent-insensitive French configuration, a stored
weighted vector kept up to date by a trigger, and its GIN index.

The vector lives only in the database (it is not a model field): Django never reads
or writes it, so listings do not carry it around, bulk_create keeps it right, and
SQLite (which searches with a simple fallback) has nothing to migrate.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

FORWARDS = [
    """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION french_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$
    """,
    "ALTER TABLE articles_article ADD COLUMN search_vector tsvector",
    """
    CREATE FUNCTION articles_article_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('french_unaccent', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('french_unaccent', coalesce(NEW.standfirst, '')), 'B')
            || setweight(to_tsvector('french_unaccent',
                   regexp_replace(coalesce(NEW.body, ''), '<[^>]+>', ' ', 'g')), 'C');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER articles_article_search_vector_update
        BEFORE INSERT OR UPDATE OF title, standfirst, body ON articles_article
        FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector()
    """,
    # Fill the vector of existing rows (the trigger recomputes it).
    "UPDATE articles_article SET title = title",
    "CREATE INDEX article_search_vector_idx ON articles_article USING gin (search_vector)",
]

BACKWARDS = [
    "DROP INDEX IF EXISTS article_search_vector_idx",
    "DROP TRIGGER IF EXISTS articles_article_search_vector_update ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_search_vector()",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_roles")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(_run(FORWARDS), _run(BACKWARDS)),
    ]
