"""Reads of imports. An import shows counts and a result per row (references, signal numbers, person ids): its
importer sees it, a partner system every import of its organisation, a functioneel beheerder every import of the
gemeente. Nothing of another gemeente."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from regiekamer.accounts import permissions
from regiekamer.accounts.roles import Rol
from regiekamer.audit import services as audit
from regiekamer.core.ids import parse_uuid
from regiekamer.importen.models import Import


def importen(principal):
    if not permissions.has_capability(principal, permissions.IMPORT_SIGNALS):
        return Import.objects.none()
    queryset = Import.objects.filter(gemeente=principal.gemeente).select_related("organisatie")
    if getattr(principal, "is_partner_system", False):
        return queryset.filter(organisatie=principal.organisatie)
    if Rol.FUNCTIONEEL_BEHEERDER in principal.rollen:
        return queryset
    return queryset.filter(aangemaakt_door=principal)


def get_import(principal, pk) -> Import:
    if not permissions.has_capability(principal, permissions.IMPORT_SIGNALS):
        raise Http404
    return get_object_or_404(importen(principal), pk=parse_uuid(pk))


def resultaat(principal, pk) -> Import:
    """An import whose result file is read: logged with its id (the file names the signals and persons)."""
    import_obj = get_import(principal, pk)
    audit.log(principal, "lezen", "import.resultaat", "import", [import_obj])
    return import_obj


def terugkoppelingen(principal):
    """The creditor's arrears lines with what it may know of them: the reference, when, the reporter's status of
    the signal and the gemeente's outcome. Same scope as the imports."""
    from regiekamer.importen.models import Achterstand

    if not permissions.has_capability(principal, permissions.IMPORT_SIGNALS):
        return Achterstand.objects.none()
    queryset = Achterstand.objects.filter(gemeente=principal.gemeente).select_related(
        "bronreferentie", "signaal__gemeente__protocol", "organisatie"
    )
    if getattr(principal, "is_partner_system", False):
        return queryset.filter(organisatie=principal.organisatie)
    if Rol.FUNCTIONEEL_BEHEERDER in principal.rollen:
        return queryset
    return queryset.filter(bronreferentie__import_obj__aangemaakt_door=principal)
