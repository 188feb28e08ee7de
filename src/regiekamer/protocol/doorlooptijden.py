"""Lead times of protocol steps ("doorlooptijden"), as stored on each weging for the figures.

A step begins when the signal enters it (step 1: on receipt) and is closed by the weging that moves the signal to
another step or to a final status. Its lead time is counted in working days with
``core.workdays.working_days_taken``: 0 when decided on the day the step began, and at most the step's term exactly
when it was decided by the deadline the worklist showed (``add_working_days`` of the same start and term).

``replay`` works the stored columns out again from the wegingen of one signal, the way ``services.record_weging``
writes them; the data migration and ``regiekamer cijfers --herbereken`` use it. Nothing here touches the database.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from regiekamer.core.workdays import working_days_taken
from regiekamer.protocol.machine import STEP_OF_STATUS, is_final


def closes_step(status_voor: str, status_na: str) -> bool:
    """Whether a weging from ``status_voor`` to ``status_na`` ends the step it was recorded in."""
    return is_final(status_na) or STEP_OF_STATUS.get(status_na) != STEP_OF_STATUS.get(status_voor)


def lead_time(begun: dt.datetime, decided: dt.datetime, zone=None) -> int:
    """Working days from the start of a step to the weging that closed it, on local dates."""
    zone = zone or timezone.get_current_timezone()
    return working_days_taken(begun.astimezone(zone).date(), decided.astimezone(zone).date())


@dataclass(frozen=True)
class StepTiming:
    stap: int | None
    stap_gestart_op: dt.datetime
    doorlooptijd: int | None  # None when the weging did not close its step


def timing(status_voor: str, status_na: str, begun: dt.datetime, decided: dt.datetime, zone=None) -> StepTiming:
    return StepTiming(
        stap=STEP_OF_STATUS.get(status_voor),
        stap_gestart_op=begun,
        doorlooptijd=lead_time(begun, decided, zone) if closes_step(status_voor, status_na) else None,
    )


@dataclass(frozen=True)
class WegingRij:
    id: object
    status_voor: str
    status_na: str
    vastgelegd_op: dt.datetime
    corrigeert_id: object = None


def replay(ontvangen_op: dt.datetime, wegingen: list[WegingRij]) -> dict[object, StepTiming]:
    """The timing of every weging of one signal (in the order recorded), as ``record_weging`` sets the step start:
    a new step begins at the weging that enters it, or again when a weging re-enters a step after a final status (a
    correction of a final decision); a correction is timed from the start of the step of the weging it corrects."""
    zone = timezone.get_current_timezone()
    step_begun = ontvangen_op
    deadline_running = True  # the signal has a deadline (it is open), as after receipt
    status = ""
    timings: dict[object, StepTiming] = {}
    for weging in wegingen:
        if weging.corrigeert_id is not None and weging.corrigeert_id in timings:
            begun = timings[weging.corrigeert_id].stap_gestart_op
        else:
            begun = step_begun
        status = weging.status_voor
        timings[weging.id] = timing(weging.status_voor, weging.status_na, begun, weging.vastgelegd_op, zone)
        # protocol.services._enter_status
        previous_step = STEP_OF_STATUS.get(status)
        status = weging.status_na
        if is_final(status):
            deadline_running = False
            continue
        if STEP_OF_STATUS[status] != previous_step or not deadline_running:
            step_begun = weging.vastgelegd_op
            deadline_running = True
    return timings
