"""`oubli report`: reports for auditors."""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from oubli.cli.context import open_app
from oubli.cli.output import console, day_option, emit_json, emit_text, json_text

if TYPE_CHECKING:
    from retention.labels import Language
    from retention.report_render import Section
    from subject_requests.report import RequestsReport

app = typer.Typer(help="Reports for auditors.\n\nExample: oubli report retention --format html --out report.html",
                  no_args_is_help=True)


class Format(StrEnum):
    HTML = "html"
    CSV = "csv"
    JSON = "json"


class Lang(StrEnum):
    """retention.labels.Language, here so that the command's help does not load the retention package."""

    FR = "fr"
    EN = "en"


@app.command("retention")
def retention_command(
    ctx: typer.Context,
    period_from: str = typer.Option(None, "--from", metavar="YYYY-MM-DD", help="Actions from this day."),
    period_to: str = typer.Option(None, "--to", metavar="YYYY-MM-DD", help="Actions up to this day."),
    output_format: Format = typer.Option(Format.HTML, "--format", help="html (one self-contained page), csv or json."),
    out: Path = typer.Option(None, "--out", dir_okay=False,
                             help="Write to this new file, mode 0600 (default: standard output)."),
    force: bool = typer.Option(False, "--force", help="Replace the file at --out if there is one."),
    as_json: bool = typer.Option(False, "--json", help="The same as --format json."),
    lang: Lang = typer.Option(Lang.FR, "--lang", help="The language of the HTML and CSV: fr (default) or en; "
                                                       "the JSON keeps its codes whatever the language."),
) -> None:
    """The retention report, in French unless --lang en: the journal's check, head hash and entry count;
    the retention rules of the policy in force; cases per state and category; what is due or overdue and
    why (for a case waiting for the archives' visa, the day it was proposed and the days waited);
    disposal lists and their visas; the actions of the period, counted (their entries are read with
    `oubli audit log`); and the rights requests received in the period (answered on time, late, median
    answer time, refusals by ground). The CSV holds one table per section, each under its title and
    headers.

    Example: oubli report retention --from 2026-01-01 --to 2026-12-31 --format html --out report.html
    """
    from casefiles.crypto.private_files import write_private
    from retention.labels import Language
    from retention.report import build_report
    from retention.report_render import render_csv, render_html
    from subject_requests.report import build_requests_report

    start, end = day_option(period_from, "--from"), day_option(period_to, "--to")
    app_ = open_app(ctx)
    with app_.engine.connect() as connection:
        report = build_report(connection, app_.policy(), app_.today(), start, end)
        requests = build_requests_report(connection, app_.today(), start, end)
    if as_json or output_format == Format.JSON:
        text = json_text(dataclasses.asdict(report) | {"requests": requests})
    else:
        language = Language(lang.value)
        sections = requests_sections(requests, language)
        render = render_html if output_format == Format.HTML else render_csv
        text = render(report, sections, language)
    if out is None:
        emit_text(text)
        return
    write_private(out, text.encode("utf-8"), replace=force)
    console.print(f"Report written to {out.resolve()}", highlight=False)


def requests_sections(requests: RequestsReport, language: Language) -> list[Section]:
    from casefiles.kernel.vocabulary import RequestKind
    from retention.labels import Language, words
    from retention.report_render import Section

    def t(french: str, english: str) -> str:
        return french if language == Language.FR else english

    median = ("-" if requests.median_days_to_answer is None
              else f"{requests.median_days_to_answer:g} {t('jours', 'days')}")
    return [
        Section(t("Demandes d'exercice des droits", "Rights requests"),
                t("Demandes reçues dans la période, où elles en sont aujourd'hui (articles 12 et 15 à 21 du RGPD).",
                  "Requests received in the period, as they stand today (GDPR arts. 12 and 15-21)."),
                [t("indicateur", "figure"), t("demandes", "requests")],
                [[t("reçues", "received"), requests.received],
                 *[[f"{t('reçues', 'received')} : {words(RequestKind, kind, language)}" if language == Language.FR
                    else f"received: {words(RequestKind, kind, language)}", count]
                   for kind, count in requests.received_by_kind.items()],
                 [t("répondues", "answered"), requests.answered],
                 [t("répondues dans le délai", "answered on time"), requests.answered_on_time],
                 [t("répondues en retard", "answered late"), requests.answered_late],
                 [t("en cours", "open"), requests.open],
                 [t("en cours, délai dépassé", "open and overdue"), requests.open_overdue],
                 [t("retirées", "withdrawn"), requests.withdrawn],
                 [t("délai médian de réponse", "median time to answer"), median]]),
        Section(t("Refus par motif", "Refusals by ground"),
                t("Enregistrements refusés, par article du motif invoqué.",
                  "Records refused, by the article of the ground given."),
                [t("motif", "ground"), t("enregistrements", "records")],
                [[ground, count] for ground, count in requests.refusals_by_ground.items()]),
    ]


@app.command("anonymisation")
def anonymisation_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """What anonymisation kept: the k the policy asks for and the k reached (the smallest group of
    statistical records sharing the same birth years, sex, département, service end, measures and
    durations), the share of anonymised cases suppressed because they could not reach k, and the
    highest re-identification risk (1 / the smallest group).

    Example: oubli report anonymisation --json
    """
    from retention.anonymisation import anonymisation_report

    app_ = open_app(ctx)
    with app_.uow().reading() as uow:
        report = anonymisation_report(uow.session, app_.policy())
    if as_json:
        emit_json(dataclasses.asdict(report))
        return
    if not report.records:
        console.print(f"No statistical records yet ({report.cases_anonymised} cases anonymised, k = {report.k}).",
                      highlight=False)
        return
    console.print(f"{report.records} statistical records at generalisation level {report.level}; k asked {report.k}, "
                  f"k reached {report.k_reached}; {report.suppressed} of {report.cases_anonymised} anonymised cases "
                  f"suppressed ({report.share_suppressed:.1%}); highest re-identification risk "
                  f"{report.max_risk:.3f}.", highlight=False)
