"""A figure as JSON, CSV or XLSX: the same rows and values in each (the values the dashboards show).

CSV: UTF-8, comma separated, a header row with the column names. XLSX (openpyxl): the sheet "Cijfers" with the
column titles, and the sheet "Toelichting" with the figure's title, description, period, filters and the column
names. A suppressed number is the text "< 5" everywhere; a statistic left out is empty (``null`` in JSON). Text is
written as text, never as a formula.
"""

import csv
import io

from django.utils.translation import gettext as _

from regiekamer.inzicht.selectors import Figuur

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# Spreadsheet programs run a cell that starts with one of these as a formula ("CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def als_json(figuur: Figuur) -> dict:
    return {
        "figuur": figuur.naam,
        "titel": figuur.titel,
        "omschrijving": figuur.omschrijving,
        "periode": (
            {"van": figuur.filters.van.isoformat(), "tot": figuur.filters.tot.isoformat()} if figuur.periode else None
        ),
        "peildatum": figuur.peildatum.isoformat(),
        "filters": figuur.filters.beschrijving(),
        "kleine_aantallen_onderdrukt": figuur.onderdrukt,
        "kolommen": [{"naam": k.naam, "titel": str(k.titel), "soort": k.soort} for k in figuur.kolommen],
        "rijen": [{k.naam: rij[k.naam] for k in figuur.kolommen} for rij in figuur.rijen],
    }


def _text(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def als_csv(figuur: Figuur) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([kolom.naam for kolom in figuur.kolommen])
    for rij in figuur.rijen:
        writer.writerow(
            [rij[k.naam] if isinstance(rij[k.naam], int | float) else _text(rij[k.naam]) for k in figuur.kolommen]
        )
    return buffer.getvalue().encode("utf-8")


def _put(sheet, row: int, column: int, value) -> None:
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # text stays text: openpyxl would take "=..." for a formula


def als_xlsx(figuur: Figuur) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Cijfers")
    for column, kolom in enumerate(figuur.kolommen, start=1):
        _put(sheet, 1, column, str(kolom.titel))
    for row, rij in enumerate(figuur.rijen, start=2):
        for column, kolom in enumerate(figuur.kolommen, start=1):
            _put(sheet, row, column, rij[kolom.naam])
    toelichting = workbook.create_sheet(_("Toelichting"))
    data = als_json(figuur)
    lines = [
        (_("Cijfer"), figuur.titel),
        (_("Omschrijving"), figuur.omschrijving),
        (_("Periode"), f"{data['periode']['van']} – {data['periode']['tot']}" if data["periode"] else _("n.v.t.")),
        (_("Peildatum"), data["peildatum"]),
    ]
    lines += [(_("Filter %(naam)s") % {"naam": naam}, value or _("alle")) for naam, value in data["filters"].items()]
    if figuur.onderdrukt:
        lines.append((_("Kleine aantallen"), _("Aantallen van 1 tot en met 4 staan als '< 5'.")))
    lines.append(("", ""))
    lines += [(str(kolom.titel), kolom.naam) for kolom in figuur.kolommen]
    for row, (label, value) in enumerate(lines, start=1):
        _put(toelichting, row, 1, label)
        _put(toelichting, row, 2, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bestandsnaam(figuur: Figuur, formaat: str) -> str:
    """An ASCII file name from the figure's slug and period (nothing from user input)."""
    periode = (
        f"{figuur.filters.van:%Y-%m}_{figuur.filters.tot:%Y-%m}" if figuur.periode else f"{figuur.peildatum:%Y-%m-%d}"
    )
    return f"regiekamer-{figuur.naam}-{periode}.{formaat}"
