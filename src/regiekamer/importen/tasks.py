"""Background tasks of bulk intake (django-tasks, database backend: docs/decisions/0011-background-tasks.md)."""

from django_tasks import task


@task()
def importeer(import_id: str) -> dict:
    """Process (or resume) an uploaded import; run by `regiekamer db_worker`."""
    from regiekamer.importen.services import verwerk

    import_obj = verwerk(import_id)
    return {"status": import_obj.status, "verwerkt": import_obj.verwerkt}
