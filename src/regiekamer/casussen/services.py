from django.db.models import Count

from regiekamer.casussen.models import Casus


def open_casus_from_signaal(signaal, aanpak: str, regisseur) -> Casus:
    """Open a case for a signal handed over at the end of step 4."""
    year = signaal.ontvangen_op.year
    count = Casus.objects.filter(gemeente=signaal.gemeente, nummer__startswith=f"C{year}-").aggregate(n=Count("id"))[
        "n"
    ]
    casus = Casus.objects.create(
        gemeente=signaal.gemeente,
        nummer=f"C{year}-{count + 1:04d}",
        titel=f"{signaal.nummer}: {', '.join(f.naam for f in signaal.fenomenen.all())}"[:200],
        aanpak=aanpak,
        regisseur=regisseur,
    )
    casus.signalen.add(signaal)
    return casus
