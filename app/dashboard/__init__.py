"""What each role sees at a glance after login: counts, worklists, charts.

Everything here is plain Python over a session and a Principal; every query
goes through app.access, so a dashboard never counts a client its reader may
not see. Numbers are computed with GROUP BY in the database (one statement per
figure), never by loading clients.
"""
from app.dashboard.counts import Series, by_kind, by_risk, by_stage, caseload_per_pk, monthly_flow, per_pk
from app.dashboard.office import (
                                  complaints_awaiting_direction,
                                  complaints_by_step,
                                  complaints_to_act_on,
                                  tpp_sessions_coming,
                                  tpp_sessions_coming_count,
                                  tpp_sessions_undecided,
)
from app.dashboard.registration import MISSING_CHECKS, arrivals, incomplete_registers
from app.dashboard.transfers import transfer_flow
from app.dashboard.worklist import Worklist, overdue_per_pk, tpp_waiting, worklist

__all__ = ["Series", "by_kind", "by_risk", "by_stage", "caseload_per_pk", "monthly_flow", "per_pk", "Worklist",
           "overdue_per_pk", "tpp_waiting", "worklist", "complaints_by_step", "complaints_to_act_on", "complaints_awaiting_direction",
           "tpp_sessions_coming", "tpp_sessions_coming_count", "tpp_sessions_undecided", "arrivals",
           "incomplete_registers", "MISSING_CHECKS", "transfer_flow"]
