"""Orchestration of the bulk load: split the signals over the demo gemeenten, generate them batch by batch, write
each batch (COPY on PostgreSQL), log every created signal, weging, source query and case in the processing log,
and finish with the counters, the case numbers, the foreign keys and fresh statistics; ``rebuild_summaries``
then fills the summaries behind the figures and the area pages."""

import multiprocessing
import pickle  # nosec B403 - only data this loader pickled itself, for its own processes
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from queue import Empty

from django.db import connection, transaction
from django.utils import timezone
from faker import Faker

from regiekamer.accounts.models import Gemeente
from regiekamer.audit.completeness import BULK_LOAD
from regiekamer.audit.services import log
from regiekamer.casussen.models import Casus
from regiekamer.core.db import ColumnWriter
from regiekamer.demo import data
from regiekamer.demo.bulk import writer as writers
from regiekamer.demo.bulk.cases import CaseMaker
from regiekamer.demo.bulk.child import generate_in_child
from regiekamer.demo.bulk.encryption import EncryptionWorker, Encryptors
from regiekamer.demo.bulk.generator import AMS, Batch, FastRandom, SignalMaker
from regiekamer.demo.bulk.tables import ORDER, build_tables
from regiekamer.demo.bulk.world import World
from regiekamer.gebieden import tellingen as gebiedstellingen
from regiekamer.gebieden.models import AdresKenmerk, AdresTelling, Dagtelling
from regiekamer.inzicht import services as cijfers
from regiekamer.inzicht.models import CasusFenomeen, Telling
from regiekamer.signalen.models import SignaalNummering

BATCH_SIGNALS = 5000
LOG_CHUNK = 1000  # ids per processing-log entry
# The objecttype of the log entry per kind of created record.
LOGGED = ("signaal", "weging", "bronraadpleging", "casus")


@dataclass
class Result:
    signalen: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    log_entries: int = 0


class Timer:
    def __init__(self, result: Result):
        self.result = result

    def __call__(self, phase: str):
        timer = self

        class Phase:
            def __enter__(self):
                self.started = time.perf_counter()

            def __exit__(self, *exc):
                seconds = timer.result.seconds
                seconds[phase] = seconds.get(phase, 0.0) + time.perf_counter() - self.started

        return Phase()


def split(total: int, worlds: list[World]) -> list[int]:
    """Signals per gemeente in proportion to the weight of its buurten; the first gets the rounding."""
    weights = [world.gewicht for world in worlds]
    counts = [int(total * weight / sum(weights)) for weight in weights]
    counts[0] += total - sum(counts)
    return counts


@dataclass
class Summary:
    """What a gemeente's generator hands back at the end: its counters and what finishing needs of its cases."""

    signaal_nummers: dict[int, int]
    cases: list[tuple]  # (id, opened, laatste, touched)
    seconds: float


def produce(world: World, index: int, count: int, seed: int, now, encrypt, batch_signals: int):
    """Generate the signals of one gemeente: yields ``(batch, encryption jobs, signals so far)`` per batch and
    returns a :class:`Summary`. Touches no database, so it runs in a process of its own as well."""
    started = time.process_time()
    rng = FastRandom(seed * 1_000 + index)
    fake = Faker("nl_NL")
    fake.seed_instance(seed * 1_000 + index)
    cases = CaseMaker(world, rng, now, encrypt)
    signals = SignalMaker(world, rng, fake, now, encrypt, cases)
    cases.signals = signals
    moments = signals.moments(count)
    signals.setup_hotspots(count // 100)
    position = 0
    while position < len(moments):
        batch = Batch(ORDER)
        for moment, office in moments[position : position + batch_signals]:
            # The first signals visit every buurt once, so that every buurt has signals in a small load too.
            buurt = world.buurten[position] if position < len(world.buurten) else None
            signals.signal(moment, office, buurt, batch)
            position += 1
        yield batch, encrypt.take(), position
    opened = [(case.id, case.opened, case.laatste, case.touched) for case in cases.opened]
    return Summary(world.signaal_nummers, opened, time.process_time() - started)


@transaction.atomic
def load(
    count: int, seed: int, log_progress=None, batch_signals: int = BATCH_SIGNALS, processes: bool | None = None
) -> Result:
    """Add ``count`` synthetic signals (with everything that follows from them) to the demo gemeenten built by
    ``DemoBuilder``. One transaction: on any error nothing of the load remains.

    On PostgreSQL (``processes`` unset) each gemeente is generated in a process of its own and its values are
    encrypted in worker processes, while this process copies the batches and writes the processing log; elsewhere
    all of it happens here."""
    say = log_progress or (lambda message: None)
    result = Result()
    timer = Timer(result)
    started = time.perf_counter()

    def progress(message):
        say(f"[{time.perf_counter() - started:6.1f} s] {message}")

    now = timezone.now()
    with timer("setup"):
        gemeenten = {g.cbs_code: g for g in Gemeente.objects.filter(cbs_code__in=[s.cbs_code for s in data.GEMEENTEN])}
        worlds = [World(gemeenten[spec.cbs_code], spec) for spec in data.GEMEENTEN if spec.cbs_code in gemeenten]
        if not worlds:
            raise RuntimeError("The demo gemeenten do not exist: build the default demo first.")
        tables = build_tables()
        writer = writers.writer_for(list(tables.values()), connection)
        if processes is None:
            processes = isinstance(writer, writers.PostgresWriter)
        suspended = writers.suspend_constraints(list(tables.values()))
        pipeline = Pipeline(tables, writer, result, timer, deferred=processes)
    counts = split(count, worlds)
    jobs = [(index, world, number) for index, (world, number) in enumerate(zip(worlds, counts, strict=True)) if number]
    for _index, world, number in jobs:
        progress(f"{world.gemeente.naam}: {number} signals over {len(world.buurten)} buurten.")
    try:
        if processes:
            summaries = _run_in_processes(jobs, seed, now, batch_signals, pipeline, timer, progress)
        else:
            summaries = {}
            for index, world, number in jobs:
                generator = produce(world, index, number, seed, now, Encryptors(), batch_signals)
                while True:
                    with timer("generate"):
                        try:
                            batch, encryption, position = next(generator)
                        except StopIteration as stop:
                            summaries[index] = stop.value
                            break
                    pipeline.submit(batch, world, encryption)
                    progress(f"{world.gemeente.naam}: {position} signals generated.")
        pipeline.drain()
    finally:
        pipeline.close()
    with timer("keys and indexes"):
        writers.restore_keys_and_indexes(suspended)
    progress("Keys and indexes built.")
    with timer("finish"):
        for index, world, _number in jobs:
            summary = summaries[index]
            result.seconds[f"generate {world.gemeente.naam} (cpu)"] = summary.seconds
            _update_counters(world, summary)
            _touch_cases(summary)
            _number_cases(world, summary)
    progress("Counters, case numbers and case activity set.")
    with timer("foreign keys"):
        writers.restore_foreign_keys(suspended)
    progress("Foreign keys checked.")
    with timer("analyze"):
        writers.analyze(list(tables.values()))
    writer.close()
    progress("Statistics updated.")
    result.signalen = sum(counts)
    return result


def _run_in_processes(jobs, seed, now, batch_signals, pipeline, timer, progress) -> dict[int, Summary]:
    """One spawned process per gemeente generates; this process copies and logs what they send, in order per
    gemeente. A bounded queue keeps the memory bounded: a generator waits while this process is behind."""
    from django.conf import settings

    context = multiprocessing.get_context("spawn")
    queue = context.Queue(maxsize=4)
    keys = (settings.ENCRYPTION_KEYS, settings.BLIND_INDEX_KEY)
    children = {}
    for index, world, number in jobs:
        # The World holds model instances: pickled here, unpickled in the child once Django is set up there.
        arguments = (index, pickle.dumps(world), number, seed, now, batch_signals, keys, queue)
        children[index] = context.Process(target=generate_in_child, args=arguments, daemon=True)
        children[index].start()
    worlds = {index: world for index, world, _number in jobs}
    summaries: dict[int, Summary] = {}
    try:
        while len(summaries) < len(children):
            try:
                with timer("waiting for the generators"):
                    message = queue.get(timeout=10)
            except Empty:
                for index, child in children.items():
                    if index not in summaries and not child.is_alive():
                        raise RuntimeError(
                            f"The generator of {worlds[index].gemeente.naam} stopped unexpectedly."
                        ) from None
                continue
            kind, index = message[0], message[1]
            if kind == "batch":
                _kind, _index, batch, encryption, position = message
                pipeline.submit(batch, worlds[index], encryption)
                progress(f"{worlds[index].gemeente.naam}: {position} signals generated.")
            elif kind == "done":
                summaries[index] = message[2]
                progress(f"{worlds[index].gemeente.naam}: generated.")
            else:
                raise RuntimeError(f"The generator of {worlds[index].gemeente.naam} failed:\n{message[2]}")
    finally:
        for child in children.values():
            if child.is_alive() and len(summaries) < len(children):
                child.terminate()
            child.join(timeout=30)
    return summaries


class Pipeline:
    """Writes a batch in a background thread while the next one is generated (PostgreSQL: the server inserts on the
    other core meanwhile), then logs the batch's records in the processing log from this thread."""

    def __init__(self, tables, writer, result: Result, timer, deferred: bool):
        self.tables, self.writer, self.result, self.timer = tables, writer, result, timer
        self.threaded = isinstance(writer, writers.PostgresWriter)
        self.executor = ThreadPoolExecutor(max_workers=1) if self.threaded else None
        self.worker = EncryptionWorker() if deferred else None
        self.pending = None  # (future, batch, world)

    def submit(self, batch: Batch, world: World, encryption: list) -> None:
        ciphers = None
        if self.worker is not None:
            ciphers = self.worker.submit(encryption)
        self.drain()
        if self.threaded:
            self.pending = (self.executor.submit(self._write, batch, ciphers), batch, world)
        else:
            with self.timer("write"):
                self._write(batch, ciphers)
            self._log(batch, world)

    def drain(self) -> None:
        if self.pending is None:
            return
        future, batch, world = self.pending
        self.pending = None
        with self.timer("waiting for the database"):
            future.result()
        self._log(batch, world)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown()
        if self.worker is not None:
            self.worker.close()

    def _write(self, batch: Batch, ciphers=None) -> None:
        if ciphers is not None:
            ciphers = ciphers.get()
        for key in ORDER:
            rows = batch.rows[key]
            if rows:
                self.writer.write(self.tables[key], rows, ciphers)
                self.result.rows[key] = self.result.rows.get(key, 0) + len(rows)

    def _log(self, batch: Batch, world: World) -> None:
        """One creation entry per kind of record and at most LOG_CHUNK ids (``audit.completeness`` counts them)."""
        cpu = time.thread_time()
        with self.timer("processing log"):
            for objecttype in LOGGED:
                ids = batch.logged[objecttype]
                for start in range(0, len(ids), LOG_CHUNK):
                    log(
                        None,
                        "aanmaken",
                        BULK_LOAD,
                        objecttype,
                        ids[start : start + LOG_CHUNK],
                        gemeente=world.gemeente,
                        gebruiker="seed_demo",
                    )
                    self.result.log_entries += 1
        self.result.seconds["processing log (cpu)"] = (
            self.result.seconds.get("processing log (cpu)", 0.0) + time.thread_time() - cpu
        )


def rebuild_summaries(result: Result) -> None:
    """The loader writes around the services, so the summary counts behind the figures, the map and the hotspots are
    rebuilt from the loaded rows, as ``cijfers --herbereken`` and ``gebiedstellingen --herbereken`` do (the lead
    times on the wegingen the generator works out itself, with the replay those commands use).

    Called after the load has committed, in a transaction of its own: an index built inside a transaction that
    also updated its table (the default demo does) stays unused by that same transaction, and the rebuild's
    anti-joins then take minutes instead of seconds. If this step fails, the loaded data stands and those two
    commands finish the job."""
    started = time.perf_counter()
    gemeenten = list(Gemeente.objects.filter(cbs_code__in=[spec.cbs_code for spec in data.GEMEENTEN]))
    with transaction.atomic():
        for gemeente in gemeenten:
            cijfers.herbereken(gemeente, wegingen=False)
            gebiedstellingen.herbereken(gemeente)
    _analyze([Telling, CasusFenomeen, Dagtelling, AdresTelling, AdresKenmerk])
    result.seconds["summaries"] = time.perf_counter() - started


def _analyze(models) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            quote = connection.ops.quote_name
            cursor.execute("ANALYZE " + ", ".join(quote(model._meta.db_table) for model in models))


def _update_counters(world: World, summary: Summary) -> None:
    """The signal numbers handed out continue the gemeente's counters, so intake goes on after them."""
    existing = {row.jaar: row for row in SignaalNummering.objects.filter(gemeente=world.gemeente)}
    for jaar, laatste in summary.signaal_nummers.items():
        row = existing.get(jaar)
        if row is None:
            SignaalNummering.objects.create(gemeente=world.gemeente, jaar=jaar, laatste=laatste)
        elif row.laatste != laatste:
            row.laatste = laatste
            row.save(update_fields=["laatste"])


def _touch_cases(summary: Summary) -> None:
    """New signals linked to an open case count as activity on it (``casussen.services._touch``)."""
    writer = ColumnWriter(Casus, ["laatste_activiteit_op"])
    for pk, _opened, laatste, touched in summary.cases:
        if touched and touched > laatste:
            writer.add(pk, [touched])
    writer.finish()


def _number_cases(world: World, summary: Summary) -> None:
    """Number the new cases per year in the order they were opened, after the cases that exist already (as the
    service numbers a case opened that day). They were written with a placeholder number."""
    writer = ColumnWriter(Casus, ["nummer"])
    counters = dict(world.casus_nummers)
    for pk, opened, _laatste, _touched in sorted(summary.cases, key=lambda case: (case[1], case[0])):
        year = opened.astimezone(AMS).year
        counters[year] = counters.get(year, 0) + 1
        writer.add(pk, [f"C{year}-{counters[year]:04d}"])
    writer.finish()
    world.casus_nummers = counters


def describe(result: Result) -> str:
    phases = ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in result.seconds.items())
    return f"{result.signalen} signals; {phases}"
