"""One generated client's whole supervision as rows, following the rules the
screens and commands follow: the stage dates come from app.supervision.stages, the books are
written and struck as the transitions write them (app.supervision.lifecycle.commands), every
transition's gate is met by the record that meets it in the product (a TPP
approval, the final reassessment, the termination documents), assessments are
scored with app.guidance.assessment.scoring, a home visit only after recorded consent,
registration and letter numbers through the office's patterns and counters.
"""
from __future__ import annotations

import json
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _

from app.guidance.assessment.scoring import ItemScore, score
from app.platform.dates import long_date
from app.documents.numbering import DEFAULT_PATTERN as LETTER_PATTERN, TYPE_CODES
from app.supervision.lifecycle import gates
from app.supervision.lifecycle.books import ACTUAL, EXPIRY, PLANNED, TERMINATION
from app.clients.register_numbers import format_number
from app.supervision.stages import Stage, plan
from app.supervision.record_rules import REVOCABLE_KINDS
from models.document import matter_key

CLIENT = ("id", "office_id", "registration_number", "full_name", "alias", "sex", "birth_place", "birth_date",
          "religion", "education", "address", "offence_date", "offence_article", "decision_number", "decision_date",
          "sentence", "supervision_kind_id", "basis_document", "origin", "supervision_start", "supervision_expiry",
          "status", "stage", "stage_started_on", "reporting_interval_days", "current_pk_id", "created_at", "version")
BOOK = ("id", "client_id", "office_id", "event", "kind", "entry_date", "reason", "written_at", "written_by_id",
        "superseded_at", "superseded_by_id", "superseded_reason")
PROGRESS = ("id", "client_id", "office_id", "happened_on", "kind", "place", "programme_item_id", "attended",
            "absence_reason", "what_happened", "result", "version_no", "superseded", "written_by_id", "written_at")
ORIGIN_OF_KIND = {"DIV": "kepolisian", "PDS": "pengadilan", "PK": "pengadilan", "LAIN": "kejaksaan"}
RELIGIONS = ["islam"] * 8 + ["kristen", "katolik", "hindu", "buddha"]
EDUCATIONS = ["sd", "smp", "sma", "putus_sd", "putus_smp", "putus_sma", "tidak_sekolah"]
ARTICLES = ["Pasal 362 KUHP", "Pasal 351 ayat (1) KUHP", "Pasal 365 KUHP", "Pasal 114 UU 35/2009", "Pasal 170 KUHP"]
PLAN_ITEMS = [
    ("kepribadian", "konseling", "Konseling individu tentang pengendalian diri", "Kontrol emosi", "2x sebulan"),
    ("kepribadian", "kepribadian", "Bimbingan keagamaan bersama penyuluh", "Kesadaran beragama", "Setiap pekan"),
    ("kemandirian", "kemandirian", "Kursus keterampilan bengkel sepeda motor", "Keterampilan kerja", "3x sepekan"),
    ("kemandirian", "kegiatan_mitra", "Kejar paket B di PKBM mitra", "Pendidikan", "2x sepekan"),
]
MATTER = {"awal": "rencana_awal", "lanjutan": "rencana_lanjutan", "akhir": "rencana_akhir"}
DAY = timedelta(days=1)


@dataclass
class OfficeCtx:
    id: int
    code: str
    city: str
    pattern: str
    pks: list[int]
    pk_weights: list[int]
    tpp_members: list[int]
    registrar: int
    kepala: int


@dataclass
class Ctx:
    """What every client of a run shares: the writer, randomness, reference ids, counters."""

    w: object
    rnd: object
    today: date
    kinds: list[tuple[int, str]]
    required_docs: list[int]
    instrument: tuple  # (id, [(item_id, domain, protective, [(option_id, score)])], [(category, low, high)])
    first_names: dict[str, list[str]]
    last_names: list[str]
    places: list[str]
    reg_seq: dict = field(default_factory=dict)
    letter_seq: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)


@lru_cache(maxsize=None)
def _message(msgid: str) -> str:
    """The same translated text the commands write, looked up once (formatting is done per row)."""
    return _(msgid)


@lru_cache(maxsize=None)
def _at(day: date) -> datetime:
    return datetime.combine(day, time(2, 30))  # 09.30 WIB


class ClientLife:
    def __init__(self, ctx: Ctx, office: OfficeCtx):
        self.c, self.o, self.w, self.rnd = ctx, office, ctx.w, ctx.rnd
        self.open_lines: list[list] = []  # book lines not yet struck: [id, event, kind, row]

    # -- the register entry ------------------------------------------------
    def run(self, status: str) -> None:
        c, rnd, today = self.c, self.rnd, self.c.today
        started = status != "terdaftar"
        if started:
            start = today - timedelta(days=rnd.randint(20, 6 * 365))
            length = rnd.randint(120, 730)
            expiry = start + timedelta(days=length)
            if status == "aktif" and expiry <= today:
                expiry = today + timedelta(days=rnd.randint(30, 600))
                start = min(start, expiry - timedelta(days=180))
            if status == "selesai" and expiry >= today:
                expiry = today - timedelta(days=rnd.randint(1, 60))
                start = min(start, expiry - timedelta(days=180))
        else:
            start = expiry = None
        anchor = start or today - timedelta(days=rnd.randint(1, 20))
        offence = anchor - timedelta(days=rnd.randint(200, 800))
        birth = offence - timedelta(days=rnd.randint(12 * 365 + 10, 18 * 365 - 10))
        decision = offence + timedelta(days=rnd.randint(30, 120))
        kinds = [k for k in c.kinds if status != "dicabut" or k[1] in REVOCABLE_KINDS]
        kind_id, kind_code = rnd.choice(kinds)
        sex = rnd.choice("LLLP")
        name = f"{rnd.choice(c.first_names[sex])} {rnd.choice(c.last_names)}"
        year = anchor.year
        seq = c.reg_seq[(self.o.id, year)] = c.reg_seq.get((self.o.id, year), 0) + 1
        self.id = self.w.new_id("client")
        self.start, self.expiry, self.status = start, expiry, status
        self.pk = None
        self.stage, self.stage_started = None, None
        if started:
            self._supervision(start, expiry, status)
        self.w.add("client", CLIENT, (
            self.id, self.o.id, format_number(self.o.pattern, seq, year, self.o.code), name,
            None, sex, rnd.choice(c.places), birth, rnd.choice(RELIGIONS), rnd.choice(EDUCATIONS),
            f"Jl. {rnd.choice(c.last_names)} No. {rnd.randint(1, 200)}, {self.o.city}", offence,
            rnd.choice(ARTICLES), f"{rnd.randint(1, 300)}/Pid.Sus-Anak/{decision.year}/PN {self.o.city[:3]}",
            decision, f"Pidana penjara {rnd.randint(3, 24)} bulan", kind_id,
            f"PAS-{rnd.randint(1000, 9999)}.PK.01.04.06", ORIGIN_OF_KIND.get(kind_code, "lpka"), start, expiry,
            self.status, self.stage, self.stage_started, 30, self.pk, _at(anchor), 1))
        for relation in rnd.sample(["ayah", "ibu", "wali"], rnd.randint(1, 2)):
            self.w.add("guardian", ("id", "client_id", "relation", "name", "phone"),
                       (self.w.new_id("guardian"), self.id, relation,
                        f"{rnd.choice(c.first_names['L' if relation == 'ayah' else 'P'])} {rnd.choice(c.last_names)}",
                        f"08{rnd.randint(10**9, 10**10 - 1)}"))

    # -- the supervision ---------------------------------------------------
    def _supervision(self, start: date, expiry: date, status: str) -> None:
        rnd, today = self.rnd, self.c.today
        stage_plan = plan(start, expiry)
        if status == "selesai":
            end = expiry
        elif status == "aktif":
            end = today - DAY
        else:
            last = min(today - DAY, expiry)
            end = min(max(start + (last - start) * rnd.randint(3, 9) // 10, start + timedelta(days=40)), last)
        self.end = end
        self._handover_and_pk(start, end)
        self._assessment("awal", start)
        self._programme("awal", start)
        self.stage, self.stage_started = "awal", start
        for s in (Stage.AWAL, Stage.LANJUTAN, Stage.AKHIR):
            self._line(s.value, PLANNED, stage_plan.starts(s), start)
        self._line(EXPIRY, PLANNED, expiry, start)
        self._line("awal", ACTUAL, start, start)
        items = {"awal": self.items}
        for s in (Stage.LANJUTAN, Stage.AKHIR):
            begins = stage_plan.starts(s)
            if begins > end or (status == "selesai" and s is Stage.AKHIR and begins > end - timedelta(days=6)):
                break
            if s is Stage.AKHIR:
                self._assessment("reasesmen_akhir", begins - timedelta(days=7))
            else:
                self._consent(begins - timedelta(days=10))
            self._programme(s.value, begins - timedelta(days=3))
            items[s.value] = self.items
            actual = self._line(s.value, ACTUAL, begins, begins)
            self._strike(lambda line: line[1] == self.stage or (line[1] == s.value and line[2] == PLANNED),
                         actual, begins, _message("Stage %(stage)s began on %(date)s.") % {
                             "stage": s.value, "date": long_date(begins)})
            self.stage, self.stage_started = s.value, begins
        if status == "selesai" and self.stage != "akhir":
            self.status = "dipindahkan"  # too short a period to finish: it left the office instead
        self._activities(start, min(end, today - DAY), stage_plan, items)
        if self.status != "aktif":
            self._end(end)

    def _handover_and_pk(self, start: date, end: date) -> None:
        rnd, w = self.rnd, self.w
        handover = w.new_id("handover")
        w.add("handover", ("id", "client_id", "handover_date", "handing_party", "handing_officer",
                           "receiving_officer_id"),
              (handover, self.id, start, f"LPKA Kelas II {self.o.city}", f"Petugas LPKA {rnd.randint(1, 99)}",
               self.o.registrar))
        for doc in self.c.required_docs:
            w.add("handover_document", ("handover_id", "document_type_id"), (handover, doc))
        first = rnd.choices(self.o.pks, self.o.pk_weights)[0]
        moves = (end - start).days > 120 and rnd.random() < 0.15
        columns = ("id", "client_id", "pk_id", "start_date", "end_date", "reason", "assigned_by_id")
        if moves:
            second = rnd.choices(self.o.pks, self.o.pk_weights)[0]
            moved_on = start + (end - start) // 2
            if second != first:
                w.add("pk_assignment", columns, (w.new_id("pk_assignment"), self.id, first, start,
                                                 moved_on - DAY, "First assignment", self.o.kepala))
                w.add("pk_assignment", columns, (w.new_id("pk_assignment"), self.id, second, moved_on, None,
                                                 "Pembagian ulang beban kerja PK", self.o.kepala))
                self.pk = second
                return
        w.add("pk_assignment", columns, (w.new_id("pk_assignment"), self.id, first, start, None,
                                         "First assignment", self.o.kepala))
        self.pk = first

    def _line(self, event: str, kind: str, day: date, written: date) -> int:
        line_id = self.w.new_id("book_entry")
        row = [line_id, self.id, self.o.id, event, kind, day, None, _at(written), self.pk, None, None, None]
        self.open_lines.append([line_id, event, kind, row])
        return line_id

    def _strike(self, which, by: int | None, on: date, reason: str) -> None:
        keep = []
        for line in self.open_lines:
            if line[0] != by and which(line):
                line[3][9:12] = [_at(on), by, reason]
                self.w.add("book_entry", BOOK, tuple(line[3]))
            else:
                keep.append(line)
        self.open_lines = keep

    def _assessment(self, kind: str, on: date) -> None:
        rnd, w = self.rnd, self.w
        instrument_id, items, cutoffs = self.c.instrument
        assessment = w.new_id("assessment")
        chosen = [(item, rnd.choice(options)) for item, _d, _p, options in items]
        result = score([ItemScore(d, p, option[1]) for (_i, d, p, _o), (_x, option) in zip(items, chosen)], cutoffs)
        w.add("assessment", ("id", "client_id", "instrument_id", "kind", "assessed_on", "assessor_id", "consent",
                             "needs", "status", "total_score", "category", "domain_scores", "finalised_at"),
              (assessment, self.id, instrument_id, kind, on, self.pk, True,
               "Pendidikan; pengendalian diri; keterampilan kerja", "final", result.total, result.category,
               json.dumps(result.domains, sort_keys=True), _at(on)))
        for item, option in chosen:
            w.add("assessment_answer", ("id", "assessment_id", "item_id", "option_id"),
                  (w.new_id("assessment_answer"), assessment, item, option[0]))
        if kind == "reasesmen_akhir":
            self._gate(gates.REASSESSMENT_FINAL, on, f"Asesmen {on.isoformat()}")
            w.add("classification", ("id", "client_id", "assessment_id", "level", "needs", "set_on", "set_by_id"),
                  (w.new_id("classification"), self.id, assessment, result.category,
                   "Kemandirian kerja; pendidikan", on + DAY, self.pk))

    def _gate(self, gate: str, on: date, reference: str) -> None:
        self.w.add("gate_record", ("id", "client_id", "gate", "met_on", "reference", "recorded_by_id"),
                   (self.w.new_id("gate_record"), self.id, gate, on, reference, self.pk))

    def _session(self, on: date) -> tuple[int, date]:
        """The office's weekly sidang TPP (Monday) on or before ``on``."""
        held = on - timedelta(days=on.weekday())
        key = (self.o.id, held)
        if key not in self.c.sessions:
            session = self.w.new_id("tpp_session")
            self.c.sessions[key] = session
            members = self.o.tpp_members
            self.w.add("tpp_session", ("id", "office_id", "held_on", "time_text", "place", "chair_id",
                                       "secretary_id", "members_total"),
                       (session, self.o.id, held, "13.00 s.d. selesai", "Ruang sidang TPP", members[0], members[1],
                        len(members)))
            for member in members:
                self.w.add("tpp_present", ("session_id", "staff_id"), (session, member))
        return self.c.sessions[key], held

    def _tpp(self, matter: str, on: date, programme: int | None) -> tuple[date, str]:
        session, held = self._session(on)
        item = self.w.new_id("tpp_item")
        self.w.add("tpp_item", ("id", "session_id", "client_id", "matter", "programme_id", "pk_recommendation",
                                "decision", "consensus", "decided_at", "decided_by_id"),
                   (item, session, self.id, matter, programme, "Direkomendasikan untuk disetujui.", "setuju", True,
                    _at(held), self.o.kepala))
        return held, _message("Sidang TPP of %(date)s, item %(id)d") % {"date": held.isoformat(), "id": item}

    def _programme(self, stage: str, tpp_on: date) -> None:
        w = self.w
        programme = w.new_id("programme")
        w.add("programme", ("id", "client_id", "stage", "version_no", "status", "interests_talents",
                            "created_by_id", "created_at"),
              (programme, self.id, stage, 1, "disetujui", "Otomotif; olahraga", self.pk, _at(tpp_on - 7 * DAY)))
        self.items = []
        for kind, activity_kind, activity, need, frequency in self.rnd.sample(PLAN_ITEMS, 2):
            item = w.new_id("programme_item")
            w.add("programme_item", ("id", "programme_id", "client_id", "kind", "activity_kind", "activity", "need",
                                     "target", "frequency"),
                  (item, programme, self.id, kind, activity_kind, activity, need, "Tercapai pada akhir tahap",
                   frequency))
            self.items.append((item, activity_kind, activity))
        held, reference = self._tpp(MATTER[stage], tpp_on, programme)
        self._gate(gates.TPP_PROGRAMME[stage], held, reference)

    def _consent(self, on: date) -> None:
        self.w.add("consent", ("id", "client_id", "subject", "given", "by_client", "by_guardian", "recorded_on",
                               "recorded_by_id"),
                   (self.w.new_id("consent"), self.id, "kunjungan_rumah", True, True, True, on, self.pk))
        self.consent_on = on

    def _activities(self, first: date, last: date, stage_plan, items: dict) -> None:
        """About 20 guidance activities a year, apel every 3-5 weeks, the monthly reports."""
        rnd, w, office, pk = self.rnd, self.w, self.o.id, self.pk
        chance, new_id, add = rnd.random, w.new_id, w.add
        bounds = [(window.last_day, window.stage.value) for window in stage_plan.windows]
        day = first + timedelta(days=rnd.randint(2, 10))
        consent_on = getattr(self, "consent_on", None)
        while day <= last:
            stage = next(value for last_day, value in bounds if day <= last_day)
            stage_items = items.get(stage) or items["awal"]
            if consent_on and day > consent_on and chance() < 0.2:
                item, kind, what = None, "kunjungan_rumah", "Kunjungan rumah bersama orang tua"
            else:
                item, kind, what = stage_items[int(chance() * len(stage_items))]
            attended = chance() > 0.05
            add("progress_entry", PROGRESS, (new_id("progress_entry"), self.id, office, day, kind, "Kantor Bapas",
                                             item, attended, None if attended else "Sakit (surat keterangan)", what,
                                             "Klien mengikuti dengan baik." if attended else None, 1, False,
                                             pk, _at(day)))
            day += timedelta(days=12 + int(chance() * 13))
        stops = self.status == "dicabut" or (self.status == "aktif" and rnd.random() < 0.1)
        day, last_apel = first + timedelta(days=rnd.randint(1, 10)), last - timedelta(days=100 if stops else 0)
        while day <= last_apel:
            add("apel_log", ("id", "client_id", "office_id", "reported_on", "remote", "recorded_by_id"),
                (new_id("apel_log"), self.id, office, day, False, pk))
            day += timedelta(days=21 + int(chance() * 13))
        month = first.replace(day=1)
        reported = []
        while month < last.replace(day=1):
            following = (month + timedelta(days=32)).replace(day=1)
            if rnd.random() < 0.92:
                w.add("monthly_report", ("id", "client_id", "month", "submitted_on", "summary", "pk_id"),
                      (w.new_id("monthly_report"), self.id, month,
                       min(following + timedelta(days=rnd.randint(0, 9)), self.c.today),
                       "Klien mengikuti bimbingan sesuai program.", self.pk))
                reported.append(month)
            month = following
        for doc_type in ("berita_acara_serah_terima", "kartu_bimbingan", "kontrak_bimbingan"):
            self._document(doc_type, first, None)
        for month in reported[-3:]:
            self._document("laporan_perkembangan", min((month + timedelta(days=35)), self.c.today), f"{month:%Y-%m}")

    def _document(self, doc_type: str, on: date, period: str | None) -> None:
        c, w = self.c, self.w
        key = (self.o.id, doc_type, on.year)
        seq = c.letter_seq[key] = c.letter_seq.get(key, 0) + 1
        doc = w.new_id("generated_document")
        w.add("generated_document", ("id", "office_id", "client_id", "doc_type", "period", "letter_number",
                                     "template_version", "generated_by_id", "generated_at", "stored_name", "sha256",
                                     "token", "status", "matter"),
              (doc, self.o.id, self.id, doc_type, period,
               LETTER_PATTERN.format(office=self.o.code, type=TYPE_CODES[doc_type], seq=seq, year=on.year),
               "bawaan", self.pk, _at(on), f"generated-{doc}.docx", "0" * 64, f"gen{doc:x}{self.rnd.getrandbits(64):x}",
               "ditandatangani", matter_key(doc_type, client_id=self.id, period=period)))

    def _end(self, end: date) -> None:
        rnd, w = self.rnd, self.w
        if self.status == "selesai":
            held, reference = self._tpp("evaluasi_akhir", end - timedelta(days=5), None)
            self._gate(gates.TPP_FINAL_EVALUATION, held, reference)
            self._gate(gates.TERMINATION_DOCUMENTS, end - timedelta(days=2), "Surat keterangan akhir")
            self._document("surat_keterangan_akhir", end - timedelta(days=2), None)
        if self.status == "dicabut":
            first = end - timedelta(days=20)
            w.add("revocation", ("id", "client_id", "ground", "ground_details", "report_on", "examination_on",
                                 "pk_examined_on", "tpp_on", "tpp_reference", "provisional_on", "version"),
                  (w.new_id("revocation"), self.id, "tidak_lapor_3x",
                   "Tidak melaksanakan wajib lapor tiga bulan berturut-turut.", first, first + 3 * DAY,
                   first + 5 * DAY, first + 10 * DAY, "Risalah TPP pencabutan", first + 14 * DAY, 1))
        w.add("termination", ("id", "client_id", "reason", "end_date", "decision_number", "decision_date",
                              "notes", "recorded_by_id"),
              (w.new_id("termination"), self.id, self.status, end,
               f"PAS-{rnd.randint(100, 999)}.PK.01.05/{end.year}", end, None, self.pk))
        entry = self._line(TERMINATION, ACTUAL, end, end)
        self._strike(lambda line: line[2] == PLANNED, entry, end,
                     _message("The supervision ended on %(date)s.") % {"date": long_date(end)})

    def finish(self) -> None:
        for line in self.open_lines:
            self.w.add("book_entry", BOOK, tuple(line[3]))
        self.open_lines = []
