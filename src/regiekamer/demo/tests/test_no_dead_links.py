"""No dead ends: every link a page of the demo shows a user opens for that user.

For each demo account the crawl starts at the home page and follows every link to this site that the pages show
(GET, as a browser would), breadth first. A link that answers 403, 404 or 500 is a dead end: either the page should
not show it to this user, or the user should be able to open it. To keep the crawl to the size of a test, at most a
few links per URL pattern are followed (the third signal page says nothing the first two did not); which ones is
fixed by the order of the pages, so a failure repeats.
"""

import io
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import override_settings
from django.urls import Resolver404, resolve

from regiekamer.accounts.models import User

ACCOUNTS = [
    "regisseur",
    "ondermijningsteam",
    "partnerprofessional",
    "wijkagent",
    "analist",
    "manager",
    "privacyfunctionaris",
    "beheerder",
    "aandachtsfunctionaris",
]
PER_PATTERN = 5  # links followed per URL pattern and account
DEAD = {403, 404, 500}
NOT_FOLLOWED = ("/static/", "/media/", "/api/schema", "/api/docs")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_on(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        href, _fragment = urldefrag(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue  # another site, mailto:, or a same-page anchor
        if parts.path.startswith(NOT_FOLLOWED):
            continue
        found.append(href)
    return found


def pattern_of(url: str) -> str:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return url  # followed once, and reported as the 404 it is
    return match.view_name or match.route


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(DEMO_MODE=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        call_command("seed_demo", scale=40, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def crawl(client: Client) -> dict[str, tuple[int, str]]:
    """Every dead link met: url -> (status, the page that showed it)."""
    seen = {"/"}
    queue = deque([("/", "(start)")])
    per_pattern = Counter()
    dead = {}
    while queue:
        url, shown_on = queue.popleft()
        try:
            response = client.get(url, secure=True, follow=True)
            status = response.status_code
        except Exception as error:  # noqa: BLE001 - a server error is what the crawl looks for
            dead[url] = (500, f"{shown_on} ({type(error).__name__}: {error})")
            continue
        if status in DEAD:
            dead[url] = (status, shown_on)
            continue
        if response.redirect_chain and response.request["PATH_INFO"] == resolve_url(settings.LOGIN_URL):
            dead[url] = (302, f"{shown_on}, sent to the login page again")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        page = response.request["PATH_INFO"]
        for link in links_on(response.content.decode()):
            if link in seen:
                continue
            seen.add(link)
            pattern = pattern_of(link)
            if per_pattern[pattern] >= PER_PATTERN:
                continue
            per_pattern[pattern] += 1
            queue.append((link, page))
    return dead


@pytest.mark.django_db
@pytest.mark.parametrize("username", ACCOUNTS)
def test_every_link_a_page_shows_opens_for_its_viewer(demo_site, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    dead = crawl(client)
    report = "\n".join(f"{status} {url}  (shown on {shown_on})" for url, (status, shown_on) in sorted(dead.items()))
    assert not dead, f"dead links for {username}:\n{report}"
