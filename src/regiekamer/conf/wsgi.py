import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiekamer.conf.settings")
application = get_wsgi_application()

from regiekamer.core.runtime import prepare_server_process  # noqa: E402 (needs the settings configured above)

prepare_server_process()
