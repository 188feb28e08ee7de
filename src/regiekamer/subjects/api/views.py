from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics

from regiekamer.accounts import permissions
from regiekamer.audit import services as audit
from regiekamer.core.api import capability, problem
from regiekamer.core.ids import parse_uuid
from regiekamer.subjects.api.serializers import (
    AdresDetailSerializer,
    PersoonDetailSerializer,
    RechtspersoonDetailSerializer,
)
from regiekamer.subjects.models import Adres, Persoon, Rechtspersoon


class _SubjectDetail(generics.RetrieveAPIView):
    permission_classes = [capability(permissions.VIEW_SUBJECTS)]
    model = None

    def get_object(self):
        queryset = self.model.objects.filter(gemeente=self.request.user.gemeente).prefetch_related("signalen")
        subject = get_object_or_404(queryset, pk=parse_uuid(self.kwargs["pk"]))
        soort = self.model._meta.model_name
        audit.log(self.request.user, "lezen", f"api.{soort}.detail", soort, [subject])
        return subject


@extend_schema(responses={200: PersoonDetailSerializer, 404: problem("Niet gevonden")})
class PersoonDetailView(_SubjectDetail):
    model = Persoon
    serializer_class = PersoonDetailSerializer


@extend_schema(responses={200: AdresDetailSerializer, 404: problem("Niet gevonden")})
class AdresDetailView(_SubjectDetail):
    model = Adres
    serializer_class = AdresDetailSerializer


@extend_schema(responses={200: RechtspersoonDetailSerializer, 404: problem("Niet gevonden")})
class RechtspersoonDetailView(_SubjectDetail):
    model = Rechtspersoon
    serializer_class = RechtspersoonDetailSerializer
