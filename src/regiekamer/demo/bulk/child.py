"""The entry point of a generator process (spawned by ``loader``). It imports nothing of Django or the models at
module level: a spawned process imports this module before Django is set up there."""

import pickle  # nosec B403 - only data the loader pickled itself, for its own processes
import traceback


def generate_in_child(index, world_pickle, count, seed, now, batch_signals, keys, queue) -> None:
    """Set up Django with the parent's keys, generate one gemeente's signals and send them batch by batch."""
    try:
        import django

        django.setup()
        from django.conf import settings

        from regiekamer.demo.bulk.encryption import DeferredEncryptors
        from regiekamer.demo.bulk.loader import produce

        settings.ENCRYPTION_KEYS, settings.BLIND_INDEX_KEY = keys
        world = pickle.loads(world_pickle)  # noqa: S301  # nosec B301 - made by the parent process just now
        generator = produce(world, index, count, seed, now, DeferredEncryptors(), batch_signals)
        while True:
            try:
                batch, encryption, position = next(generator)
            except StopIteration as stop:
                queue.put(("done", index, stop.value))
                return
            queue.put(("batch", index, batch, encryption, position))
    except BaseException:
        queue.put(("error", index, traceback.format_exc()))
