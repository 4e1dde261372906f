"""Password guessing on the admin login is stopped per username and address, and can be undone."""

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db
PASSWORD = "pass-word-123"


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    reset()
    yield
    reset()


@pytest.fixture
def staff():
    user_model = get_user_model()
    user_model.objects.create_user("journaliste", password=PASSWORD, is_staff=True)
    user_model.objects.create_user("redacteur", password=PASSWORD, is_staff=True)


def login(client, username, password, ip="203.0.113.7", **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
        **headers,
    )


def guess(client, username, times, ip="203.0.113.7", **headers):
    return [login(client, username, "mauvais", ip, **headers).status_code for _ in range(times)]


def test_the_limit_locks_the_username_from_that_address_with_a_french_page(client, staff):
    assert guess(client, "journaliste", 2) == [200, 200]  # the form again, with its error

    response = login(client, "journaliste", "mauvais")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Connexion temporairement bloquée" in page
    assert "3 tentatives de connexion ont échoué pour l’identifiant « journaliste »" in page
    assert "Vous pourrez réessayer dans 30 minutes" in page
    assert "Contactez un administrateur du site" in page
    # Even the right password is refused now: the guesser learns nothing.
    assert login(client, "journaliste", PASSWORD).status_code == 429


def test_other_usernames_and_other_addresses_are_not_locked(client, staff):
    guess(client, "journaliste", 3)

    assert login(client, "redacteur", PASSWORD).status_code == 302
    client.logout()
    assert login(client, "journaliste", PASSWORD, ip="198.51.100.20").status_code == 302


def test_an_administrator_unlocks_from_the_admin(client, staff):
    guess(client, "journaliste", 3)
    attempt = AccessAttempt.objects.get(username="journaliste")
    get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    admin = client.__class__()
    admin.force_login(get_user_model().objects.get(username="admin"))

    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert "journaliste" in listing.content.decode()
    admin.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})

    assert login(client, "journaliste", PASSWORD).status_code == 302


def test_an_administrator_unlocks_from_the_command_line(client, staff):
    guess(client, "journaliste", 3)
    call_command("axes_reset_username", "journaliste", verbosity=0)
    assert login(client, "journaliste", PASSWORD).status_code == 302


def test_behind_the_proxy_each_reader_is_counted_on_their_own_address(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    nginx = "172.18.0.5"
    guess(client, "journaliste", 3, ip=nginx, HTTP_X_FORWARDED_FOR="203.0.113.7")

    # Another person behind the same nginx is not locked out by the guesser...
    response = login(
        client, "journaliste", PASSWORD, ip=nginx, HTTP_X_FORWARDED_FOR="198.51.100.20"
    )
    assert response.status_code == 302
    client.logout()
    # ...and the guesser cannot escape by writing a header of their own: nginx
    # appends the address it saw, and only that last entry is believed.
    response = login(
        client, "journaliste", PASSWORD, ip=nginx, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7"
    )
    assert response.status_code == 429


def test_without_a_trusted_proxy_the_header_is_ignored(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    guess(client, "journaliste", 3, HTTP_X_FORWARDED_FOR="198.51.100.1")
    response = login(client, "journaliste", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert response.status_code == 429


@pytest.mark.parametrize("weak", ["password", "12345678", "court"])
def test_staff_passwords_go_through_django_validators(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)
