"""What the loader reads from the database before it generates: per demo gemeente its buurten (as they exist at run
time), organisations, users, partner-system tokens, catalogues, settings, counters and the keys already taken."""

import datetime as dt
import re
from dataclasses import dataclass

from regiekamer.accounts import permissions
from regiekamer.accounts.models import ApiToken, Organisatie, User
from regiekamer.accounts.roles import Rol
from regiekamer.casussen.models import Casus, InterventieSoort, Leefgebied
from regiekamer.casussen.services import instellingen as casus_instellingen
from regiekamer.demo import data
from regiekamer.protocol.services import instellingen as protocol_instellingen
from regiekamer.signalen.models import Fenomeen, Indicator, SignaalNummering
from regiekamer.subjects.models import Adres, Buurt, Persoon, Rechtspersoon, Voertuig

# Signals per buurt relative to each other, for buurten the demo data does not know (e.g. imported ones).
DEFAULT_BUURT_GEWICHT = 2


@dataclass
class BuurtInfo:
    id: str
    code: str
    naam: str
    postcodes: list[str]
    latitude: float | None
    longitude: float | None
    gewicht: float
    model: Buurt


class World:
    """One demo gemeente as the database holds it after the default demo was built."""

    def __init__(self, gemeente, spec: data.GemeenteData):
        self.gemeente = gemeente
        self.gid = str(gemeente.pk)
        self.spec = spec
        known = {buurt.code: buurt.gewicht for buurt in spec.buurten}
        self.buurten = [
            BuurtInfo(
                id=str(buurt.pk),
                code=buurt.code,
                naam=buurt.naam,
                postcodes=buurt.postcode_list,
                latitude=buurt.latitude,
                longitude=buurt.longitude,
                gewicht=known.get(buurt.code, DEFAULT_BUURT_GEWICHT),
                model=buurt,
            )
            for buurt in Buurt.objects.filter(gemeente=gemeente).order_by("code")
        ]
        self.buurt_of_pc4 = {}
        for buurt in self.buurten:
            for pc4 in buurt.postcodes:
                self.buurt_of_pc4.setdefault(pc4, buurt)

        organisaties = {o.naam: o for o in Organisatie.objects.filter(gemeente=gemeente)}
        self.org = {o.key: organisaties[o.naam] for o in spec.organisaties if o.naam in organisaties}
        usernames = [g.username for g in spec.gebruikers]
        users = {
            u.username: u
            for u in User.objects.filter(username__in=usernames, organisatie__gemeente=gemeente).select_related(
                "organisatie"
            )
        }
        self.users = users
        self.reporters: dict[str, list[User]] = {}
        self.partners: dict[str, User] = {}
        for gebruiker in spec.gebruikers:
            user = users.get(gebruiker.username)
            if user is None:
                continue
            if gebruiker.rol in (Rol.REGISSEUR, Rol.ONDERMIJNINGSTEAM, Rol.PARTNERPROFESSIONAL):
                self.reporters.setdefault(gebruiker.organisatie, []).append(user)
            if gebruiker.rol == Rol.PARTNERPROFESSIONAL:
                self.partners.setdefault(gebruiker.organisatie, user)
        if "ondermijning" in self.reporters:
            team = [user for name, user in users.items() if name.endswith("ondermijningsteam")]
            self.reporters["ondermijning"] = team or self.reporters["ondermijning"]
        self.wegers = [users[name] for name in spec.wegers if name in users]
        if not self.wegers:
            raise RuntimeError(f"No demo users who weigh signals in {gemeente.naam}: build the default demo first.")
        self.aandachtsfunctionaris = users.get(spec.aandachtsfunctionaris) if spec.aandachtsfunctionaris else None
        self.rol_weging = {}
        self.rol_delen = {}
        for user in users.values():
            self.rol_weging[user.pk] = permissions.acting_rol(user, permissions.RECORD_WEGING)
            self.rol_delen[user.pk] = permissions.acting_rol(user, permissions.MANAGE_CASES, permissions.RECORD_WEGING)

        # Partner systems report with their organisation token; one is issued for an organisation without one.
        self.tokens: dict[str, int] = {}
        for key, organisatie in self.org.items():
            token = (
                ApiToken.objects.filter(organisatie=organisatie, user__isnull=True, ingetrokken_op__isnull=True)
                .order_by("pk")
                .first()
            )
            if token is None:
                omschrijving = data.SYSTEEM_OMSCHRIJVING.get(key, f"Demo: koppeling {organisatie.naam}")
                token, _raw = ApiToken.issue(organisatie, omschrijving=omschrijving)
            self.tokens[key] = token.pk

        self.fenomenen = {
            code: (str(pk), naam)
            for pk, code, naam in Fenomeen.objects.filter(gemeente=gemeente).values_list("pk", "code", "naam")
        }
        self.indicatoren = {
            code: (str(pk), soort, omschrijving)
            for pk, code, soort, omschrijving in Indicator.objects.filter(gemeente=gemeente).values_list(
                "pk", "code", "soort", "omschrijving"
            )
        }
        self.protocol = protocol_instellingen(gemeente)
        self.casus_instelling = casus_instellingen(gemeente)
        self.interventiesoorten = {
            code: (str(pk), naam, familie)
            for pk, code, naam, familie in InterventieSoort.objects.filter(gemeente=gemeente).values_list(
                "pk", "code", "naam", "familie"
            )
        }
        self.leefgebieden = {
            code: (str(pk), naam)
            for pk, code, naam in Leefgebied.objects.filter(gemeente=gemeente).values_list("pk", "code", "naam")
        }

        # Counters and the keys already taken.
        self.signaal_nummers = dict(SignaalNummering.objects.filter(gemeente=gemeente).values_list("jaar", "laatste"))
        self.casus_nummers: dict[int, int] = {}
        for nummer in Casus.objects.filter(gemeente=gemeente).values_list("nummer", flat=True):
            match = re.fullmatch(r"C(\d{4})-(\d+)", nummer)
            if match:
                year, number = int(match.group(1)), int(match.group(2))
                self.casus_nummers[year] = max(self.casus_nummers.get(year, 0), number)
        self.bsn_indexes = set(
            Persoon.objects.filter(gemeente=gemeente).exclude(bsn_index="").values_list("bsn_index", flat=True)
        )
        self.kvks = set(
            Rechtspersoon.objects.filter(gemeente=gemeente).exclude(kvk_nummer="").values_list("kvk_nummer", flat=True)
        )
        self.kentekens = {
            kenteken: str(pk)
            for pk, kenteken in Voertuig.objects.filter(gemeente=gemeente).values_list("pk", "kenteken")
        }
        self.adressen = {
            (postcode, huisnummer, huisletter, toevoeging): str(pk)
            for pk, postcode, huisnummer, huisletter, toevoeging in Adres.objects.filter(gemeente=gemeente).values_list(
                "pk", "postcode", "huisnummer", "huisletter", "toevoeging"
            )
        }
        self.bewaartermijn_geen_actie = dt.timedelta(days=self.protocol.bewaartermijn_geen_actie_dagen)

    @property
    def gewicht(self) -> float:
        return sum(buurt.gewicht for buurt in self.buurten)

    def weger_for(self, rng, fenomenen) -> User:
        mensenhandel = set(fenomenen) & set(data.MENSENHANDEL_FENOMENEN)
        if self.aandachtsfunctionaris is not None and mensenhandel and rng.random() < 0.6:
            return self.aandachtsfunctionaris
        return rng.choice(self.wegers)
