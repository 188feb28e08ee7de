#!/usr/bin/env python3
"""Quality benchmark of entity resolution: Regiekamer's person matching against Splink on the same synthetic data.

One synthetic Dutch population (households with parents, children, siblings and twins at one address; some people
moved) is seen through several partner registrations, each with its own habits: initials, call names, typos, the
tussenvoegsel in the surname or abbreviated, day and month swapped, a missing BSN or birth date, a previous address,
dropped diacritics. Every record knows the person it is about (the truth).

- **Regiekamer** links the records one at a time, in the order they arrive, exactly as intake does:
  ``regiekamer.identiteit.matching`` (blocking keys, comparison, decision with the default thresholds); the candidate
  lookup of ``subjects.services.kandidaten`` is done here with in-memory indexes on the same keys.
- **Splink** (DuckDB backend) is trained on the same records (u by random sampling, m by EM on two blocking rules),
  predicts on the same blocking keys and clusters at match probability 0.99; pairs between 0.5 and 0.99 that were
  not linked count as "sent to review" (the later record of each pair).

Measured: pairwise precision, recall and F1 of the automatic links (within the clusters), the share of records sent
to review, wall time and peak memory (each engine runs in its own process). Splink is not a project dependency:
install it in its own environment and name its Python, e.g.

    python3 -m venv /tmp/splinkenv && /tmp/splinkenv/bin/pip install splink
    .venv/bin/python scripts/benchmark_identiteit.py --records 40000 --splink-python /tmp/splinkenv/bin/python

Prints a Markdown table (and ``--json FILE`` writes the figures).
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# --- The synthetic population ----------------------------------------------------------------------------------

MANNEN = [
    "Johannes",
    "Cornelis",
    "Hendrik",
    "Jacobus",
    "Petrus",
    "Wilhelmus",
    "Gerardus",
    "Theodorus",
    "Antonius",
    "Adrianus",
    "Nicolaas",
    "Abraham",
    "Albertus",
    "Franciscus",
    "Josephus",
    "Christiaan",
    "Alexander",
    "Robertus",
    "Richardus",
    "Dirk",
    "Arnoldus",
    "Bernardus",
    "Leonardus",
    "Maarten",
    "Daan",
    "Sem",
    "Lucas",
    "Levi",
    "Finn",
    "Milan",
    "Bram",
    "Thijs",
    "Jesse",
    "Ruben",
    "Noah",
    "Luuk",
    "Lars",
    "Stijn",
    "Tim",
    "Thomas",
    "Sven",
    "Jayden",
    "Kevin",
    "Dylan",
    "Mohammed",
    "Ahmed",
    "Youssef",
    "Mehmet",
    "Emre",
    "Bilal",
    "Ayoub",
    "Daniël",
    "Joël",
    "Michaël",
    "Raphaël",
    "Noël",
    "Mark",
    "Dennis",
    "Sander",
    "Joost",
    "Niels",
    "Rick",
    "Jeroen",
    "Erik",
    "Pieter",
    "Willem",
    "Jan",
    "Kees",
    "Henk",
    "Piet",
    "Gerrit",
    "Klaas",
    "Anton",
    "Frank",
    "Marco",
    "Patrick",
    "Vincent",
    "Wouter",
]
VROUWEN = [
    "Johanna",
    "Cornelia",
    "Catharina",
    "Maria",
    "Hendrika",
    "Jacoba",
    "Petronella",
    "Wilhelmina",
    "Elisabeth",
    "Geertruida",
    "Margaretha",
    "Helena",
    "Susanna",
    "Anna",
    "Aleida",
    "Christina",
    "Emma",
    "Julia",
    "Sophie",
    "Tess",
    "Zoë",
    "Sara",
    "Anna",
    "Eva",
    "Lotte",
    "Lisa",
    "Noa",
    "Fleur",
    "Sanne",
    "Iris",
    "Femke",
    "Lieke",
    "Isa",
    "Fenna",
    "Nina",
    "Mila",
    "Yara",
    "Chloë",
    "Anaïs",
    "Inès",
    "Loïs",
    "Mariëlle",
    "Fatima",
    "Amira",
    "Yasmina",
    "Aïcha",
    "Meryem",
    "Elif",
    "Zeynep",
    "Kitty",
    "Linda",
    "Sandra",
    "Monique",
    "Esther",
    "Marloes",
    "Anouk",
    "Kim",
    "Laura",
    "Eline",
    "Manon",
    "Naomi",
    "Romy",
    "Demi",
    "Bo",
    "Jasmijn",
    "Sophia",
]
ACHTERNAMEN = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Bruin",
    "van der Heijden",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "van de Ven",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "van Dam",
    "van der Wal",
    "Prins",
    "Blom",
    "Huisman",
    "Peeters",
    "de Jonge",
    "Kuipers",
    "van Veen",
    "Post",
    "Kuiper",
    "Veenstra",
    "Kramer",
    "van den Brink",
    "Scholten",
    "van Wijk",
    "Postma",
    "Martens",
    "Vink",
    "de Ruiter",
    "Timmermans",
    "Groen",
    "Gerritsen",
    "Jonker",
    "van Loon",
    "Boer",
    "van der Velde",
    "Willemsen",
    "Smeets",
    "de Lange",
    "de Vos",
    "Bosch",
    "van Dongen",
    "Schipper",
    "de Koning",
    "van der Laan",
    "Koning",
    "van der Velden",
    "Driessen",
    "van Doorn",
    "Hermans",
    "Evers",
    "van den Bosch",
    "van der Meulen",
    "Hofman",
    "Bosman",
    "Wolters",
    "Sanders",
    "van der Horst",
    "Mertens",
    "Yılmaz",
    "Kaya",
    "Öztürk",
    "Çelik",
    "El Amrani",
    "Bouzid",
    "Ait Taleb",
    "Nguyen",
    "Şahin",
    "Doğan",
    "Aydın",
    "Bulut",
    "El Idrissi",
    "Benali",
    "Haddou",
    "Kowalski",
    "Nowak",
    "Wiśniewski",
    "van 't Hof",
    "ter Horst",
    "ten Brink",
    "Verbeek",
    "Lambregts",
    "Hoogendoorn",
    "Zwart",
    "Roos",
    "Hoek",
    "Kroon",
    "Brands",
    "Claassen",
    "Koopman",
]
ROEPNAMEN = {
    "Johannes": ["Jan", "Hans", "Johan"],
    "Cornelis": ["Kees", "Cor"],
    "Catharina": ["Kitty", "Toos", "Ina"],
    "Maria": ["Mieke", "Ria", "Marieke"],
    "Hendrik": ["Henk", "Rik"],
    "Jacobus": ["Koos", "Jaap"],
    "Petrus": ["Piet", "Peter"],
    "Wilhelmus": ["Wim", "Willem"],
    "Gerardus": ["Gerard", "Gert"],
    "Theodorus": ["Theo"],
    "Antonius": ["Anton", "Toon"],
    "Nicolaas": ["Klaas", "Niek"],
    "Elisabeth": ["Lies", "Els", "Liesbeth"],
    "Johanna": ["Joke", "Hanneke"],
    "Cornelia": ["Corrie", "Nel"],
    "Wilhelmina": ["Wilma", "Mien"],
    "Alexander": ["Sander", "Alex"],
    "Margaretha": ["Greet", "Margriet"],
    "Abraham": ["Bram"],
    "Franciscus": ["Frans"],
}
TRADITIONEEL = set(ROEPNAMEN)


def elfproef_bsn(rng) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        if digits[0] == 0:
            continue
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def postcode(rng) -> str:
    # Valid Dutch postcodes: no SA, SD or SS.
    return f"{rng.randint(1000, 9999)}{rng.choice('ABCDEFGHJKLMNPRTVWXZ')}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}"


def adres(rng) -> str:
    return f"{postcode(rng)}{rng.randint(1, 250)}"


def birth(rng, lo: int, hi: int) -> dt.date:
    return dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))


def make_person(rng, pid, achternaam, man, geboren, woonadres, vorig=""):
    names = MANNEN if man else VROUWEN
    given = [rng.choice(names)]
    if geboren.year < 1975 and rng.random() < 0.5:
        given[0] = rng.choice([n for n in names if n in TRADITIONEEL] or names)
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        given.append(rng.choice(names))
    roepnaam = given[0]
    if given[0] in ROEPNAMEN and rng.random() < 0.6:
        roepnaam = rng.choice(ROEPNAMEN[given[0]])
    return {
        "pid": pid,
        "voornamen": given,
        "roepnaam": roepnaam,
        "achternaam": achternaam,
        "geboren": geboren,
        "bsn": elfproef_bsn(rng),
        "adres": woonadres,
        "vorig": vorig,
    }


STAMMEN = [
    "Berg",
    "Dijk",
    "Hoek",
    "Veld",
    "Hof",
    "Brink",
    "Kamp",
    "Horst",
    "Laar",
    "Meer",
    "Beek",
    "Broek",
    "Bosch",
    "Hout",
    "Wijk",
    "Dam",
    "Huis",
    "Hoven",
    "Weg",
    "Lande",
    "Zand",
    "Kerk",
    "Molen",
    "Steen",
    "Haven",
    "Voort",
    "Heuvel",
    "Rade",
    "Loo",
    "Water",
    "Gaard",
    "Schot",
    "Riet",
    "Mors",
    "Kolk",
    "Bol",
    "Elzen",
    "Linde",
    "Wilg",
    "Eik",
    "Hazel",
]
ACHTERVOEGSELS = (
    "man",
    "mans",
    "stra",
    "sma",
    "inga",
    "ema",
    "huis",
    "veld",
    "ink",
    "ing",
    "er",
    "ers",
    "en",
    "el",
    "s",
    "",
)
VOORVOEGSELS = ("", "", "", "Hooge", "Lange", "Groote", "Kleine", "Nieuwen", "Olde", "Oost", "West", "Zuid", "Noord")


def surnames(rng) -> tuple[list[str], list[float]]:
    """About 4,000 surnames with a long tail: the real common ones (the most common holds about 0.6% of the people,
    as "de Jong" does in the Netherlands) and generated Dutch-looking ones."""
    generated = set()
    while len(generated) < 4000:
        stam = rng.choice(STAMMEN).lower()
        naam = (rng.choice(VOORVOEGSELS) + stam + rng.choice(ACHTERVOEGSELS)).capitalize()
        if rng.random() < 0.2:
            naam = rng.choice(("van ", "van de ", "van der ", "van den ", "ter ", "ten ", "de ")) + naam
        generated.add(naam)
    names = list(ACHTERNAMEN) + sorted(generated)
    weights = [0.006 / (rank + 1) ** 0.35 for rank in range(len(ACHTERNAMEN))]
    rest = (1 - sum(weights)) / len(generated)
    return names, weights + [rest] * len(generated)


def population(rng, n_persons: int) -> list[dict]:
    """Households at one address: singles, couples, families with children (siblings, sometimes twins, sometimes a
    son with his father's first name). About 15% moved, keeping a previous address."""
    namen, weights = surnames(rng)
    persons: list[dict] = []
    while len(persons) < n_persons:
        woonadres = adres(rng)
        vorig = adres(rng) if rng.random() < 0.15 else ""
        achternaam = rng.choices(namen, weights)[0]
        soort = rng.random()
        if soort < 0.35:
            persons.append(
                make_person(rng, len(persons), achternaam, rng.random() < 0.5, birth(rng, 1940, 2005), woonadres, vorig)
            )
            continue
        vader = make_person(rng, len(persons), achternaam, True, birth(rng, 1950, 1990), woonadres, vorig)
        persons.append(vader)
        partner = rng.choices(namen, weights)[0] if rng.random() < 0.7 else achternaam
        persons.append(make_person(rng, len(persons), partner, False, birth(rng, 1950, 1990), woonadres, vorig))
        if soort < 0.55:
            continue
        kinderen = rng.choice((1, 2, 2, 3, 3, 4))
        laatst = None
        for index in range(kinderen):
            twin = laatst is not None and rng.random() < 0.08
            geboren = laatst if twin else birth(rng, vader["geboren"].year + 20, min(2024, vader["geboren"].year + 45))
            kind = make_person(rng, len(persons), achternaam, rng.random() < 0.5, geboren, woonadres)
            if index == 0 and kind["voornamen"][0] in MANNEN and rng.random() < 0.05:
                kind["voornamen"] = list(vader["voornamen"])  # junior
                kind["roepnaam"] = vader["roepnaam"]
            persons.append(kind)
            laatst = geboren
    return persons[:n_persons]


# Each partner registers people its own way. p_*: probabilities.
BRONNEN = {
    "politie": {
        "bsn": 0.85,
        "roepnaam": 0.1,
        "initialen": 0.05,
        "alle": 0.6,
        "tv_los": 0.8,
        "tv_kort": 0.0,
        "gebdatum": 0.97,
        "swap": 0.01,
        "typo": 0.02,
        "vorig": 0.1,
        "geen_adres": 0.05,
        "ascii": 0.0,
        "dob_typo": 0.005,
    },
    "corporatie": {
        "bsn": 0.05,
        "roepnaam": 0.5,
        "initialen": 0.25,
        "alle": 0.0,
        "tv_los": 0.3,
        "tv_kort": 0.25,
        "gebdatum": 0.9,
        "swap": 0.02,
        "typo": 0.04,
        "vorig": 0.2,
        "geen_adres": 0.0,
        "ascii": 0.3,
        "dob_typo": 0.01,
    },
    "energie": {
        "bsn": 0.0,
        "roepnaam": 0.2,
        "initialen": 0.35,
        "alle": 0.0,
        "tv_los": 0.0,
        "tv_kort": 0.3,
        "gebdatum": 0.75,
        "swap": 0.03,
        "typo": 0.03,
        "vorig": 0.15,
        "geen_adres": 0.0,
        "ascii": 1.0,
        "dob_typo": 0.01,
    },
    "zorgverzekeraar": {
        "bsn": 0.95,
        "roepnaam": 0.0,
        "initialen": 0.1,
        "alle": 0.9,
        "tv_los": 1.0,
        "tv_kort": 0.0,
        "gebdatum": 1.0,
        "swap": 0.04,
        "typo": 0.01,
        "vorig": 0.05,
        "geen_adres": 0.0,
        "ascii": 0.5,
        "dob_typo": 0.005,
    },
    "wijkteam": {
        "bsn": 0.25,
        "roepnaam": 0.8,
        "initialen": 0.0,
        "alle": 0.0,
        "tv_los": 0.5,
        "tv_kort": 0.1,
        "gebdatum": 0.75,
        "swap": 0.02,
        "typo": 0.05,
        "vorig": 0.1,
        "geen_adres": 0.25,
        "ascii": 0.1,
        "dob_typo": 0.01,
    },
}


def typo(rng, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randint(1, len(text) - 1)
    op = rng.random()
    letters = "abcdefghijklmnopqrstuvwxyz"
    if op < 0.3:
        return text[:i] + rng.choice(letters) + text[i + 1 :]
    if op < 0.55:
        return text[:i] + text[i + 1 :]
    if op < 0.8 and i < len(text) - 1:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice(letters) + text[i:]


def ascii_only(text: str) -> str:
    text = text.replace("ı", "i").replace("ş", "s").replace("ğ", "g")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def observe(rng, person: dict, bron: str) -> dict:
    h = BRONNEN[bron]
    if rng.random() < h["roepnaam"]:
        voornamen = person["roepnaam"]
    elif rng.random() < h["alle"]:
        voornamen = " ".join(person["voornamen"])
    else:
        voornamen = person["voornamen"][0]
    if rng.random() < h["initialen"]:
        names = person["voornamen"] if rng.random() < 0.5 else person["voornamen"][:1]
        voornamen = "".join(n[0] + "." for n in names)
    words = person["achternaam"].split()
    tussen = [w for w in words if w[0].islower()]
    kern = " ".join(w for w in words if not w[0].islower())
    tv = " ".join(tussen)
    if tv and rng.random() < h["tv_kort"]:
        tv = {"van der": "v.d.", "van den": "v.d.", "van de": "vd", "van": "v."}.get(tv, tv)
    achternaam, tussenvoegsel = kern, tv
    if tv and rng.random() >= h["tv_los"]:
        achternaam, tussenvoegsel = f"{tv} {kern}", ""
    if rng.random() < h["typo"]:
        if rng.random() < 0.5 and len(voornamen) > 3 and "." not in voornamen:
            voornamen = typo(rng, voornamen)
        else:
            achternaam = typo(rng, achternaam)
    if rng.random() < h["ascii"]:
        voornamen, achternaam, tussenvoegsel = ascii_only(voornamen), ascii_only(achternaam), ascii_only(tussenvoegsel)
    geboren = person["geboren"] if rng.random() < h["gebdatum"] else None
    if geboren and geboren.day <= 12 and rng.random() < h["swap"]:
        geboren = dt.date(geboren.year, geboren.day, geboren.month)
    if geboren and rng.random() < h["dob_typo"]:
        geboren = geboren.replace(year=geboren.year + rng.choice((-1, 1)))
    woonadres = person["adres"]
    if person["vorig"] and rng.random() < h["vorig"] * 3:
        woonadres = person["vorig"]
    if rng.random() < h["geen_adres"]:
        woonadres = ""
    return {
        "pid": person["pid"],
        "bron": bron,
        "voornamen": voornamen,
        "tussenvoegsel": tussenvoegsel,
        "achternaam": achternaam,
        "geboortedatum": geboren.isoformat() if geboren else "",
        "bsn": person["bsn"] if rng.random() < h["bsn"] else "",
        "adres": woonadres,
    }


def generate(n_records: int, seed: int) -> list[dict]:
    """About 2.5 records per person; records in arrival order (shuffled over persons and partners)."""
    rng = random.Random(seed)
    persons = population(rng, int(n_records / 2.5))
    records = []
    bronnen = list(BRONNEN)
    while len(records) < n_records:
        person = rng.choice(persons)
        records.append(observe(rng, person, rng.choice(bronnen)))
    for index, record in enumerate(records):
        record["rid"] = index
    return records


# --- Metrics ---------------------------------------------------------------------------------------------------


def pairwise(pids: list[int], clusters: list[int]) -> dict:
    """Pairwise precision, recall and F1 of the predicted clusters against the true persons."""

    def pairs(counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    tp = pairs(Counter(zip(clusters, pids, strict=True)))
    predicted, true = pairs(Counter(clusters)), pairs(Counter(pids))
    precision = tp / predicted if predicted else 1.0
    recall = tp / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": true, "predicted_pairs": predicted}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- Regiekamer -------------------------------------------------------------------------------------------------


def run_ours(records: list[dict], ruim: bool = False) -> dict:
    """``ruim``: a variant that also links initials at the same address without a birth date (not the rule)."""
    sys.path.insert(0, os.path.join(ROOT, "src"))
    from regiekamer.identiteit import matching

    if ruim:
        strict = matching.veto

        def veto(v, record):
            reden = strict(v, record)
            if reden == "geen-geboortedatum" and v.niveau("voornamen") == "initialen" and v.niveau("adres") == "gelijk":
                return "" if v.niveau("achternaam") in matching.STERKE_ACHTERNAAM else reden
            return reden

        matching.veto = veto

    started = time.perf_counter()
    drempels = matching.Drempels()
    # The in-memory register of known persons that koppel_personen (bulk intake) uses, on the same blocking keys.
    register = matching.Register()
    clusters, uitkomsten = [], Counter()
    review = 0
    for record in records:
        geboren = dt.date.fromisoformat(record["geboortedatum"]) if record["geboortedatum"] else None
        kenmerken = matching.Kenmerken.van(
            record["voornamen"], record["tussenvoegsel"], record["achternaam"], geboren, record["bsn"], record["adres"]
        )
        besluit = matching.beslis(kenmerken, register.kandidaten(kenmerken), drempels)
        uitkomsten[besluit.uitkomst] += 1
        if besluit.uitkomst in (matching.BSN, matching.AUTOMATISCH):
            kandidaat = register.personen[besluit.beste.kandidaat.ident]
            register.voeg_toe(matching.aangevuld(kandidaat, kenmerken))
            clusters.append(kandidaat.ident)
            continue
        if besluit.uitkomst == matching.TER_BEOORDELING:
            review += 1
        ident = len(register.personen)
        register.voeg_toe(
            matching.Kenmerken(
                kenmerken.achternaam,
                kenmerken.voornamen,
                kenmerken.initialen,
                geboren,
                kenmerken.bsn_index,
                kenmerken.adres,
                "",
                ident,
            )
        )
        clusters.append(ident)
    seconds = time.perf_counter() - started
    result = pairwise([r["pid"] for r in records], clusters)
    result.update(
        review_share=review / len(records),
        seconds=seconds,
        peak_mb=peak_mb(),
        outcomes=dict(uitkomsten),
        persons=len(register.personen),
    )
    return result


# --- Splink -----------------------------------------------------------------------------------------------------


def splink_rows(records: list[dict]) -> list[dict]:
    """The same cleaning Regiekamer does (folded names, the surname without tussenvoegsel), as Splink's input."""
    sys.path.insert(0, os.path.join(ROOT, "src"))
    rows = []
    for r in records:
        given, initialen = voornamen_delen(r["voornamen"])
        rows.append(
            {
                "unique_id": r["rid"],
                "pid": r["pid"],
                "first_name": given[0] if given else (initialen[:1] or None),
                "first_initial": initialen[:1] or None,
                "surname": achternaam_sleutel(r["tussenvoegsel"], r["achternaam"]) or None,
                "dob": r["geboortedatum"] or None,
                "bsn": r["bsn"] or None,
                "adres": r["adres"] or None,
            }
        )
    return rows


def run_splink(path: str, threads: int) -> dict:
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    started = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    con.execute(f"CREATE TABLE recs AS SELECT * FROM read_json_auto('{path}')")  # noqa: S608 (our own temp file)
    db_api = DuckDBAPI(connection=con)
    df = db_api.register("recs")
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.ExactMatch("bsn"),
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=False),
            cl.ExactMatch("adres"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("bsn"),
            block_on("surname", "first_initial"),
            block_on("dob"),
            block_on("adres"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(df, settings, log_level=40)
    linker.training.estimate_probability_two_random_records_match([block_on("bsn")], recall=0.6)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname", "first_initial"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    pid_rows = con.execute("SELECT unique_id, pid FROM recs ORDER BY unique_id").fetchall()
    seconds = time.perf_counter() - started
    result: dict = {}
    # The usual threshold (0.99) first: its time is Splink's time. Stricter ones for comparison.
    for threshold in SPLINK_THRESHOLDS:
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold
        )
        cluster_of = dict(
            con.execute(f"SELECT unique_id, cluster_id FROM {clusters.physical_name}").fetchall()  # noqa: S608
        )
        pair_rows = con.execute(
            "SELECT unique_id_l, unique_id_r FROM "  # noqa: S608 - a table name Splink made
            f"{predictions.physical_name} WHERE match_probability < {threshold}"
        ).fetchall()
        review = {max(left, right) for left, right in pair_rows if cluster_of.get(left) != cluster_of.get(right)}
        figures = pairwise([pid for _u, pid in pid_rows], [cluster_of[u] for u, _pid in pid_rows])
        figures.update(review_share=len(review) / len(pid_rows))
        if not result:
            seconds = time.perf_counter() - started
            result = {**figures, "seconds": seconds, "peak_mb": peak_mb(), "threshold": threshold, "other": {}}
        else:
            result["other"][str(threshold)] = figures
    return result


# --- Intake in the database ----------------------------------------------------------------------------------


def run_intake(records: list[dict], chunk: int) -> dict:
    """The real service functions on a fresh database (SQLite in a temporary data folder, or DATABASE_URL):
    ``koppel_persoon`` row by row for the first half of the records, ``koppel_personen`` in chunks of ``chunk``
    for the second half (each on its own gemeente, so each starts empty). Rows per second and queries per row."""
    sys.path.insert(0, os.path.join(ROOT, "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiekamer.conf.settings")
    os.environ.setdefault("REGIEKAMER_DATA_DIR", tempfile.mkdtemp(prefix="identiteit-intake-"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from regiekamer.accounts.services import create_gemeente
    from regiekamer.subjects import services as subjects

    call_command("migrate", verbosity=0)

    def gegevens(record):
        geboren = dt.date.fromisoformat(record["geboortedatum"]) if record["geboortedatum"] else None
        adres = None
        if record["adres"]:
            adres = subjects.AdresGegevens(record["adres"][:6], int(record["adres"][6:]))
        naam = subjects.PersoonGegevens(
            record["voornamen"], record["achternaam"], record["tussenvoegsel"], geboren, record["bsn"]
        )
        return naam, adres

    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    half = len(records) // 2
    result = {}
    gemeente = create_gemeente("Rij voor rij", "GM0991")
    rows = [gegevens(r) for r in records[:half]]
    count[0] = 0
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        for naam, adres in rows:
            with transaction.atomic():
                subjects.koppel_persoon(gemeente, naam, adres, {"kanaal": "import"})
        seconds = time.perf_counter() - started
    result["koppel_persoon"] = {"rows": half, "rows_per_s": half / seconds, "queries_per_row": count[0] / half}
    gemeente = create_gemeente("Per partij", "GM0992")
    rows = [gegevens(r) for r in records[half:]]
    count[0] = 0
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        for start in range(0, len(rows), chunk):
            items = [(naam, adres, {"kanaal": "import"}) for naam, adres in rows[start : start + chunk]]
            with transaction.atomic():
                subjects.koppel_personen(gemeente, items)
        seconds = time.perf_counter() - started
    n = len(rows)
    result["koppel_personen"] = {"rows": n, "rows_per_s": n / seconds, "queries_per_row": count[0] / n}
    result["database"] = connection.vendor
    return result


# --- Driver -----------------------------------------------------------------------------------------------------


def child(engine: str, python: str, path: str, threads: int) -> dict:
    started = time.perf_counter()
    output = subprocess.run(  # noqa: S603 (this script with the interpreter given on its own command line)
        [python, os.path.abspath(__file__), "--engine", engine, "--data", path, "--threads", str(threads)],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(output.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - started
    return result


SPLINK_THRESHOLDS = (0.99, 0.999, 0.9999)
GOALS = {"precision": 0.995, "f1": 0.98, "review_share": 0.03}


def markdown(results: dict, machine: str) -> str:
    lines = [
        f"Machine: {machine}. Date: {dt.date.today().isoformat()}.",
        "",
        "| records | engine | precision | recall | F1 | to review | wall time (s) | peak memory (MB) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n, per_engine in results.items():
        for engine, r in per_engine.items():
            if "error" in r:
                lines.append(f"| {n:,} | {engine} | {r['error']} | | | | | |")
                continue
            label = f"{engine} (p ≥ {r['threshold']})" if "threshold" in r else engine
            lines.append(
                f"| {n:,} | {label} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} | "
                f"{r['review_share'] * 100:.2f}% | {r['seconds']:.1f} | {r['peak_mb']:.0f} |"
            )
            for threshold, other in r.get("other", {}).items():
                lines.append(
                    f"| {n:,} | {engine} (p ≥ {threshold}) | {other['precision']:.4f} | {other['recall']:.4f} | "
                    f"{other['f1']:.4f} | {other['review_share'] * 100:.2f}% | | |"
                )
    lines.append("")
    lines.append(
        f"Goals: precision ≥ {GOALS['precision']}, F1 ≥ {GOALS['f1']}, review ≤ {GOALS['review_share']:.0%}, "
        "and better than Splink on each."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[40000])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--splink-python", default=os.environ.get("SPLINK_PYTHON", ""))
    parser.add_argument("--threads", type=int, default=1, help="DuckDB threads for Splink (ours is one thread)")
    parser.add_argument("--json")
    parser.add_argument("--variant", action="store_true", help="also run the looser variant (not the rule)")
    parser.add_argument("--engine", choices=["ours", "ours-ruim", "splink"], help=argparse.SUPPRESS)
    parser.add_argument(
        "--intake",
        type=int,
        metavar="N",
        help="instead: time the service functions on a fresh database with N records (DATABASE_URL or SQLite)",
    )
    parser.add_argument("--chunk", type=int, default=500, help="batch size for koppel_personen (with --intake)")
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.engine in ("ours", "ours-ruim"):
        with open(args.data) as handle:
            records = [json.loads(line) for line in handle]
        print(json.dumps(run_ours(records, ruim=args.engine == "ours-ruim")))
        return
    if args.engine == "splink":
        print(json.dumps(run_splink(args.data, args.threads)))
        return

    if args.intake:
        print(json.dumps(run_intake(generate(args.intake, args.seed), args.chunk), indent=2))
        return

    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.records:
            records = generate(n, args.seed)
            path = os.path.join(tmp, f"records-{n}.jsonl")
            with open(path, "w") as handle:
                for record in records:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            splink_path = os.path.join(tmp, f"splink-{n}.jsonl")
            with open(splink_path, "w") as handle:
                for row in splink_rows(records):
                    handle.write(json.dumps(row) + "\n")
            results[n] = {"Regiekamer": child("ours", sys.executable, path, args.threads)}
            print(f"{n}: Regiekamer {results[n]['Regiekamer']}", file=sys.stderr)
            if args.variant:
                name = "Regiekamer, initials at the same address suffice without birth date"
                results[n][name] = child("ours-ruim", sys.executable, path, args.threads)
            if args.splink_python:
                try:
                    results[n]["Splink"] = child("splink", args.splink_python, splink_path, args.threads)
                except subprocess.CalledProcessError as error:
                    results[n]["Splink"] = {"error": (error.stderr or "").strip().splitlines()[-1:]}
                print(f"{n}: Splink {results[n]['Splink']}", file=sys.stderr)
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(markdown(results, machine))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(results, handle, indent=2, default=str)


if __name__ == "__main__":
    if "--engine" not in sys.argv or "ours" in sys.argv:
        sys.path.insert(0, os.path.join(ROOT, "src"))
        from regiekamer.identiteit.matching import achternaam_sleutel, voornamen_delen  # noqa: E402
    main()
