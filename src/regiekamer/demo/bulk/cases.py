"""The cases of the synthetic signals: opened when the signaaloverleg decides "casus", with their betrokkenen, a light
plan (analysis, goal, two interventions with owners, results), its versions, participants and sharing decisions;
older cases closed with a result per goal, some followed by a relapse signal; new signals about their subjects linked
as the intake links them.

The course of a case follows ``demo.casework`` (the light plan of the default demo): what the services would have
recorded, at the moments it would have happened.
"""

import datetime as dt
import json

from regiekamer.casussen.models import Casus, CasusSignaal, Doel, Interventie
from regiekamer.delen.models import Categorie
from regiekamer.demo.bulk.generator import AMS, UTC, Batch, local_date, new_id
from regiekamer.demo.casework import (
    DEMO_CATEGORIEEN,
    DEMO_DELEN_DOEL,
    DEMO_DELEN_GRONDSLAG,
    DEMO_DELEN_OMSCHRIJVING,
    EVALUATIE,
    LICHT,
    ROL_HOOFDPERSOON,
    TUSSENSTAND,
)
from regiekamer.demo.doelbinding import ALGEMEEN, TEKSTEN
from regiekamer.doelbinding.doelen import doel_voor_aanpak
from regiekamer.doelbinding.models import Verenigbaarheidsbesluit

RELAPSE_SHARE = 0.15  # closed cases followed by a new signal about the same people within the relapse period
STALLED_SHARE = 0.1  # open cases nobody worked on lately
STATUS_LABELS = {status.value: str(status.label) for status in Interventie.Status}
SLUITREDEN_LABELS = {reden.value: str(reden.label) for reden in Casus.Sluitreden}


class CaseInfo:
    """What later signals need to know of a case: who is in it, its purpose and when it was open."""

    __slots__ = ("id", "doel", "opened", "closed", "person", "address", "laatste", "touched")

    def __init__(self, id, doel, opened, closed, person, address, laatste):
        self.id, self.doel, self.opened, self.closed = id, doel, opened, closed
        self.person, self.address, self.laatste = person, address, laatste
        self.touched = None  # the latest new signal linked while it was open


class CaseMaker:
    def __init__(self, world, rng, now: dt.datetime, encrypt, signals=None):
        self.world = world
        self.rng = rng
        self.now = now
        self.today = local_date(now)
        self.enc = encrypt
        self.signals = signals  # the SignalMaker, for relapse signals
        self.gid = world.gid
        self.by_subject: dict[str, list[CaseInfo]] = {}
        self.opened: list[CaseInfo] = []
        self.terugval = dt.timedelta(days=world.casus_instelling.terugval_dagen)
        self.cut = now - dt.timedelta(hours=1)

    # --- Linking new signals ---------------------------------------------------------------------------------------

    def link_new_signal(self, sig, batch: Batch) -> None:
        """As ``casussen.services.link_new_signaal`` at intake: on an open case "nieuw" (and the case is touched),
        within the relapse period after closing "terugval"; a signal collected for another purpose is not linked."""
        keys = []
        if sig.person is not None:
            keys.append(sig.person.id)
        if sig.address is not None:
            keys.append(sig.address.id)
        if sig.company is not None:
            keys.append(sig.company[0])
        seen = set()
        for key in keys:
            for case in self.by_subject.get(key, ()):
                if case.id in seen or case.opened >= sig.moment:
                    continue
                seen.add(case.id)
                open_then = case.closed is None or case.closed > sig.moment
                if not open_then and sig.moment - case.closed > self.terugval:
                    continue
                if sig.doel != case.doel:
                    continue
                soort = CasusSignaal.Soort.NIEUW if open_then else CasusSignaal.Soort.TERUGVAL
                seen_at = sig.moment + dt.timedelta(days=self.rng.uniform(0.5, 6))
                batch.add(
                    "casussignaal",
                    (
                        new_id(self.rng),
                        self.gid,
                        case.id,
                        sig.id,
                        soort,
                        sig.moment,
                        seen_at if seen_at < self.cut else None,
                    ),
                )
                if open_then:
                    case.touched = max(case.touched or sig.moment, sig.moment)

    # --- Opening and running a case --------------------------------------------------------------------------------

    def open_case(self, sig, batch: Batch) -> None:
        rng = self.rng
        world = self.world
        opened = sig.casus_moment
        casus_id = sig.casus_id
        regisseur = sig.weger
        aanpak = sig.aanpak
        doel = doel_voor_aanpak(aanpak)
        fenomeen = sig.sjabloon.fenomenen[0]
        plan = LICHT.get(fenomeen, LICHT["criminele-uitbuiting"])
        age = (self.now - opened).days
        close = age > 200 and rng.random() < 0.85
        reden = None
        if close:
            reden = rng.choices(
                [Casus.Sluitreden.AFGESCHAALD, Casus.Sluitreden.OVERGEDRAGEN, Casus.Sluitreden.BEEINDIGD], [5, 2, 2]
            )[0]
        stalled = not close and age > 45 and rng.random() < STALLED_SHARE

        if sig.doel != doel:
            # The compatibility decision the protocol's step 4 needs before the case is opened.
            teksten = TEKSTEN.get((sig.doel, doel), ALGEMEEN)
            enc = self.enc.besluit
            batch.add(
                "verenigbaarheidsbesluit",
                (
                    new_id(rng),
                    self.gid,
                    sig.id,
                    casus_id,
                    sig.doel,
                    doel,
                    enc(teksten["verband_doelen"]),
                    enc(teksten["context_verzameling"]),
                    enc(teksten["aard_gegevens"]),
                    enc(teksten["gevolgen_betrokkene"]),
                    enc(teksten["waarborgen"]),
                    Verenigbaarheidsbesluit.Conclusie.VERENIGBAAR,
                    enc(teksten["toelichting"]),
                    regisseur.pk,
                    world.rol_weging[regisseur.pk],
                    opened - dt.timedelta(minutes=5),
                ),
            )

        state = PlanState(aanpak)
        versions: list[tuple[dt.datetime, str]] = []
        deelnemers: set = set()
        shared = set(sig.ontvangers)

        def version(moment, wijziging):
            versions.append((moment, wijziging, state.snapshot()))

        # Opened from the signal: its subjects become betrokkenen.
        batch.add(
            "casussignaal", (new_id(rng), self.gid, casus_id, sig.id, CasusSignaal.Soort.OVERDRACHT, opened, None)
        )
        if sig.person is not None:
            rol = ROL_HOOFDPERSOON[aanpak]
            batch.add(
                "betrokkene",
                (new_id(rng), self.gid, casus_id, sig.person.id, None, None, rol, False, False, "", opened),
            )
        if sig.address is not None:
            batch.add(
                "betrokkene",
                (new_id(rng), self.gid, casus_id, None, sig.address.id, None, "", False, False, "", opened),
            )
        if sig.company is not None:
            batch.add(
                "betrokkene",
                (new_id(rng), self.gid, casus_id, None, None, sig.company[0], "", False, False, "", opened),
            )
        version(opened, f"Casus geopend vanuit signaal {sig.nummer}")

        leefgebied = world.leefgebieden.get(plan.leefgebied)
        opzet = self._na(opened, 0.08)
        doel_id = None
        if leefgebied is not None:
            batch.add("analyse", (new_id(rng), self.gid, casus_id, leefgebied[0], self.enc.analyse(plan.analyse)))
            state.analyses.append({"leefgebied": leefgebied[1], "tekst": plan.analyse})
            version(opzet, f"Analyse {leefgebied[1]} bijgewerkt")
            doel_id = new_id(rng)
            state.doelen.append(
                {"id": doel_id, "omschrijving": plan.doel, "leefgebied": leefgebied[1], "resultaat": ""}
            )
            version(opzet, f"Doel toegevoegd: {plan.doel}")

        first, second = plan.acties
        deadline1 = local_date(opened) + dt.timedelta(days=rng.randint(28, 56))
        if not close and age <= 60:
            deadline1 = max(deadline1, self.today + dt.timedelta(days=rng.randint(5, 30)))
        actions = []
        action1 = self._action(first, deadline1, opzet, state, regisseur, shared, deelnemers, casus_id, doel_id, batch)
        if action1 is not None:
            actions.append(action1)
            version(opzet, f"Interventie toegevoegd: {action1.naam}")
        started = self._na(opened, rng.uniform(2, 5))
        last = opzet
        if action1 is not None and started < self.now - dt.timedelta(days=1):
            self._update(action1, Interventie.Status.LOPEND, first.tussenstand, started, state, version)
            last = started
        action2 = None
        closed_at = None
        if age > 60 and action1 is not None:
            done = self._office(
                dt.datetime.combine(deadline1, dt.time(10), tzinfo=AMS) - dt.timedelta(days=rng.randint(2, 6))
            )
            done = min(max(done, started + dt.timedelta(days=1)), self.cut)
            stopped = rng.random() < 0.15
            if stopped:
                self._update(action1, Interventie.Status.GESTOPT, first.gestopt, done, state, version)
            else:
                self._update(action1, Interventie.Status.AFGEROND, first.afgerond, done, state, version)
            last = done
            if close:
                deadline2 = local_date(done) + dt.timedelta(days=rng.randint(28, 49))
            elif not stalled and rng.random() < 0.2:
                deadline2 = self.today - dt.timedelta(days=rng.randint(2, 8))  # a little overdue
            elif stalled and rng.random() < 0.5:
                deadline2 = self.today - dt.timedelta(days=rng.randint(10, 60))  # overdue, nobody followed up
            else:
                deadline2 = self.today + dt.timedelta(days=rng.randint(7, 60))
            added = min(done + dt.timedelta(minutes=45), self.cut)
            action2 = self._action(
                second, deadline2, added, state, regisseur, shared, deelnemers, casus_id, doel_id, batch
            )
            if action2 is not None:
                actions.append(action2)
                version(added, f"Interventie toegevoegd: {action2.naam}")
                last = added
                second_started = self._office(done + dt.timedelta(days=rng.randint(2, 5)))
                keep_planned = not close and not stalled and rng.random() < 0.3
                if not keep_planned and second_started < self.now - dt.timedelta(days=1):
                    self._update(action2, Interventie.Status.LOPEND, second.tussenstand, second_started, state, version)
                    last = second_started
                if close:
                    finished = self._office(
                        dt.datetime.combine(deadline2, dt.time(10), tzinfo=AMS) - dt.timedelta(days=rng.randint(1, 5))
                    )
                    finished = min(max(finished, second_started + dt.timedelta(days=1)), self.cut)
                    if reden == Casus.Sluitreden.BEEINDIGD:
                        self._update(action2, Interventie.Status.GESTOPT, second.gestopt, finished, state, version)
                    else:
                        self._update(action2, Interventie.Status.AFGEROND, second.afgerond, finished, state, version)
                    closed_at = min(self._office(finished + dt.timedelta(days=rng.randint(2, 9))), self.cut)
                    last = closed_at
        if close and closed_at is None:
            close = False  # nothing to close without a plan: it stays open
        if close:
            uitkomst = {
                Casus.Sluitreden.AFGESCHAALD: Doel.Resultaat.BEHAALD,
                Casus.Sluitreden.OVERGEDRAGEN: Doel.Resultaat.DEELS,
                Casus.Sluitreden.BEEINDIGD: rng.choice([Doel.Resultaat.NIET, Doel.Resultaat.DEELS]),
            }[reden]
            for item in state.doelen:
                item["resultaat"] = uitkomst
            version(closed_at, f"Casus gesloten ({SLUITREDEN_LABELS[reden]})")
        elif not stalled and actions and actions[-1].status == Interventie.Status.LOPEND:
            # Recent activity: the owner reports on the open action, so the case does not stall.
            recent = self._clamp(
                self._office(self.now.astimezone(AMS) - dt.timedelta(days=rng.randint(3, 11), hours=rng.randint(0, 5)))
            )
            if recent > last:
                self._update(actions[-1], Interventie.Status.LOPEND, rng.choice(TUSSENSTAND), recent, state, version)
                last = recent

        # The rows.
        if doel_id is not None:
            batch.add(
                "doel",
                (
                    doel_id,
                    self.gid,
                    casus_id,
                    leefgebied[0],
                    self.enc.doel(plan.doel),
                    state.doelen[0]["resultaat"],
                    opzet,
                ),
            )
        for action in actions:
            batch.add("interventie", action.row(self))
        enc_wijziging, enc_inhoud = self.enc.plan_wijziging, self.enc.plan_inhoud
        for number, (moment, wijziging, snapshot) in enumerate(versions, start=1):
            batch.add(
                "planversie",
                (
                    new_id(rng),
                    self.gid,
                    casus_id,
                    number,
                    enc_wijziging(wijziging[:300]),
                    enc_inhoud(snapshot),
                    regisseur.pk,
                    moment,
                ),
            )
        fenomenen = ", ".join(sorted(world.fenomenen[code][1] for code in sig.sjabloon.fenomenen))
        laatste = max(moment for moment, _w, _s in versions)
        evaluatie = rng.choice(EVALUATIE[reden]) if close else ""
        info = CaseInfo(casus_id, doel, opened, closed_at if close else None, sig.person, sig.address, laatste)
        batch.add(
            "casus",
            (
                casus_id,
                self.gid,
                f"B{len(self.opened) + 1}",  # numbered at the end, in the order the cases were opened
                f"{sig.nummer}: {fenomenen}"[:200],
                "",
                aanpak,
                doel,
                "",
                regisseur.pk,
                Casus.Status.GESLOTEN if close else Casus.Status.OPEN,
                sig.buurt.id,
                opened,
                laatste,
                closed_at if close else None,
                reden or "",
                self.enc.casus_text(evaluatie),
            ),
        )
        batch.logged["casus"].append(casus_id)
        self.opened.append(info)
        for key in filter(None, (getattr(sig.person, "id", None), getattr(sig.address, "id", None))):
            self.by_subject.setdefault(key, []).append(info)
        if sig.company is not None:
            self.by_subject.setdefault(sig.company[0], []).append(info)
        if close and self.signals is not None and rng.random() < RELAPSE_SHARE:
            moment = closed_at + dt.timedelta(days=rng.uniform(14, 330))
            if moment < self.now - dt.timedelta(days=1):
                self.signals.schedule_relapse(moment, info)

    def _action(self, actie, deadline, moment, state, regisseur, shared, deelnemers, casus_id, doel_id, batch):
        world = self.world
        soort = world.interventiesoorten.get(actie.soort)
        organisatie = world.org.get(actie.organisatie)
        if soort is None or organisatie is None:
            return None
        # Half the actions go to a named professional, the others to the organisation as a whole.
        owner = world.partners.get(actie.organisatie) if self.rng.random() < 0.5 else None
        org_id = str(organisatie.pk)
        if org_id not in shared:
            # The regisseur records what this organisation may see of the case before it gets an action.
            categorieen = DEMO_CATEGORIEEN.get(organisatie.soort, DEMO_CATEGORIEEN[""])
            batch.add(
                "delingsbesluit",
                (
                    new_id(self.rng),
                    self.gid,
                    org_id,
                    casus_id,
                    None,
                    json.dumps([str(c) for c in categorieen]),
                    self.enc.delen(DEMO_DELEN_OMSCHRIJVING[Categorie.BETROKKENEN in categorieen]),
                    DEMO_DELEN_DOEL,
                    DEMO_DELEN_GRONDSLAG,
                    None,
                    None,
                    regisseur.pk,
                    world.rol_delen[regisseur.pk],
                    moment - dt.timedelta(minutes=1),
                    None,
                    None,
                    "",
                ),
            )
            shared.add(org_id)
        owner_id = owner.pk if owner is not None else None
        if (org_id, None) not in deelnemers and (org_id, owner_id) not in deelnemers:
            deelnemers.add((org_id, owner_id))
            batch.add("deelnemer", (new_id(self.rng), self.gid, casus_id, org_id, owner_id, "", moment))
        action = Action(
            id=new_id(self.rng),
            casus_id=casus_id,
            soort=soort,
            doel_id=doel_id,
            omschrijving=actie.omschrijving,
            organisatie=organisatie,
            owner=owner,
            deadline=deadline,
            impact=actie.impact,
            opvang=actie.opvang,
            moment=moment,
        )
        state.interventies.append(action)
        return action

    def _update(self, action, status, resultaat, moment, state, version) -> None:
        changes = []
        if status != action.status:
            changes.append(f"status {STATUS_LABELS[action.status]} → {STATUS_LABELS[status]}")
        if resultaat != action.resultaat:
            changes.append("resultaat bijgewerkt")
        action.status, action.resultaat, action.bijgewerkt = status, resultaat, moment
        done = status in (Interventie.Status.AFGEROND, Interventie.Status.GESTOPT)
        action.afgerond = moment if done else None
        if changes:
            version(moment, f"{action.naam}: " + ", ".join(changes))

    # --- Time -----------------------------------------------------------------------------------------------------

    def _office(self, moment: dt.datetime) -> dt.datetime:
        local = moment.astimezone(AMS)
        if local.hour < 8:
            local = local.replace(hour=8, minute=30)
        elif local.hour >= 17:
            local = (local + dt.timedelta(days=1)).replace(hour=8, minute=30)
        while local.weekday() >= 5:
            local += dt.timedelta(days=1)
        return local.astimezone(UTC)

    def _clamp(self, moment: dt.datetime) -> dt.datetime:
        return min(moment, self.cut)

    def _na(self, opened: dt.datetime, dagen: float) -> dt.datetime:
        return self._clamp(self._office(opened + dt.timedelta(days=dagen)))


class Action:
    __slots__ = (
        "id",
        "casus_id",
        "soort",
        "doel_id",
        "omschrijving",
        "organisatie",
        "owner",
        "deadline",
        "impact",
        "opvang",
        "moment",
        "status",
        "resultaat",
        "bijgewerkt",
        "afgerond",
    )

    def __init__(
        self, id, casus_id, soort, doel_id, omschrijving, organisatie, owner, deadline, impact, opvang, moment
    ):
        self.id, self.casus_id, self.soort, self.doel_id = id, casus_id, soort, doel_id
        self.omschrijving, self.organisatie, self.owner, self.deadline = omschrijving, organisatie, owner, deadline
        self.impact, self.opvang, self.moment = impact, opvang, moment
        self.status, self.resultaat, self.bijgewerkt, self.afgerond = Interventie.Status.GEPLAND, "", moment, None

    @property
    def naam(self) -> str:
        return self.soort[1]

    def snapshot(self) -> dict:
        return {
            "id": self.id,
            "soort": self.soort[1],
            "familie": self.soort[2],
            "omschrijving": self.omschrijving,
            "doel": self.doel_id,
            "organisatie": self.organisatie.naam,
            "uitvoerder": self.owner.get_full_name() if self.owner is not None else "",
            "deadline": self.deadline.isoformat(),
            "status": self.status,
            "resultaat": self.resultaat,
            "impact_huishouden": self.impact,
            "opvang_gevolgen": self.opvang,
        }

    def row(self, maker) -> tuple:
        enc = maker.enc.interventie
        return (
            self.id,
            maker.gid,
            self.casus_id,
            self.soort[0],
            self.doel_id,
            enc(self.omschrijving),
            str(self.organisatie.pk),
            self.owner.pk if self.owner is not None else None,
            self.deadline,
            self.status,
            enc(self.resultaat),
            enc(self.impact),
            enc(self.opvang),
            None,
            self.moment,
            self.bijgewerkt,
            self.afgerond,
        )


class PlanState:
    """The plan as ``casussen.services.plan_snapshot`` records it in every version."""

    def __init__(self, aanpak: str):
        self.aanpak = aanpak
        self.analyses: list[dict] = []
        self.doelen: list[dict] = []
        self.interventies: list[Action] = []

    def snapshot(self) -> dict:
        interventies = sorted(self.interventies, key=lambda action: (action.deadline, action.moment, action.id))
        return {
            "aanpak": self.aanpak,
            "analyses": [dict(item) for item in self.analyses],
            "doelen": [dict(item) for item in self.doelen],
            "afspraken": [],
            "interventies": [action.snapshot() for action in interventies],
        }
