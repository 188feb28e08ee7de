import uuid

from django.core.management.base import BaseCommand, CommandError

from regiekamer.accounts.models import ApiToken, Organisatie, User


class Command(BaseCommand):
    help = (
        "Print a new API token. ORGANISATION (id or exact name) for a partner-system token; "
        "--user USERNAME for a personal token; --list to list organisations; --revoke PREFIX to revoke."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation", nargs="?", help="Organisation id or exact name.")
        parser.add_argument("--user", help="Username for a personal token.")
        parser.add_argument("--list", action="store_true", help="List organisations: id, name, gemeente.")
        parser.add_argument("--revoke", metavar="PREFIX", help="Revoke the active token(s) with this prefix.")
        parser.add_argument("--description", default="", help="What the token is for.")

    def handle(self, *args, **options):
        if options["list"]:
            organisaties = Organisatie.objects.select_related("gemeente").order_by("gemeente__naam", "naam")
            first = self._first_gemeente()
            # The first demo municipality is listed first, as documented.
            ordered = sorted(organisaties, key=lambda o: (o.gemeente_id != first, o.gemeente.naam, o.naam))
            for organisatie in ordered:
                self.stdout.write(f"{organisatie.id}\t{organisatie.naam}\t{organisatie.gemeente.naam}")
            return
        if options["revoke"]:
            count = 0
            for token in ApiToken.objects.active().filter(prefix=options["revoke"]):
                token.revoke()
                count += 1
            if not count:
                raise CommandError("No active token with that prefix.")
            self.stdout.write(f"Revoked {count} token(s).")
            return
        if options["user"]:
            user = User.objects.select_related("organisatie").filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user named {options['user']!r}.")
            if user.organisatie is None:
                raise CommandError("This user belongs to no organisation.")
            _token, raw = ApiToken.issue(user.organisatie, user=user, omschrijving=options["description"])
            self.stdout.write(raw)
            return
        if not options["organisation"]:
            raise CommandError("Give an ORGANISATION (id or exact name), --user USERNAME or --list.")
        organisatie = self._find_organisation(options["organisation"])
        _token, raw = ApiToken.issue(organisatie, omschrijving=options["description"])
        self.stdout.write(raw)

    @staticmethod
    def _first_gemeente():
        from regiekamer.accounts.models import Gemeente

        first = Gemeente.objects.order_by("cbs_code").values_list("id", flat=True).first()
        return first

    @staticmethod
    def _find_organisation(value: str) -> Organisatie:
        try:
            return Organisatie.objects.get(pk=uuid.UUID(value))
        except (ValueError, Organisatie.DoesNotExist):
            pass
        matches = list(Organisatie.objects.filter(naam=value))
        if not matches:
            raise CommandError(f"No organisation with id or name {value!r}.")
        if len(matches) > 1:
            raise CommandError(f"{len(matches)} organisations are named {value!r}; give the id instead.")
        return matches[0]
