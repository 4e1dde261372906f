"""Two app instances share PostgreSQL and Redis: an edit made through one shows on the other."""

import html

from .helpers import Reader, form_fields


def _log_in(reader, username, password):
    login = reader.get("/admin/login/")
    assert login.status == 200, login.status
    fields = dict(form_fields(login.text, "login-form"))
    fields.update(username=username, password=password, next="/admin/")
    answer = reader.post("/admin/login/", fields)
    assert answer.status == 302, f"login refused ({answer.status})"


def _edit_title(reader, article_id, new_title):
    change_url = f"/admin/articles/article/{article_id}/change/"
    form = reader.get(change_url)
    assert form.status == 200, form.status
    fields = [(k, v) for k, v in form_fields(form.text, "article_form") if k != "title"]
    fields += [("title", new_title), ("_save", "Enregistrer")]
    saved = reader.post(change_url, fields)
    assert saved.status == 302, f"the change was refused ({saved.status}): {saved.text[:2000]}"


def test_an_edit_through_one_instance_is_seen_through_the_other(
    live_database, seeded_template, start_app, redis_server
):
    shared = {"DATABASE_URL": live_database, "REDIS_URL": redis_server.url, "WEB_CONCURRENCY": 1}
    first, second = start_app(**shared), start_app(**shared)
    article_url = seeded_template["article_url"]
    old_title = seeded_template["article_title"]
    for server in (first, second):
        reader = Reader(server.base_url)
        for path in ("/", article_url, seeded_template["category_url"]) * 2:
            page = reader.get(path)
            assert page.status == 200 and old_title in html.unescape(page.text), path
        # With the page cache on, the other instance now serves these from Redis: only a
        # shared invalidation can make it show the edit (without a cache this is trivial).
        if page.header("X-Cache"):
            assert page.header("X-Cache") == "HIT", page.header("X-Cache")

    editor = Reader(first.base_url)
    _log_in(editor, seeded_template["username"], seeded_template["password"])
    for round_no, (writer, other) in enumerate([(first, second), (second, first)]):
        if writer is second:
            editor = Reader(second.base_url)
            _log_in(editor, seeded_template["username"], seeded_template["password"])
        new_title = f"Budget 2027 : le texte corrigé (version {round_no + 1})"
        _edit_title(editor, seeded_template["article_id"], new_title)
        # At once, through the other instance, for a reader without cookies.
        reader = Reader(other.base_url)
        for path in ("/", article_url, seeded_template["category_url"]):
            page = reader.get(path)
            text = html.unescape(page.text)
            assert page.status == 200
            assert new_title in text, f"{path} on the other instance still shows the old title"
