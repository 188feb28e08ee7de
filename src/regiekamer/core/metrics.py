"""Prometheus metrics at ``/metrics``: request latency and errors per view (django-prometheus) and, read at scrape
time, the figures an operator alerts on: overdue signals per gemeente, the import queue and the progress of running
imports. No personal data: gemeente codes and counts only. Only addresses in ``METRICS_ALLOWED_IPS`` may read it."""

import ipaddress
import os

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django_prometheus import exports
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import REGISTRY, GaugeMetricFamily


class RegiekamerCollector:
    def describe(self):
        """The metric names without values: registering asks for them, and must not query the database."""
        yield GaugeMetricFamily("regiekamer_signalen_te_laat", "", labels=["gemeente"])
        yield GaugeMetricFamily("regiekamer_importen", "", labels=["status"])
        yield GaugeMetricFamily("regiekamer_import_voortgang", "", labels=["import"])

    def collect(self):
        from django.db.models import Count

        from regiekamer.importen.models import Import
        from regiekamer.signalen.models import Signaal
        from regiekamer.signalen.selectors import OPEN_STATUSES

        te_laat = GaugeMetricFamily(
            "regiekamer_signalen_te_laat", "Open signals past the term of their current step", labels=["gemeente"]
        )
        rijen = (
            Signaal.objects.filter(status__in=OPEN_STATUSES, termijn__lt=timezone.localdate())
            .values("gemeente__cbs_code")
            .annotate(aantal=Count("pk"))
        )
        for rij in rijen:
            te_laat.add_metric([rij["gemeente__cbs_code"]], rij["aantal"])
        yield te_laat

        wachtrij = GaugeMetricFamily("regiekamer_importen", "Imports by status", labels=["status"])
        tellingen = dict(Import.objects.values_list("status").annotate(aantal=Count("pk")))
        for status in (Import.Status.WACHTRIJ, Import.Status.BEZIG):
            wachtrij.add_metric([status], tellingen.get(status, 0))
        yield wachtrij

        voortgang = GaugeMetricFamily(
            "regiekamer_import_voortgang", "Rows handled of the running imports (fraction)", labels=["import"]
        )
        for pk, verwerkt, totaal in Import.objects.filter(status=Import.Status.BEZIG).values_list(
            "pk", "verwerkt", "totaal"
        ):
            voortgang.add_metric([str(pk)], verwerkt / totaal if totaal else 0.0)
        yield voortgang


_registered = []


def register() -> None:
    """Once per process (``core.apps``)."""
    if not _registered:
        REGISTRY.register(RegiekamerCollector())
        _registered.append(True)


def metrics(request):
    if "HTTP_X_FORWARDED_FOR" in request.META:
        # Came through the web proxy, whose own address (localhost) would otherwise pass: never from outside.
        return HttpResponseForbidden("")
    address = request.META.get("REMOTE_ADDR", "")
    allowed = [ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_IPS]
    try:
        if not any(ipaddress.ip_address(address) in net for net in allowed):
            return HttpResponseForbidden("")
    except ValueError:
        return HttpResponseForbidden("")
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return exports.ExportToDjangoView(request)
    # Under gunicorn: the request metrics of every worker, added up from their files, and the domain figures.
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    registry.register(RegiekamerCollector())
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
