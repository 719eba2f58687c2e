"""Rendering the retention report: one self-contained HTML page (inline SVG chart, no network) or CSV."""

import html
import io
from dataclasses import dataclass

from casefiles.kernel.csv_cells import CsvWriter
from retention.report import Report

STATES = ("active", "archived", "pending_disposal", "destroyed", "anonymised", "transferred")
COLOURS = {"active": "#2b7bb9", "archived": "#8c6bb1", "pending_disposal": "#e6a23c", "destroyed": "#7f7f7f",
           "anonymised": "#5aae61", "transferred": "#b35806"}
ACTIONS_SHOWN = 500


def _e(value) -> str:
    return html.escape("-" if value is None else str(value))


def _table(headers: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>\n" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>"


def pipeline_chart(report: Report, width: int = 900, height: int = 320) -> str:
    """Stacked bars: for each year (service ended, else opened), the cases in each state."""
    years = list(report.pipeline_by_year)
    if not years:
        return "<p>No case in the store.</p>"
    tallest = max(sum(states.values()) for states in report.pipeline_by_year.values())
    left, bottom, top = 50, 40, 20
    plot_h = height - bottom - top
    step = (width - left - 10) / len(years)
    bar = step * 0.7
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Cases per state by year" width="100%">']
    for tick in range(5):
        value = tallest * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{value:.0f}</text>')
    for index, year in enumerate(years):
        x = left + index * step + (step - bar) / 2
        y = top + plot_h
        for state in STATES:
            count = report.pipeline_by_year[year].get(state, 0)
            if not count:
                continue
            h = plot_h * count / tallest
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS[state]}"><title>{year}: {count} {state}</title></rect>')
        if len(years) <= 20 or index % 2 == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" font-size="11" '
                         f'text-anchor="middle">{year}</text>')
    legend_x = left
    for state in STATES:
        parts.append(f'<rect x="{legend_x}" y="{height - 14}" width="10" height="10" fill="{COLOURS[state]}"/>'
                     f'<text x="{legend_x + 14}" y="{height - 5}" font-size="11">{state.replace("_", " ")}</text>')
        legend_x += 130
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Section:
    """A table another service adds to the report (the rights requests): rendered as it comes."""

    title: str
    intro: str
    headers: list[str]
    rows: list[list]


def render_html(report: Report, sections: list[Section] = ()) -> str:
    verdict = ("intact" if report.journal.ok else
               f"BROKEN at entry {report.journal.first_bad}: {report.journal.problem}")
    period = (f"{report.period_from or 'the beginning'} to {report.period_to or report.as_of}")
    categories = sorted({c for by in report.cases_by_state_and_category.values() for c in by})
    state_rows = [[state, report.cases_by_state.get(state, 0),
                   *[report.cases_by_state_and_category.get(state, {}).get(c, 0) for c in categories]]
                  for state in STATES if report.cases_by_state.get(state)]
    shown = report.actions[-ACTIONS_SHOWN:]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Oubli retention report, {report.as_of}</title>
<style>
body {{ font-family: sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }}
h1 {{ margin-bottom: 0.2em; }} h2 {{ border-bottom: 2px solid #2b7bb9; padding-bottom: 0.2em; margin-top: 1.6em; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.5em 0; }}
th, td {{ border: 1px solid #bbb; padding: 3px 6px; font-size: 10.5pt; text-align: left; }}
th {{ background: #eef3f8; }} .ok {{ color: #2e7d32; font-weight: bold; }} .bad {{ color: #c62828; font-weight: bold; }}
.figures {{ display: flex; gap: 1em; flex-wrap: wrap; }}
.figure {{ border: 1px solid #ccc; border-radius: 6px; padding: 0.6em 1em; min-width: 9em; }}
.figure b {{ display: block; font-size: 1.6em; }}
@media print {{ body {{ margin: 0; max-width: none; }} h2 {{ page-break-after: avoid; }} tr {{ page-break-inside: avoid; }} }}
</style></head><body>
<h1>Retention report</h1>
<p>As of {_e(report.as_of)}; actions from {_e(period)}. Policy version {_e(report.policy[:16])}.
Audit journal: <span class="{'ok' if report.journal.ok else 'bad'}">{_e(verdict)}</span>
({report.journal.entries} entries).</p>
<div class="figures">
{''.join(f'<div class="figure"><b>{report.cases_by_state.get(s, 0)}</b>{s.replace("_", " ")}</div>' for s in STATES)}
<div class="figure"><b>{report.overdue_total}</b>due or overdue</div>
</div>
<h2>The pipeline by year</h2>
<p>Cases by the year their service ended (or opened, while it runs), coloured by state.</p>
{pipeline_chart(report)}
<h2>Cases per state and category</h2>
{_table(["state", "cases", *categories], state_rows)}
<h2>Due and overdue, and why</h2>
{_table(["why", "cases"], [[why, count] for why, count in sorted(report.overdue_by_reason.items())])}
{_table(["case", "state", "category", "next action", "due on", "why"],
        [[d.case_id, d.state, d.category, d.next_action, d.due_on, d.why] for d in report.overdue])}
{f'<p>The first {len(report.overdue)} of {report.overdue_total} are listed.</p>' if report.overdue_total > len(report.overdue) else ''}
<h2>Disposal lists and their visas</h2>
{_table(["list", "status", "created", "visa", "decided on", "decided by", "items"],
        [[d.id, d.status, d.created_on, d.visa_ref, d.decided_on, d.decided_by,
          ", ".join(f"{k} {v}" for k, v in sorted(d.items.items()))] for d in report.disposal_lists])}
<h2>Actions carried out in the period</h2>
{_table(["action", "cases or times"], [[a, n] for a, n in sorted(report.actions_by_type.items())])}
{_table(["journal entry", "at (UTC)", "actor", "action", "targets", "policy"],
        [[a.seq, a.at, a.actor, a.action, " ".join(a.targets[:5]) + (" ..." if len(a.targets) > 5 else ""),
          (a.policy or "")[:12]] for a in shown])}
{f'<p>The last {len(shown)} of {len(report.actions)} actions are listed; the JSON and CSV formats list them all.</p>' if len(report.actions) > len(shown) else ''}
{''.join(f"<h2>{_e(x.title)}</h2><p>{_e(x.intro)}</p>{_table(x.headers, x.rows)}" for x in sections)}
</body></html>
"""


def render_csv(report: Report, sections: list[Section] = ()) -> str:
    """One long table: section, then the section's fields; no cell a spreadsheet would run as a formula."""
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(["section", "a", "b", "c", "d", "e"])
    writer.writerow(["report", "as_of", report.as_of, "policy", report.policy, ""])
    writer.writerow(["journal", "ok" if report.journal.ok else "broken", report.journal.entries,
                     report.journal.first_bad or "", report.journal.problem or "", ""])
    for state, by_category in sorted(report.cases_by_state_and_category.items()):
        for category, count in sorted(by_category.items()):
            writer.writerow(["cases", state, category, count, "", ""])
    for year, states in report.pipeline_by_year.items():
        for state, count in sorted(states.items()):
            writer.writerow(["pipeline", year, state, count, "", ""])
    for due in report.overdue:
        writer.writerow(["overdue", due.case_id, due.state, due.next_action or "", due.due_on or "", due.why])
    for summary in report.disposal_lists:
        writer.writerow(["disposal_list", summary.id, summary.status, summary.visa_ref or "",
                         summary.decided_on or "", ";".join(f"{k}={v}" for k, v in sorted(summary.items.items()))])
    for action in report.actions:
        writer.writerow(["action", action.seq, action.at, action.action, " ".join(action.targets), action.policy or ""])
    for section in sections:
        for row in section.rows:
            writer.writerow([section.title, *row, *[""] * (5 - len(row))])
    return out.getvalue()
