"""WSGI app for `make audit`: the production app, plus /media/ (nginx's job in production)."""

from django.conf import settings
from whitenoise import WhiteNoise

from newsportal.wsgi import application as django_application

# autorefresh: image renditions are written after start-up, the first time a page needs them.
application = WhiteNoise(django_application, autorefresh=True)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
