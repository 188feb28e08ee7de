"""Encrypting the generated values with the encrypted fields' own function (``EncryptedMixin.get_db_prep_save``,
which calls ``core.crypto.encrypt``): the same Fernet token format as every write through the ORM, one token with its
own random IV per value, so equal texts never have equal ciphertexts.

Fernet costs about 15 µs a value here and a million signals need some eight million values, the largest single
cost of the load. So on PostgreSQL the values are encrypted in worker processes while the next batch is generated:
the generator records ``(field, value)`` and puts the job's index in the row; the writer puts the ciphertext in its
place before the row is copied. Elsewhere (SQLite, small test loads) the values are encrypted in place.
"""

import multiprocessing

from django.apps import apps

# The encrypted fields the loader fills, by a short name. Text fields of one kind encrypt alike; each is named after
# the field it is used for.
FIELDS = {
    "text": ("signalen.Signaal", "omschrijving"),
    "bsn": ("subjects.Persoon", "bsn"),
    "toelichting": ("protocol.Weging", "toelichting"),
    "inhoud": ("bronnen.Bronraadpleging", "inhoud"),
    "motivering": ("bronnen.Bronraadpleging", "motivering"),
    "casus_text": ("casussen.Casus", "evaluatie"),
    "analyse": ("casussen.Analyse", "tekst"),
    "doel": ("casussen.Doel", "omschrijving"),
    "interventie": ("casussen.Interventie", "resultaat"),
    "plan_wijziging": ("casussen.PlanVersie", "wijziging"),
    "plan_inhoud": ("casussen.PlanVersie", "inhoud"),
    "delen": ("delen.DelingsBesluit", "omschrijving"),
    "besluit": ("doelbinding.Verenigbaarheidsbesluit", "toelichting"),
}


def _preparers() -> dict:
    return {
        name: apps.get_model(label)._meta.get_field(field).get_db_prep_save for name, (label, field) in FIELDS.items()
    }


class Encryptors:
    """Encrypts in place: ``enc.text(value)`` is the ciphertext."""

    deferred = False

    def __init__(self):
        for name, prepare in _preparers().items():
            setattr(self, name, _immediate(prepare))

    def take(self) -> list:
        return []


def _immediate(prepare):
    return lambda value: prepare(value, None)


class DeferredEncryptors:
    """Records what to encrypt: ``enc.text(value)`` is the index of the job, replaced by its ciphertext later."""

    deferred = True

    def __init__(self):
        self.jobs: list[tuple[str, object]] = []
        for name in FIELDS:
            setattr(self, name, self._defer(name))

    def _defer(self, name: str):
        def defer(value) -> int:
            jobs = self.jobs
            jobs.append((name, value))
            return len(jobs) - 1

        return defer

    def take(self) -> list[tuple[str, object]]:
        jobs, self.jobs = self.jobs, []
        return jobs


# --- The worker process -------------------------------------------------------------------------------------------

_WORKER_PREPARERS: dict = {}


def _start_worker(keys) -> None:
    """A fresh interpreter (spawned, so it shares no connection or lock with the loader): set up Django and use
    exactly the keys of the process that started it."""
    import django

    django.setup()
    from django.conf import settings

    settings.ENCRYPTION_KEYS = keys
    _WORKER_PREPARERS.update(_preparers())


def encrypt_jobs(jobs: list[tuple[str, object]]) -> list[str]:
    prepare = _WORKER_PREPARERS
    return [prepare[name](value, None) for name, value in jobs]


class EncryptionWorker:
    """Worker processes that encrypt a batch's values in parallel slices; ``submit`` returns an object whose
    ``get()`` gives the ciphertexts in job order."""

    def __init__(self, processes: int = 2):
        from django.conf import settings

        context = multiprocessing.get_context("spawn")
        self.processes = processes
        self.pool = context.Pool(processes, initializer=_start_worker, initargs=(settings.ENCRYPTION_KEYS,))

    def submit(self, jobs):
        size = -(-len(jobs) // self.processes) or 1
        return _Slices([self.pool.apply_async(encrypt_jobs, (jobs[start : start + size],)) for start in
                        range(0, len(jobs), size)])  # fmt: skip

    def close(self) -> None:
        self.pool.close()
        self.pool.join()


class _Slices:
    def __init__(self, results):
        self.results = results

    def get(self) -> list[str]:
        ciphers = []
        for result in self.results:
            ciphers += result.get()
        return ciphers
