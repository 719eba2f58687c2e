"""Rendering the retention report, in French (the default) or English: one self-contained HTML page
(inline SVG chart, no network), or CSV with one table per section, each under its title and headers.

Codes never reach the reader: states, actions, categories and reasons are in words (retention/labels.py),
dates in words in the page and ISO in the CSV. The policy's rules come with the reading in force (when the archive
periods start) and the sample it keeps for history; a disposal list's visa is dated as the archives dated it. The
journal is not copied in: the report gives its head hash and count, and the `oubli audit log` command that lists
its entries.
"""

import html
import io
from dataclasses import dataclass

from casefiles.kernel.csv_cells import CsvWriter
from casefiles.kernel.vocabulary import CaseAction, CaseState, DisposalStatus, NextAction, SamplingRule
from retention.labels import (
    DueReason,
    JournalAction,
    Language,
    ListStatus,
    PurgeReason,
    date_in_words,
    legal_ground,
    sample_in_force,
    words,
)
from retention.policy import Category, Clock, FinalAction, Reading, Rule
from retention.report import NOT_PLANNED, Report
from retention.sampling import Sampling

COLOURS = {CaseState.ACTIVE: "#2b7bb9", CaseState.ARCHIVED: "#8c6bb1", CaseState.PENDING_DISPOSAL: "#e6a23c",
           CaseState.DESTROYED: "#7f7f7f", CaseState.ANONYMISED: "#5aae61", CaseState.TRANSFERRED: "#b35806"}
OTHER_COLOUR = "#c2185b"

# The report's own sentences and headings: key -> (French, English).
TEXT = {
    "title": ("Rapport de conservation des dossiers", "Retention report"),
    "as_of": ("Situation au {as_of} ; actions du {start} au {end}.", "As of {as_of}; actions from {start} to {end}."),
    "beginning": ("début du journal", "the beginning of the journal"),
    "policy": ("Politique de conservation en vigueur : version {version}.", "Policy in force: version {version}."),
    "journal": ("Journal d'audit", "Audit journal"),
    "journal_ok": ("intact", "intact"),
    "journal_bad": ("ROMPU à l'entrée {first_bad} : {problem}", "BROKEN at entry {first_bad}: {problem}"),
    "journal_broken": ("rompu", "broken"),
    "journal_state": ("État de la chaîne", "Chain"),
    "entries": ("Nombre d'entrées", "Entries"),
    "head_hash": ("Empreinte de tête (SHA-256)", "Head hash (SHA-256)"),
    "keep_hash": ("Conservez cette empreinte : si le journal était réécrit en entier, elle n'y figurerait plus "
                  "(vérification : <code>oubli audit verify</code>).",
                  "Keep this hash: if the journal were rewritten as a whole, it would no longer be in it "
                  "(check with <code>oubli audit verify</code>)."),
    "read_journal": ("Les entrées du journal ne sont pas reproduites ici ; pour les lire : <code>{command}</code> "
                     "(page par page, <code>--json</code> pour un fichier).",
                     "The journal's entries are not copied here; to read them: <code>{command}</code> "
                     "(page by page, <code>--json</code> for a file)."),
    "due": ("échus", "due or overdue"),
    "pipeline": ("Les dossiers par année", "The pipeline by year"),
    "pipeline_intro": ("Dossiers par année de fin de prise en charge (ou d'ouverture, tant qu'elle dure), "
                       "selon leur état.",
                       "Cases by the year their service ended (or opened, while it runs), coloured by state."),
    "no_case": ("Aucun dossier.", "No case in the store."),
    "chart_label": ("Dossiers par état et par année", "Cases per state by year"),
    "rules": ("Règles de conservation", "Retention rules"),
    "rules_intro": ("Chaque dossier relève de la première catégorie qui s'applique, dans cet ordre.",
                    "Each case falls in the first category that applies, in this order."),
    "reading": ("Lecture en vigueur", "Reading in force"),
    "reading_is": ("les durées en archive courent {reading}.", "the archive periods run {reading}."),
    "sample": ("Échantillon conservé pour l'histoire", "Sample kept for history"),
    "sample_intro": ("Un dossier éliminable (destruction ou anonymisation) que l'une de ces règles choisit est versé "
                     "aux Archives départementales au lieu d'être éliminé ; la première règle qui le choisit est "
                     "retenue.", "A file to be destroyed or anonymised that one of these rules chooses is transferred "
                     "to the archives instead; the first rule that chooses it is the one named."),
    "sample_rule": ("règle", "rule"),
    "sample_keeps": ("dossiers choisis (politique en vigueur)", "files chosen (policy in force)"),
    "sampled": ("dossiers conservés par échantillon", "files kept by the sample"),
    "not_in_force": ("n'est plus en vigueur", "no longer in force"),
    "no_sample": ("Aucun : la politique en vigueur ne conserve pas d'échantillon, et aucun dossier n'a été conservé "
                  "par échantillon.", "None: the policy in force keeps no sample, and no file was kept by a sample."),
    "category": ("catégorie", "category"),
    "clock": ("point de départ", "clock"),
    "archive_after": ("archivage après", "archived after"),
    "keep": ("durée en archive", "kept archived"),
    "from_majority": ("à compter de la majorité", "counted from majority"),
    "final_action": ("sort final", "final action"),
    "visa": ("visa des Archives", "archives' visa"),
    "legal_reference": ("référence légale", "legal reference"),
    "months": ("{n} mois", "{n} months"),
    "at_once": ("dès la fin", "at once"),
    "years": ("{n} ans", "{n} years"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    "by_state": ("Dossiers par état et catégorie", "Cases per state and category"),
    "state": ("état", "state"),
    "cases": ("dossiers", "cases"),
    "not_planned": ("pas encore classé", "not yet planned"),
    "overdue": ("Dossiers échus, et pourquoi", "Due and overdue, and why"),
    "why": ("motif", "why"),
    "case": ("dossier", "case"),
    "next_action": ("prochaine action", "next action"),
    "due_on": ("échéance", "due on"),
    "list": ("bordereau", "list"),
    "proposed_on": ("proposé le", "proposed on"),
    "days_waiting": ("jours d'attente du visa", "days waiting for the visa"),
    "waiting": ("En attente du visa des Archives, les plus anciens d'abord",
                "Waiting for the archives' visa, longest first"),
    "other_due": ("Autres dossiers échus", "Other cases due"),
    "first_listed": ("Les {shown} premiers des {total} sont listés.", "The first {shown} of {total} are listed."),
    "lists": ("Bordereaux d'élimination et visas", "Disposal lists and their visas"),
    "status": ("statut", "status"),
    "created_on": ("établi le", "created on"),
    "visa_ref": ("référence du visa", "visa reference"),
    "visa_on": ("décision des Archives datée du", "archives' decision dated"),
    "decided_on": ("enregistrée le", "recorded on"),
    "decided_by": ("enregistrée par", "recorded by"),
    "items": ("dossiers", "items"),
    "actions": ("Actions de la période", "Actions carried out in the period"),
    "action": ("action", "action"),
    "times": ("dossiers ou fois", "cases or times"),
    "report": ("Rapport", "Report"),
    "field": ("rubrique", "field"),
    "value": ("valeur", "value"),
    "period_from": ("actions à partir du", "actions from"),
    "period_to": ("actions jusqu'au", "actions to"),
    "policy_version": ("version de la politique", "policy version"),
    "first_bad": ("première entrée en défaut", "first bad entry"),
    "problem": ("problème", "problem"),
    "year": ("année", "year"),
    "none": ("Aucun.", "None."),
    "colon": (" : ", ": "),
    "report_date": ("date du rapport", "report date"),
    "no_head": ("non établie : la chaîne est rompue", "not established: the chain is broken"),
    "live_system": ("Délai en base active du logiciel métier", "Live-system delay of the case system"),
    "live_system_is": ("un dossier archivé ici quitte la base active du logiciel métier (IODAS, Solis...) {delay} "
                       "après la fin de la prise en charge, comme le recommande le référentiel de la CNIL relatif "
                       "à la protection de l'enfance.",
                       "a case archived here leaves the live system of the case system (IODAS, Solis...) {delay} "
                       "after the end of services, as the CNIL's référentiel for child protection recommends."),
    "one_year": ("1 an", "1 year"),
    "source": ("Ce que le logiciel métier détient encore au-delà de son délai",
               "What the case system still holds past its time"),
    "source_intro": ("Dossiers que la liste des dossiers à purger (<code>oubli purge-list</code>) demande au logiciel "
                     "métier de supprimer ou de sortir de sa base active, et dont il n'a pas encore confirmé la purge "
                     "(<code>oubli purge-list confirm</code>), par motif ; et les purges confirmées dans la période.",
                     "Cases the purge list (<code>oubli purge-list</code>) asks the case system to delete or move "
                     "out of its live system and whose purge it has not confirmed yet (<code>oubli purge-list "
                     "confirm</code>), by reason; and the purges confirmed in the period."),
    "not_confirmed": ("dossiers non confirmés", "cases not confirmed"),
    "oldest_due": ("échéance la plus ancienne", "oldest due date"),
    "days_since": ("jours depuis", "days since"),
    "confirmed_in_period": ("purges confirmées dans la période", "purges confirmed in the period"),
}


def _t(key: str, language: Language, **values) -> str:
    french, english = TEXT[key]
    return (french if language == Language.FR else english).format(**values)


def _e(value) -> str:
    return html.escape("-" if value is None else str(value))


def _table(headers: list[str], rows: list[list], numeric: frozenset[int] = frozenset(), empty: str = "",
           kind: str = "") -> str:
    if not rows and empty:
        return f"<p>{_e(empty)}</p>"
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{_e(c)}</td>' for i, c in enumerate(row))
                   + "</tr>\n" for row in rows)
    return f"<table{f' class={kind}' if kind else ''}><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>"


def _states(report: Report) -> list[str]:
    """The vocabulary's states in order, then any other state the store holds."""
    held = set(report.cases_by_state) | {s for states in report.pipeline_by_year.values() for s in states}
    return [*CaseState, *sorted(held - set(CaseState))]


def pipeline_chart(report: Report, language: Language, width: int = 900, height: int = 320) -> str:
    """Stacked bars: for each year (service ended, else opened), the cases in each state."""
    years = list(report.pipeline_by_year)
    if not years:
        return f"<p>{_t('no_case', language)}</p>"
    tallest = max(sum(states.values()) for states in report.pipeline_by_year.values())
    left, bottom, top = 50, 40, 20
    plot_h = height - bottom - top
    step = (width - left - 10) / len(years)
    bar = step * 0.7
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{_t("chart_label", language)}" width="100%">']
    for tick in range(5):
        value = tallest * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{value:.0f}</text>')
    states = _states(report)
    for index, year in enumerate(years):
        x = left + index * step + (step - bar) / 2
        y = top + plot_h
        for state in states:
            count = report.pipeline_by_year[year].get(state, 0)
            if not count:
                continue
            h = plot_h * count / tallest
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS.get(state, OTHER_COLOUR)}"><title>{year}{_t("colon", language)}{count} '
                         f'{_e(words(CaseState, state, language))}</title></rect>')
        if len(years) <= 20 or index % 2 == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" font-size="11" '
                         f'text-anchor="middle">{year}</text>')
    parts.append("</svg>")
    legend = "".join(f'<span class="key"><i style="background:{COLOURS.get(s, OTHER_COLOUR)}"></i>'
                     f'{_e(words(CaseState, s, language))}</span>' for s in states)
    return "".join(parts) + f'<p class="legend">{legend}</p>'


@dataclass(frozen=True)
class Section:
    """A table another service adds to the report (the rights requests): rendered as it comes."""

    title: str
    intro: str
    headers: list[str]
    rows: list[list]


def _yes(value: bool, language: Language) -> str:
    return _t("yes" if value else "no", language)


def _rule_headers(language: Language) -> list[str]:
    return [_t(key, language) for key in ("category", "clock", "archive_after", "keep", "from_majority",
                                          "final_action", "visa", "legal_reference")]


def _rule_row(rule: Rule, language: Language) -> list:
    return [words(Category, rule.category, language), words(Clock, rule.clock, language),
            _t("months", language, n=rule.archive_after_months) if rule.archive_after_months else _t("at_once", language),
            _t("years", language, n=rule.keep_archived_years),
            _yes(rule.count_from_majority, language), words(FinalAction, rule.final_action, language),
            _yes(rule.visa_required, language), legal_ground(rule)]


def _policy_sampling(report: Report) -> Sampling:
    given = report.sampling
    return Sampling(given["one_in"], frozenset(given["birth_days"]), frozenset(given["surname_initials"]))


def _sample_rows(report: Report, language: Language) -> list[list]:
    """Each sampling rule in force, or that kept files: what it chooses, and how many disposal items it kept."""
    sampling = _policy_sampling(report)
    return [[words(SamplingRule, rule, language),
             sample_in_force(rule, sampling, language) if rule in sampling.rules else _t("not_in_force", language),
             report.sampled_by_rule.get(rule, 0)]
            for rule in SamplingRule if rule in sampling.rules or report.sampled_by_rule.get(rule)]


def _sample_headers(language: Language) -> list[str]:
    return [_t(key, language) for key in ("sample_rule", "sample_keeps", "sampled")]


def _live_system(report: Report, language: Language) -> str:
    years = report.live_system_years
    delay = _t("one_year", language) if years == 1 else _t("years", language, n=years)
    return _t("live_system_is", language, delay=delay)


def _source_headers(language: Language) -> list[str]:
    return [_t(key, language) for key in ("why", "not_confirmed", "oldest_due", "days_since", "confirmed_in_period")]


def _source_rows(report: Report, language: Language, day) -> list[list]:
    return [[words(PurgeReason, held.reason, language), held.cases, day(held.oldest_due_on),
             held.days_since_oldest, held.confirmed_in_period]
            for held in report.source_still_holds]


def _reading(report: Report, language: Language) -> str:
    return _t("reading_is", language, reading=words(Reading, report.policy_reading, language))


def _category_words(category: str | None, language: Language) -> str:
    return _t("not_planned", language) if category in (None, NOT_PLANNED) else words(Category, category, language)


def _action_words(action: str, language: Language) -> str:
    return words(CaseAction if action in set(CaseAction) else JournalAction, action, language)


def _journal_command(report: Report) -> str:
    return "oubli audit log" + (f" --since {report.period_from.isoformat()}" if report.period_from else "")


def _head_hash(report: Report, language: Language) -> str:
    """The hash of the last entry of a chain that holds; none is established for a broken one."""
    return report.journal.head_hash if report.journal.ok else _t("no_head", language)


def _verdict(report: Report, language: Language) -> str:
    if report.journal.ok:
        return _t("journal_ok", language)
    return _t("journal_bad", language, first_bad=report.journal.first_bad, problem=report.journal.problem)


def render_html(report: Report, sections: list[Section] = (), language: Language = Language.FR) -> str:
    def day(value):
        return date_in_words(value, language)

    def t(key: str, **values) -> str:
        return _t(key, language, **values)

    categories = [*Category, *sorted({c for by in report.cases_by_state_and_category.values() for c in by}
                                     - set(Category) - {NOT_PLANNED}), NOT_PLANNED]
    categories = [c for c in categories if any(c in by for by in report.cases_by_state_and_category.values())]
    state_rows = [[words(CaseState, state, language), report.cases_by_state.get(state, 0),
                   *[report.cases_by_state_and_category.get(state, {}).get(c, 0) for c in categories]]
                  for state in _states(report) if report.cases_by_state.get(state)]
    waiting = sorted((d for d in report.overdue if d.why == DueReason.AWAITING_VISA),
                     key=lambda d: (-(d.days_waiting or 0), d.case_id))
    waiting_rows = [[d.case_id, _category_words(d.category, language), d.list_id, day(d.proposed_on), d.days_waiting]
                    for d in waiting]
    due_rows = [[d.case_id, words(CaseState, d.state, language), _category_words(d.category, language),
                 words(NextAction, d.next_action, language), day(d.due_on), words(DueReason, d.why, language)]
                for d in report.overdue if d.why != DueReason.AWAITING_VISA]
    list_rows = [[d.id, words(ListStatus, d.status, language), day(d.created_on), d.visa_ref,
                  day(d.visa_on or d.decided_on), day(d.decided_on), d.decided_by,
                  ", ".join(f"{words(DisposalStatus, k, language)}{t('colon')}{v}" for k, v in sorted(d.items.items()))]
                 for d in report.disposal_lists]
    action_rows = [[_action_words(a, language), n] for a, n in sorted(report.actions_by_type.items())]
    start = day(report.period_from) if report.period_from else t("beginning")
    return f"""<!doctype html>
<html lang="{language.value}"><head><meta charset="utf-8"><title>{t("title")}, {day(report.as_of)}</title>
<style>
body {{ font-family: sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }}
h1 {{ margin-bottom: 0.2em; }} h2 {{ border-bottom: 2px solid #2b7bb9; padding-bottom: 0.2em; margin-top: 1.6em; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.5em 0; }}
th, td {{ border: 1px solid #bbb; padding: 3px 6px; font-size: 10.5pt; text-align: left; vertical-align: top; }}
th {{ background: #eef3f8; }} table.ids td:first-child {{ white-space: nowrap; }} table.rules th:last-child {{ width: 30%; }}
td.n {{ text-align: right; }} .reading {{ font-weight: bold; }}
.ok {{ color: #2e7d32; font-weight: bold; }} .bad {{ color: #c62828; font-weight: bold; }}
.hash {{ font-family: monospace; font-size: 10.5pt; overflow-wrap: anywhere; }}
.figures {{ display: flex; gap: 1em; flex-wrap: wrap; margin: 1em 0; }}
.figure {{ border: 1px solid #ccc; border-radius: 6px; padding: 0.6em 1em; min-width: 9em; }}
.figure b {{ display: block; font-size: 1.6em; }}
.legend {{ font-size: 10pt; }} .key {{ margin-right: 1.2em; white-space: nowrap; }}
.key i {{ display: inline-block; width: 10px; height: 10px; margin-right: 4px; }}
@page {{ size: A4; margin: 15mm 12mm; }}
@media print {{ body {{ margin: 0; max-width: none; }} h2 {{ page-break-after: avoid; }} tr {{ page-break-inside: avoid; }} }}
</style></head><body>
<h1>{t("title")}</h1>
<p>{t("as_of", as_of=day(report.as_of), start=start, end=day(report.period_to or report.as_of))}
{t("policy", version=_e(report.policy[:16]))}</p>
<h2>{t("journal")}</h2>
<table><tbody>
<tr><th>{t("journal_state")}</th><td class="{'ok' if report.journal.ok else 'bad'}">{_e(_verdict(report, language))}</td></tr>
<tr><th>{t("entries")}</th><td>{report.journal.entries}</td></tr>
<tr><th>{t("head_hash")}</th><td class="hash">{_e(_head_hash(report, language))}</td></tr>
</tbody></table>
<p>{t("keep_hash")} {t("read_journal", command=_e(_journal_command(report)))}</p>
<div class="figures">
{''.join(f'<div class="figure"><b>{report.cases_by_state.get(s, 0)}</b>{_e(words(CaseState, s, language))}</div>'
         for s in _states(report))}
<div class="figure"><b>{report.overdue_total}</b>{t("due")}</div>
</div>
<h2>{t("rules")}</h2>
<p class="reading">{t("reading")}{t("colon")}{_e(_reading(report, language))}</p>
<p>{t("live_system")}{t("colon")}{_e(_live_system(report, language))}</p>
<p>{t("rules_intro")}</p>
{_table(_rule_headers(language), [_rule_row(rule, language) for rule in report.policy_rules], kind="rules")}
<h3>{t("sample")}</h3>
{f'<p>{t("sample_intro")}</p>' if _sample_rows(report, language) else ''}
{_table(_sample_headers(language), _sample_rows(report, language), frozenset({2}), empty=t("no_sample"))}
<h2>{t("pipeline")}</h2>
<p>{t("pipeline_intro")}</p>
{pipeline_chart(report, language)}
<h2>{t("by_state")}</h2>
{_table([t("state"), t("cases"), *[_category_words(c, language) for c in categories]], state_rows,
        frozenset(range(1, len(categories) + 2)))}
<h2>{t("overdue")}</h2>
{_table([t("why"), t("cases")], [[words(DueReason, why, language), count]
                                 for why, count in sorted(report.overdue_by_reason.items())], frozenset({1}))}
{f'<h3>{t("waiting")}</h3>' + _table([t("case"), t("category"), t("list"), t("proposed_on"), t("days_waiting")],
                                      waiting_rows, frozenset({2, 4}), kind="ids") if waiting_rows else ''}
{f'<h3>{t("other_due")}</h3>' + _table([t("case"), t("state"), t("category"), t("next_action"), t("due_on"), t("why")],
                                       due_rows, kind="ids") if due_rows else ''}
{f'<p>{t("first_listed", shown=len(report.overdue), total=report.overdue_total)}</p>'
 if report.overdue_total > len(report.overdue) else ''}
<h2>{t("lists")}</h2>
{_table([t("list"), t("status"), t("created_on"), t("visa_ref"), t("visa_on"), t("decided_on"), t("decided_by"),
         t("items")],
        list_rows, empty=t("none"))}
<h2>{t("source")}</h2>
<p>{t("source_intro")}</p>
{_table(_source_headers(language), _source_rows(report, language, day), frozenset({1, 3, 4}))}
<h2>{t("actions")}</h2>
{_table([t("action"), t("times")], action_rows, frozenset({1}), empty=t("none"))}
<p>{t("read_journal", command=_e(_journal_command(report)))}</p>
{''.join(f"<h2>{_e(x.title)}</h2><p>{_e(x.intro)}</p>{_table(x.headers, x.rows, empty=t('none'))}"
         for x in sections)}
</body></html>
"""


def render_csv(report: Report, sections: list[Section] = (), language: Language = Language.FR) -> str:
    """One table per section: its title on a row of its own, its headers, its rows, then an empty row.
    Dates in ISO; no cell a spreadsheet would run as a formula."""
    def t(key: str, **values) -> str:
        return _t(key, language, **values)

    out = io.StringIO()
    writer = CsvWriter(out)

    def table(title: str, headers: list[str], rows) -> None:
        writer.writerows([[title], headers, *rows, []])

    def iso(value) -> str:
        return "" if value is None else value.isoformat()

    table(t("report"), [t("field"), t("value")],
          [[t("report_date"), report.as_of.isoformat()], [t("period_from"), iso(report.period_from)],
           [t("period_to"), iso(report.period_to or report.as_of)], [t("policy_version"), report.policy],
           [t("reading"), _reading(report, language)], [t("live_system"), _live_system(report, language)]])
    table(t("journal"), [t("journal_state"), t("entries"), t("head_hash"), t("first_bad"), t("problem")],
          [[t("journal_ok") if report.journal.ok else t("journal_broken"),
            report.journal.entries, report.journal.head_hash if report.journal.ok else "", report.journal.first_bad or "",
            report.journal.problem or ""]])
    table(t("rules"), _rule_headers(language), [_rule_row(rule, language) for rule in report.policy_rules])
    table(t("sample"), _sample_headers(language), _sample_rows(report, language))
    table(t("by_state"), [t("state"), t("category"), t("cases")],
          [[words(CaseState, state, language), _category_words(category, language), count]
           for state, by_category in sorted(report.cases_by_state_and_category.items())
           for category, count in sorted(by_category.items())])
    table(t("pipeline"), [t("year"), t("state"), t("cases")],
          [[year, words(CaseState, state, language), count]
           for year, states in report.pipeline_by_year.items() for state, count in sorted(states.items())])
    table(t("overdue"), [t("case"), t("state"), t("category"), t("next_action"), t("due_on"), t("why"), t("list"),
                         t("proposed_on"), t("days_waiting")],
          [[d.case_id, words(CaseState, d.state, language), _category_words(d.category, language),
            words(NextAction, d.next_action, language), iso(d.due_on), words(DueReason, d.why, language),
            d.list_id or "", iso(d.proposed_on), "" if d.days_waiting is None else d.days_waiting]
           for d in report.overdue])
    table(t("lists"), [t("list"), t("status"), t("created_on"), t("visa_ref"), t("visa_on"), t("decided_on"),
                       t("decided_by"), *[words(DisposalStatus, status, language) for status in DisposalStatus]],
          [[d.id, words(ListStatus, d.status, language), iso(d.created_on), d.visa_ref or "",
            iso(d.visa_on or d.decided_on), iso(d.decided_on), d.decided_by or "",
            *[d.items.get(status, 0) for status in DisposalStatus]]
           for d in report.disposal_lists])
    table(t("source"), _source_headers(language), _source_rows(report, language, iso))
    table(t("actions"), [t("action"), t("times")],
          [[_action_words(action, language), count] for action, count in sorted(report.actions_by_type.items())])
    for section in sections:
        table(section.title, section.headers, section.rows)
    return out.getvalue()
