"""Demo data: a year of survey answers for one office, through the real command, and the last full
quarter published by its Kepala Bapas."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app import access
from app.errors import Invalid
from app.platform import roles
from app.survey import commands
from app.survey.elements import KEYS, PROFILE
from models import Office, Staff

SUGGESTIONS = ["Ruang tunggu perlu kipas angin.", "Petugas sangat membantu, terima kasih.",
               "Jadwal wajib lapor sebaiknya diumumkan lewat WhatsApp.", None, None, None]


def load(session, office: Office, rnd, today: date) -> None:
    for weeks_ago in range(1, 52, 2):
        day = today - timedelta(weeks=weeks_ago)
        for _ in range(rnd.randint(1, 3)):
            leaning = rnd.choice((3, 3, 3, 4))
            scores = {key: max(1, min(4, leaning + rnd.choice((-1, 0, 0, 1)))) for key in KEYS}
            profile = {name: rnd.choice([None, *allowed]) for name, allowed in PROFILE.items()}
            commands.submit(session, office.code, commands.Answers(
                scores=scores, suggestion=rnd.choice(SUGGESTIONS), profile=profile),
                now=datetime.combine(day, time(3, 0)))
    kepala = session.scalars(select(Staff).where(Staff.office_id == office.id,
                                                 Staff.roles.any(name=roles.KEPALA))).first()
    previous = today.replace(day=1) - timedelta(days=92)
    year, quarter = previous.year, (previous.month - 1) // 3 + 1
    if kepala is not None:
        who = access.Principal(kepala.id, office.id, frozenset({roles.KEPALA}))
        try:
            commands.publish(session, office.id, year, quarter, who)
        except Invalid:
            pass  # no answers in that quarter: nothing to show yet
    session.commit()
