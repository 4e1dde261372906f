"""Helpers shared by the comment tests."""


def comment_data(**overrides):
    data = {
        "body": "Très bon article,\nmerci pour ces explications.",
        "author_name": "Awa Dossou",
        "author_email": "awa@example.org",
        "captcha": "token-from-google",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
