"""Settings, read from environment variables.

Production is the default: DEBUG off, secure cookies, HTTPS. Set ``REGIEKAMER_DEMO=1`` for the
demo mode (embedded SQLite, plain HTTP on localhost; DEBUG stays off, so the demo shows the Dutch error pages a
user would see; ``DEBUG=1`` for development). Without a ``SECRET_KEY`` variable a random key is
generated once and kept in the data folder (readable by its owner only).
"""

import base64
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEMO_MODE = env_bool("REGIEKAMER_DEMO")
# pytest sets PYTEST_VERSION; the test client and live server speak plain HTTP on localhost.
TESTING = bool(os.environ.get("PYTEST_VERSION"))
DEBUG = env_bool("DEBUG")
# The demo and development serve plain HTTP on localhost: no HTTPS redirect, cookies without the Secure flag.
PLAIN_HTTP = DEBUG or DEMO_MODE

# Data lives outside the package and outside any web root; attachments are served only through
# an authorising view.
DATA_DIR = Path(os.environ.get("REGIEKAMER_DATA_DIR", Path.cwd() / "regiekamer-data")).resolve()


def _stored_key(path: Path, new_key) -> str:
    """The installation's own random key kept in the data folder, created with ``new_key()`` on first use with
    owner-only permissions."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it just now
            pass
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(new_key() + "\n")
    return path.read_text().strip()


def _stored_secret_key(path: Path) -> str:
    key = _stored_key(path, lambda: secrets.token_urlsafe(50))
    if len(key) < 50:
        raise ImproperlyConfigured(f"The secret key in {path} is too short.")
    return key


def _stored_encryption_keys(path: Path) -> list[str]:
    """Encryption keys kept in the data folder, one per line; the current (first) one is created on first use as a
    Fernet key: 32 random bytes, URL-safe base64 (what Fernet.generate_key() returns)."""
    keys = _stored_key(path, lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii"))
    return [line.strip() for line in keys.replace(",", "\n").splitlines() if line.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY") or _stored_secret_key(DATA_DIR / "secret_key")
# Key of the analysts' pseudonyms (regiekamer.analyse.pseudonyms); without it a key derived from SECRET_KEY.
ANALYSE_PSEUDONIEM_SLEUTEL = os.environ.get("ANALYSE_PSEUDONIEM_SLEUTEL", "")

# Encryption at rest of sensitive fields and attachments (regiekamer.core.crypto, docs/privacy.md). The first key
# encrypts, every key decrypts: put a new key in front to rotate, run `regiekamer rotate_keys`, then drop the old one.
ENCRYPTION_KEYS = env_list("REGIEKAMER_ENCRYPTION_KEYS") or _stored_encryption_keys(DATA_DIR / "encryption_keys")
# The key of the blind index (an HMAC) that lets a BSN be found without decrypting; not rotated routinely.
BLIND_INDEX_KEY = (
    os.environ.get("REGIEKAMER_BLIND_INDEX_KEY") or _stored_encryption_keys(DATA_DIR / "blind_index_key")[0]
)
# Keys read from (or created in) the data folder sit next to the attachments they protect: fine for a demo, an error
# for production (system check core.E001 under `check --deploy`).
ENCRYPTION_KEYS_FROM_FILE = not (
    env_list("REGIEKAMER_ENCRYPTION_KEYS") and os.environ.get("REGIEKAMER_BLIND_INDEX_KEY")
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEMO_MODE or DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_prometheus",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "regiekamer.core",
    "regiekamer.accounts",
    "regiekamer.subjects",
    "regiekamer.identiteit",
    "regiekamer.signalen",
    "regiekamer.protocol",
    "regiekamer.bronnen",
    "regiekamer.casussen",
    "regiekamer.doelbinding",
    "regiekamer.overleggen",
    "regiekamer.delen",
    "regiekamer.notifications",
    "regiekamer.retention",
    "regiekamer.audit",
    "regiekamer.inzage",
    "regiekamer.analyse",
    "regiekamer.gebieden",
    "regiekamer.netwerk",
    "regiekamer.inzicht",
    "regiekamer.demo",
    # Bulk intake and its background tasks (django-tasks with the database backend; docs/decisions/0011).
    "regiekamer.importen",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Request latency and errors per view for /metrics; the pair encloses every other middleware.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "regiekamer.core.requestid.RequestIdMiddleware",
    "regiekamer.core.middleware.UnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "regiekamer.core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: django-otp marks the user verified, then unverified users are sent to the second step.
    "django_otp.middleware.OTPMiddleware",
    "regiekamer.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "regiekamer.core.middleware.NoStoreForAuthenticatedMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
# Who may read /metrics (Prometheus on the internal network): addresses or networks, comma-separated.
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS") or ["127.0.0.1/32", "::1/128"]

ROOT_URLCONF = "regiekamer.conf.urls"
WSGI_APPLICATION = "regiekamer.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "regiekamer.core.context_processors.regiekamer",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    # The embedded SQLite database needs its folder before any command can open it.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'regiekamer.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database under concurrent requests (several threads or workers): every transaction takes the
    # write lock when it begins (IMMEDIATE), so two writers queue instead of one failing halfway with "database is
    # locked"; a waiting writer gives up only after the busy timeout; the write-ahead log lets reads go on beside a
    # write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "30")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(url: str) -> dict:
    """The cache behind the API's rate limits and the hotspots' BRP counts, from ``CACHE_URL``:

    - empty (the default): each worker process its own memory, so limits count per process;
    - ``db://<table>``: Django's database cache, shared by every process and server on the database (create the table
      with ``regiekamer createcachetable``);
    - ``redis://…`` or ``rediss://…``: Django's Redis cache (needs the ``redis`` package)."""
    scheme, _sep, rest = url.partition("://")
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme == "db" and rest.isidentifier():
        # Django culls a third of the entries past MAX_ENTRIES (default 300): with a key per client that would throw
        # rate-limit histories away exactly when many clients call.
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": rest,
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured("CACHE_URL: use db://<table>, redis://host:port/db, or leave it empty.")


CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "").strip())}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
if os.environ.get("OIDC_RP_CLIENT_ID"):
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("regiekamer.accounts.oidc.Backend")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failed logins (django-axes), per username and address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no start-up banner on every command; lockouts are still logged
# Behind a reverse proxy the client address comes from X-Forwarded-For; set how many proxies are trusted.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"

# Two-factor authentication (django-otp): TOTP apps, plus single-use recovery codes. Who must use it is decided by
# accounts.permissions.requires_two_factor. Wrong codes slow down further tries: after n failures the device refuses
# every code for THROTTLE_FACTOR * 2^(n-1) seconds.
OTP_TOTP_THROTTLE_FACTOR = int(os.environ.get("OTP_THROTTLE_FACTOR", "1"))
OTP_STATIC_THROTTLE_FACTOR = OTP_TOTP_THROTTLE_FACTOR


def _otp_issuer(device):
    """The name above the code in the authenticator app: "Regiekamer <gemeente>"."""
    from regiekamer.accounts.two_factor import issuer

    return issuer(device)


OTP_TOTP_ISSUER = _otp_issuer

# Optional login through the gemeente's identity provider (OpenID Connect, mozilla-django-oidc): enabled when
# OIDC_RP_CLIENT_ID is set. Users are matched to existing Regiekamer users by one claim; nobody is created.
OIDC_ENABLED = bool(os.environ.get("OIDC_RP_CLIENT_ID"))
OIDC_IDP_NAME = os.environ.get("OIDC_IDP_NAME", "de gemeente")
if OIDC_ENABLED:
    OIDC_RP_CLIENT_ID = os.environ["OIDC_RP_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
    _oidc_required = (
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
    )
    _oidc_missing = [name for name in _oidc_required if not os.environ.get(name)]
    if _oidc_missing:
        raise ImproperlyConfigured(f"OIDC_RP_CLIENT_ID is set but these are not: {', '.join(_oidc_missing)}")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["OIDC_OP_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["OIDC_OP_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ["OIDC_OP_JWKS_ENDPOINT"]
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email")
    OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", default=True)
    OIDC_CREATE_USER = False
    OIDC_CALLBACK_CLASS = "regiekamer.accounts.oidc.CallbackView"
    LOGIN_REDIRECT_URL_FAILURE = "accounts:login"
# The claim that identifies the user, and the User field it is compared with (case-insensitively).
OIDC_MATCH_CLAIM = os.environ.get("OIDC_MATCH_CLAIM", "email")
OIDC_MATCH_FIELD = os.environ.get("OIDC_MATCH_FIELD", "email")
# A login at the IdP with one of these acr values, or with one of these amr values, counts as the second step.
OIDC_MFA_ACR_VALUES = env_list("OIDC_MFA_ACR_VALUES")
OIDC_MFA_AMR_VALUES = env_list("OIDC_MFA_AMR_VALUES", "mfa")

# An idle timeout: every request renews the session, so it ends after this many seconds without activity
# (and when the browser closes).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not PLAIN_HTTP
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not PLAIN_HTTP
# No script reads the CSRF cookie: forms carry the token, the Swagger UI script gets it from its template.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp): only our own origin, no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# The map (regiekamer.gebieden): background tiles from this URL template (Web Mercator, {z}/{x}/{y}), by default
# PDOK's BRT-Achtergrondkaart; an empty value switches them off (the map still shows boundaries and figures). Only
# the map page adds the host of this URL to its CSP img-src (gebieden.views.kaart); every other page keeps the
# policy above.
KAART_TEGELS_URL = os.environ.get(
    "KAART_TEGELS_URL", "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
)
KAART_TEGELS_ATTRIBUTIE = os.environ.get("KAART_TEGELS_ATTRIBUTIE", "Kaartgegevens © Kadaster")
# How long the hotspots keep the BRP connector's registered persons per address (seconds; 0: ask every time).
HOTSPOT_BRP_CACHE_SECONDS = int(os.environ.get("HOTSPOT_BRP_CACHE_SECONDS", "300"))

# Browser features no page needs (regiekamer.core.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {"camera": [], "microphone": [], "geolocation": [], "payment": []}
if not PLAIN_HTTP:
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if TESTING else str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not TESTING)
    # Load balancers probe the health check over plain HTTP on the internal network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^health/ready/$", r"^metrics$"]

LANGUAGE_CODE = "nl"
# Dutch for every user, whatever the browser asks for; the message ids are Dutch too.
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Our CSS and the vendored NL Design System/htmx files live in the package, not inside an app.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
# Attachments: private storage, never below STATIC_ROOT and never served by the web server directly.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", DATA_DIR / "bijlagen"))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/niet-publiek/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
ATTACHMENT_ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "text/plain": "txt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
DATA_UPLOAD_MAX_MEMORY_SIZE = ATTACHMENT_MAX_BYTES + 1024 * 1024

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEMO_MODE else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "regiekamer@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "regiekamer.accounts.authentication.ApiTokenAuthentication",
        "regiekamer.accounts.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: any other Content-Type is a 415 problem (the bulk import takes its file as multipart itself).
    "DEFAULT_PARSER_CLASSES": ["regiekamer.core.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "regiekamer.core.problems.problem_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "regiekamer.core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "DEFAULT_THROTTLE_CLASSES": [
        "regiekamer.core.api.PrincipalRateThrottle",
        "regiekamer.core.api.AddressRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("API_RATE_LIMIT", "600/minute"),
        "adres": os.environ.get("API_ADDRESS_RATE_LIMIT", "3000/minute"),
    },
    # How many proxies in front add themselves to X-Forwarded-For (nginx: 1). At 0 the address is REMOTE_ADDR and a
    # client cannot choose its own by sending the header.
    "NUM_PROXIES": int(os.environ.get("API_PROXIES", "0")),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regiekamer API",
    "DESCRIPTION": (
        "API for partner systems and staff of Regiekamer. Authenticate with "
        "`Authorization: Token <token>`. Errors are `application/problem+json` (RFC 9457) "
        "with `invalidParams` naming the invalid fields."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No badge image from validator.swagger.io: the CSP allows images from our own origin only.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    # Every error answer documented as application/problem+json, with the errors any operation can give.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "regiekamer.core.openapi.problem_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "SignaalStatusEnum": "regiekamer.protocol.machine.Status",
        "MelderStatusEnum": "regiekamer.protocol.machine.MelderStatus",
        "BronraadplegingSoortEnum": "regiekamer.bronnen.models.Bronraadpleging.Soort",
        "SubjectSoortEnum": ["persoon", "adres", "rechtspersoon"],
        "CasusStatusEnum": "regiekamer.casussen.models.Casus.Status",
        "InterventieStatusEnum": "regiekamer.casussen.models.Interventie.Status",
        "VerwerkingsdoelEnum": "regiekamer.doelbinding.doelen.Doel",
        "GedeeldeCategorieEnum": "regiekamer.delen.models.Categorie",
        "WeergaveEnum": ["volledig", "deelnemer"],
        "OrganisatieSoortEnum": "regiekamer.accounts.models.Organisatie.Soort",
        "IndicatorSoortEnum": "regiekamer.signalen.models.Indicator.Soort",
    },
}

# Flash messages may name a subject: keep them server-side, not in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

DEFAULT_EXCEPTION_REPORTER_FILTER = "regiekamer.core.redaction.BsnSafeExceptionReporterFilter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_bsn": {"()": "regiekamer.core.redaction.BsnRedactingFilter"},
        "request_id": {"()": "regiekamer.core.requestid.RequestIdFilter"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
        # One JSON object per line (LOG_FORMAT=json, the default): time, level, logger, message and request id.
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "{asctime}{levelname}{name}{message}{request_id}",
            "style": "{",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "{asctime} {levelname} {name} [{request_id}] {message}", "style": "{"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact_bsn", "request_id"],
            "formatter": "text" if os.environ.get("LOG_FORMAT", "json") == "text" else "json",
        },
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "filters": ["redact_bsn"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Every Django logger goes through the BSN-redacting handlers, the development server's too.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# --- Bulk intake (regiekamer.importen) ---------------------------------------------------------------------------
# Background tasks in the database (django-tasks, docs/decisions/0011-background-tasks.md): no extra service, on
# PostgreSQL and on the demo's SQLite alike; `regiekamer db_worker` runs them (`regiekamer demo` starts one).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("REGIEKAMER_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
IMPORT_CHUNK = int(os.environ.get("IMPORT_CHUNK", "500"))  # rows per committed chunk of an import
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(100 * 1024 * 1024)))  # largest file uploaded
