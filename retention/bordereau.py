"""The bordereau d'élimination as the Archives départementales know it: a printable A4 page and a CSV, in
French, from a disposal list's plain values and the policy.

The producing service and the series, one line per file (reference, dates extrêmes, the child's initials and
year of birth, never a name), the durée d'utilité administrative with its legal ground, the sort final, the
volume of the documents, the archives' earlier refusals; a file the policy's sample keeps for history says which
rule kept it (its sort final is then the transfer); the totals, the sample's too; the signature of the head of the
producing service and the visa of the director of the Archives départementales (Code du patrimoine L212-2,
R212-14: no public archive is eliminated without that visa)."""

from __future__ import annotations

import html
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from casefiles.kernel.calendar import french_date
from casefiles.kernel.csv_cells import CsvWriter
from casefiles.kernel.vocabulary import DisposalStatus, SamplingRule
from retention.labels import Language, legal_ground, sample_in_force, words
from retention.policy import Category, FinalAction, Policy, Rule

if TYPE_CHECKING:  # disposals writes the bordereau with this module
    from retention.disposals import ItemView, ListView

SERIES_TITLE = "Dossiers individuels d'aide sociale à l'enfance"
CSV_COLUMNS = ("n° d'article", "référence du dossier", "date d'ouverture (AAAA-MM-JJ)",
               "fin de la prise en charge (AAAA-MM-JJ)", "initiales de l'enfant", "année de naissance de l'enfant",
               "catégorie", "durée d'utilité administrative", "fondement légal", "sort final", "volume (octets)",
               "proposé le (AAAA-MM-JJ)", "statut", "motif du refus", "refus précédent (AAAA-MM-JJ)",
               "motif du refus précédent", "conservé par échantillon (règle)")


def administrative_usefulness(rule: Rule) -> str:
    """The durée d'utilité administrative in words, as the lifecycle counts it (retention/lifecycle.py)."""
    years = f"{rule.keep_archived_years} an{'s' if rule.keep_archived_years > 1 else ''}"
    if rule.count_from_majority:
        return f"{years} à compter de la fin de la prise en charge, ou de la majorité de l'enfant si elle est postérieure"
    return f"{years} à compter de la fin de la prise en charge"


@dataclass(frozen=True)
class Line:
    """One file on the bordereau, in the archives' words."""

    item: ItemView
    category: str
    usefulness: str
    ground: str
    final_action: str
    status: str
    sample: str  # the sampling rule that kept the file for history, or ""


def _sample(item: ItemView) -> str:
    return words(SamplingRule, item.sampled_by, Language.FR) if item.sampled_by else ""


def _line(item: ItemView, policy: Policy) -> Line:
    rule = policy.rule(Category(item.category))
    return Line(item, words(Category, rule.category, Language.FR), administrative_usefulness(rule), legal_ground(rule),
                words(FinalAction, item.final_action, Language.FR), words(DisposalStatus, item.status, Language.FR),
                _sample(item))


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.2f}".replace(".", ",")


def _kilobytes(size: int | None) -> str:
    return "non mesuré" if size is None else f"{size / 1000:.1f}".replace(".", ",")


def _e(value: object) -> str:
    return html.escape(str(value))


def _visa_date(item: ItemView, view: ListView) -> date | None:
    """The date of the visa that approved the item: the archives' own (the list's visa_on) when the item was
    approved by the list's latest decision, else the day its approval was recorded."""
    if view.visa_on and item.decided_on == view.decided_on:
        return view.visa_on
    return item.decided_on


def _decision(item: ItemView, view: ListView) -> str | None:
    """What became of the item, dated, for the observations (None while it awaits the visa)."""
    decided = french_date(item.decided_on) if item.decided_on else None
    if item.status in (DisposalStatus.APPROVED, DisposalStatus.DONE):
        visa_on = _visa_date(item, view)
        visa = f"Visé le {french_date(visa_on)}" if visa_on else "Visé"
        if item.status == DisposalStatus.APPROVED:
            return f"{visa} ; à exécuter."
        return f"{visa} ; exécuté le {french_date(item.carried_out_on)}." if item.carried_out_on else f"{visa} ; exécuté."
    if item.status == DisposalStatus.REJECTED:
        return f"Refusé par les Archives le {decided}."
    if item.status == DisposalStatus.WITHDRAWN:
        return f"Retiré le {decided} : dossier rouvert."
    return None


def _observations(item: ItemView, view: ListView) -> str:
    notes = [_decision(item, view)]
    if item.rejection_reason:
        notes.append(f"Motif du refus : « {item.rejection_reason} ».")
    if item.refused_before_on:
        reason = f" : « {item.refused_before_reason} »" if item.refused_before_reason else ""
        notes.append(f"Déjà proposé, refusé le {french_date(item.refused_before_on)}{reason}.")
    return " ".join(_e(note) for note in notes if note)


def _row(line: Line, view: ListView) -> str:
    item = line.item
    sample = f"<br><small>(échantillon\u00a0: {_e(line.sample)})</small>" if line.sample else ""
    born = f" ({item.child_birth_year})" if item.child_birth_year else " (année inconnue)"
    cells = (
        f'<td class="num">{item.id}</td>', f'<td class="ref">{_e(item.case_id)}</td>',
        f"<td>{_e(french_date(item.opened_on))}&nbsp;–<br>{_e(french_date(item.service_ended_on))}</td>",
        f"<td>{_e(item.child_initials)}{born}</td>", f"<td>{_e(line.category)}</td>",
        f"<td>{_e(line.usefulness)}<br><small>{_e(line.ground)}</small></td>", f"<td>{_e(line.final_action)}{sample}</td>",
        f'<td class="num">{_kilobytes(item.document_bytes)}</td>', f"<td>{_observations(item, view)}</td>",
    )
    return "<tr>" + "".join(cells) + "</tr>"


def _files(count: int) -> str:
    return f"{count} dossier{'s' if count > 1 else ''}"


def _totals(view: ListView) -> str:
    measured = [item.document_bytes for item in view.items if item.document_bytes is not None]
    unmeasured = len(view.items) - len(measured)
    octets = f"{sum(measured):,}".replace(",", "\u202f")  # thousands as French writes them: 97 009
    volume = f"{_megabytes(sum(measured))} Mo ({octets} octets)"
    if unmeasured:
        volume += f", sans {_files(unmeasured)} proposés avant que le volume soit mesuré"
    by_action = Counter(words(FinalAction, item.final_action, Language.FR) for item in view.items)
    actions = "".join(f"<li>{_e(action)} : {_files(n)}</li>" for action, n in sorted(by_action.items()))
    return (f'<section class="totals"><h2>Totaux</h2><p>Nombre de dossiers : <strong>{len(view.items)}</strong><br>'
            f"Volume des documents : <strong>{_e(volume)}</strong></p><p>Par sort final :</p><ul>{actions}</ul>"
            f"{_sample_totals(view)}</section>")


def _sample_totals(view: ListView) -> str:
    """How many files the sample keeps for history, by rule: versés au lieu d'être éliminés."""
    by_rule = Counter(item.sampled_by for item in view.items if item.sampled_by)
    if not by_rule:
        return ""
    rules = "".join(f"<li>{_e(words(SamplingRule, rule, Language.FR))} : {_files(by_rule[rule])}</li>"
                    for rule in [*SamplingRule, *sorted(set(by_rule) - set(SamplingRule))] if by_rule[rule])
    return (f"<p>Conservés par échantillon, versés aux Archives départementales au lieu d'être éliminés : "
            f"<strong>{_files(sum(by_rule.values()))}</strong></p><p>Par règle d'échantillonnage :</p><ul>{rules}</ul>")


def _sampling(policy: Policy) -> str:
    """The policy's sampling rules in force, with their figures, in the order they are checked."""
    rules = policy.sampling.rules
    if not rules:
        return "aucun"
    return " ; ".join(f"{words(SamplingRule, rule, Language.FR)} ({sample_in_force(rule, policy.sampling, Language.FR)})"
                      for rule in rules)


def _signatures(view: ListView) -> str:
    blank = "<span class=\"blank\"></span>"
    visa = _e(view.visa_ref) if view.visa_ref else blank
    dated = view.visa_on or view.decided_on  # the archives' date on their decision; the day it was typed before it
    visa_on = _e(french_date(dated)) if view.visa_ref and dated else blank
    return f"""<section class="signatures">
<div class="signature"><h3>Le chef du service producteur</h3>
<p>Nom et qualité : {blank}</p><p>Date : {blank}</p><p>Signature :</p></div>
<div class="signature"><h3>Visa du directeur des Archives départementales</h3>
<p>Visa n° : {visa}</p><p>Date : {visa_on}</p><p>Signature et cachet :</p></div>
</section>"""


STYLE = """@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 8.5pt; color: #000; margin: 0; }
h1 { font-size: 15pt; margin: 0 0 3mm; } h2 { font-size: 11pt; margin: 5mm 0 2mm; } h3 { font-size: 9.5pt; margin: 0 0 3mm; }
.entete { border-collapse: collapse; margin-bottom: 4mm; } .entete th { text-align: left; padding: 0.6mm 4mm 0.6mm 0; }
.entete td { padding: 0.6mm 0; }
table.articles { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.articles thead { display: table-header-group; }
table.articles tr { break-inside: avoid; page-break-inside: avoid; }
table.articles th, table.articles td { border: 0.5pt solid #444; padding: 1mm 0.8mm; vertical-align: top; text-align: left; }
table.articles th { background: #e6e6e6; font-weight: bold; font-size: 8pt; }
table.articles td { overflow-wrap: break-word; font-size: 8pt; }
.num, .ref { white-space: nowrap; } .num { text-align: right; } small { color: #333; }
.closing, .totals, .signatures { break-inside: avoid; page-break-inside: avoid; }  /* signed under the totals */
.signatures { display: flex; gap: 8mm; margin-top: 6mm; }
.signature { flex: 1; border: 0.5pt solid #444; padding: 3mm; min-height: 48mm; }
.signature p { margin: 0 0 5mm; }
.blank { display: inline-block; min-width: 45mm; border-bottom: 0.5pt dotted #000; }
@media screen { body { max-width: 190mm; margin: 2em auto; } }"""


def render_html(view: ListView, policy: Policy) -> str:
    """The printable bordereau: A4, the table's header repeated on each page, the totals and signatures kept whole
    and together."""
    agency = policy.archives.originating_agency
    policy_note = f"version {view.policy[:12]}"
    if view.policy != policy.version:
        policy_note += (f" ; les durées indiquées sont celles de la politique en vigueur (version {policy.version[:12]}), "
                        "modifiée depuis l'établissement du bordereau")
    rows = "\n".join(_row(_line(item, policy), view) for item in view.items)
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Bordereau d'élimination n° {view.id}</title>
<style>
{STYLE}
</style></head><body>
<h1>Bordereau d'élimination n° {view.id}</h1>
<table class="entete">
<tr><th>Service producteur</th><td>{_e(agency.name)} ({_e(agency.identifier)})</td></tr>
<tr><th>Intitulé</th><td>{_e(SERIES_TITLE)}</td></tr>
<tr><th>Établi le</th><td>{_e(french_date(view.created_on))}</td></tr>
<tr><th>Politique de conservation</th><td>{_e(policy_note)}</td></tr>
<tr><th>Échantillon conservé pour l'histoire</th><td>{_e(_sampling(policy))}</td></tr>
</table>
<p>Demande d'autorisation d'éliminer des archives publiques dont la durée d'utilité administrative est échue
(Code du patrimoine, art. L212-2 et R212-14 : aucune élimination sans le visa des Archives départementales).
Chaque enfant n'est désigné que par ses initiales et son année de naissance.</p>
<table class="articles">
<colgroup><col style="width:4%"><col style="width:12%"><col style="width:11%"><col style="width:10%">
<col style="width:13%"><col style="width:14%"><col style="width:15%"><col style="width:7%"><col style="width:14%">
</colgroup>
<thead><tr><th>N°</th><th>Référence du dossier</th><th>Dates extrêmes (ouverture – fin de prise en charge)</th>
<th>Enfant : initiales (année de naissance)</th><th>Catégorie</th><th>Durée d'utilité administrative et fondement</th>
<th>Sort final</th><th>Volume (Ko)</th><th>Observations</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<div class="closing">
{_totals(view)}
{_signatures(view)}
</div>
</body></html>
"""


def render_csv(view: ListView, policy: Policy) -> str:
    """The same lines for a spreadsheet: French headers, dates in ISO form as the headers say."""
    table = io.StringIO(newline="")
    writer = CsvWriter(table)
    writer.writerow(CSV_COLUMNS)
    for item in view.items:
        line = _line(item, policy)
        writer.writerow((item.id, item.case_id, item.opened_on.isoformat(), item.service_ended_on.isoformat(),
                         item.child_initials, item.child_birth_year or "", line.category, line.usefulness, line.ground,
                         line.final_action, "" if item.document_bytes is None else item.document_bytes,
                         item.due_on.isoformat(), line.status, item.rejection_reason or "",
                         item.refused_before_on.isoformat() if item.refused_before_on else "",
                         item.refused_before_reason or "", line.sample))
    return table.getvalue()
