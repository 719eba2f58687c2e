"""The bordereau d'élimination as the Archives départementales read it, and the decisions around it: the
archives' reason for a refusal, the held items approve leaves out, a hold dated by its court order."""

import csv
import io
import os
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from casefiles.persistence.db import create_db_engine
from tests.conftest import plainer_reading, sampling_birth_days
from tests.e2e.conftest import on_each_database

# Approvals, refusals and holds are dated by the real clock, in Paris.
TODAY = datetime.now(ZoneInfo("Europe/Paris")).date()
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
REASON = "Intérêt historique : dossier à verser aux Archives"


def in_words(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def page_text(html_text: str) -> str:
    """What a reader sees of the page: its text, whitespace (non-breaking too) as single spaces."""
    parser = _Text()
    parser.feed(html_text.split("</style>", 1)[1])
    return " ".join(" ".join(parser.parts).replace("\xa0", " ").replace("\u202f", " ").split())


def proposed_list(cli, cases: int = 60) -> dict:
    cli.start_from_seeded(cases=cases, seed=5, as_of=TODAY.isoformat())
    assert cli.json("run", "--as-of", TODAY.isoformat())["proposed_for_disposal"] > 1
    [disposal_list] = cli.json("disposals", "list")
    return disposal_list


def row_text(html_text: str, item_id: int) -> str:
    """What a reader sees of one file's line on the bordereau."""
    row = re.search(rf'<tr><td class="num">{item_id}</td>.*?</tr>', html_text, flags=re.S)
    assert row, item_id
    return page_text("</style>" + row.group())


def exported(cli, list_id: int, folder) -> tuple[str, list[list[str]]]:
    written = cli.json("disposals", "export", str(list_id), "--out", str(folder), "--force")
    with open(written["html"], encoding="utf-8") as page, open(written["csv"], encoding="utf-8", newline="") as table:
        return page.read(), list(csv.reader(io.StringIO(table.read())))


def documents_bytes(cli, case_ids: list[str]) -> int:
    engine = create_db_engine(cli.db_url)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text(
                "SELECT SUM(COALESCE(LENGTH(sealed_text), LENGTH(text))) FROM documents WHERE case_id IN :ids"
            ).bindparams(sa.bindparam("ids", expanding=True)), {"ids": case_ids}).scalar()
    finally:
        engine.dispose()


@on_each_database
def test_the_bordereau_gives_the_service_the_series_each_file_its_usefulness_and_ground_the_totals_and_signatures(
        cli, tmp_path):
    disposal_list = proposed_list(cli)
    items = disposal_list["items"]
    html_text, rows = exported(cli, disposal_list["id"], tmp_path)
    text = page_text(html_text)
    assert f"Bordereau d'élimination n° {disposal_list['id']}" in text
    assert "Service producteur Conseil départemental, Aide sociale à l'enfance (CD000-ASE)" in text
    assert "Intitulé Dossiers individuels d'aide sociale à l'enfance" in text
    assert f"Établi le {in_words(TODAY.isoformat())}" in text
    for item in items:
        assert f"{item['case_id']} {in_words(item['opened_on'])} – {in_words(item['service_ended_on'])}" in text
        assert f"{item['child_initials']} ({item['child_birth_year']})" in text
    # The shipped policy counts from the child's majority (Code civil art. 2235) for every category.
    assert ("5 ans à compter de la fin de la prise en charge, ou de la majorité de l'enfant si elle est postérieure "
            "Code civil, art. 2224 (prescription de droit commun) ; art. 2235 (la prescription ne court pas contre "
            "un mineur)") in text
    assert "destruction" in text
    size = documents_bytes(cli, [item["case_id"] for item in items])
    assert f"Nombre de dossiers : {len(items)}" in text
    octets = f"{size:,}".replace(",", " ")
    assert f"Volume des documents : {size / 1e6:.2f}".replace(".", ",") + f" Mo ({octets} octets)" in text
    assert "Le chef du service producteur Nom et qualité : Date : Signature :" in text
    assert "Visa du directeur des Archives départementales Visa n° : Date : Signature et cachet :" in text
    # Printable on A4, the table's header on every page.
    assert "size: A4" in html_text and "<thead>" in html_text and "display: table-header-group" in html_text

    header, lines = rows[0], rows[1:]
    assert {"n° d'article", "référence du dossier", "date d'ouverture (AAAA-MM-JJ)",
            "fin de la prise en charge (AAAA-MM-JJ)", "initiales de l'enfant", "année de naissance de l'enfant",
            "durée d'utilité administrative", "fondement légal", "sort final", "volume (octets)"} <= set(header)
    assert not {"item", "case", "child", "born", "category", "final_action", "status"} & set(header)
    assert len(lines) == len(items) and sum(int(line[header.index("volume (octets)")]) for line in lines) == size
    assert {line[header.index("sort final")] for line in lines} == {"destruction"}
    assert all(line[header.index("fondement légal")].startswith("Code civil, art. 22") for line in lines)


@on_each_database
def test_a_file_the_sample_keeps_is_transferred_says_its_rule_on_its_line_and_is_counted_in_the_totals(cli, tmp_path):
    policy = tmp_path / "retention.yaml"
    policy.write_text(sampling_birth_days(plainer_reading(), range(1, 16)), encoding="utf-8")  # more files proposed
    cli.env["OUBLI_POLICY"] = str(policy)
    disposal_list = proposed_list(cli)
    sampled = [item for item in disposal_list["items"] if item["sampled_by"] == "birth_days"]
    others = [item for item in disposal_list["items"] if item["sampled_by"] is None]
    assert sampled and [item for item in others if item["final_action"] == "destroy"]
    html_text, rows = exported(cli, disposal_list["id"], tmp_path)
    text = page_text(html_text)
    assert ("Échantillon conservé pour l'histoire jours de naissance de l'enfant (enfants nés le 1er, 2, 3, 4, 5, 6, "
            "7, 8, 9, 10, 11, 12, 13, 14 ou 15 du mois)") in text
    for item in sampled:
        assert ("versement aux Archives départementales (échantillon : jours de naissance de l'enfant)"
                in row_text(html_text, item["id"]))
    assert not [item for item in others if "échantillon" in row_text(html_text, item["id"])]
    many = f"{len(sampled)} dossier{'s' if len(sampled) > 1 else ''}"
    assert (f"Conservés par échantillon, versés aux Archives départementales au lieu d'être éliminés : {many} Par "
            f"règle d'échantillonnage : jours de naissance de l'enfant : {many}") in text

    header, lines = rows[0], rows[1:]
    by_case = {line[header.index("référence du dossier")]: line for line in lines}
    column = header.index("conservé par échantillon (règle)")
    assert {by_case[item["case_id"]][column] for item in sampled} == {"jours de naissance de l'enfant"}
    assert {by_case[item["case_id"]][column] for item in others} == {""}
    assert {by_case[item["case_id"]][header.index("sort final")] for item in sampled} == {
        "versement aux Archives départementales"}


@on_each_database
def test_the_visa_block_gives_the_date_of_the_archives_decision_not_the_day_it_was_typed(cli, tmp_path):
    proposed_on = TODAY - timedelta(days=40)
    cli.start_from_seeded(cases=60, seed=5, as_of=proposed_on.isoformat())
    assert cli.json("run", "--as-of", proposed_on.isoformat())["proposed_for_disposal"] > 1
    [disposal_list] = cli.json("disposals", "list")
    visa_on = proposed_on + timedelta(days=12)
    approved = cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-121", "--visa-date",
                   visa_on.isoformat(), "--yes")
    assert approved.returncode == 0, approved.stderr
    text = page_text(exported(cli, disposal_list["id"], tmp_path)[0])
    assert (f"Visa du directeur des Archives départementales Visa n° : AD31-2026-121 Date : "
            f"{in_words(visa_on.isoformat())} Signature et cachet :") in text
    assert text.count(f"Visé le {in_words(visa_on.isoformat())} ; à exécuter.") == len(disposal_list["items"])


@on_each_database
def test_no_child_is_named_on_the_bordereau_only_initials_and_year_of_birth(cli, tmp_path):
    disposal_list = proposed_list(cli)
    html_text, rows = exported(cli, disposal_list["id"], tmp_path)
    flat = html_text + "\n".join(",".join(row) for row in rows)
    names = set()
    for item in disposal_list["items"]:
        case = cli.json("cases", "show", item["case_id"], "--reason", "contrôle du bordereau")
        names |= {part for p in case["participants"] for part in p["name"].split() if len(part) > 2}
    assert names and not [name for name in names if name in flat]


@on_each_database
def test_the_archives_reason_for_a_refusal_is_kept_and_shown_when_the_case_is_proposed_again(cli, tmp_path):
    disposal_list = proposed_list(cli)
    refused = disposal_list["items"][0]
    assert cli("disposals", "reject", str(disposal_list["id"]), "--items", str(refused["id"]), "--yes").returncode == 2
    assert cli("disposals", "reject", str(disposal_list["id"]), "--items", str(refused["id"]), "--reason", " ",
               "--yes").returncode == 1
    assert cli("disposals", "reject", str(disposal_list["id"]), "--items", str(refused["id"]), "--reason", REASON,
               "--yes").returncode == 0
    [item] = [i for i in cli.json("disposals", "show", str(disposal_list["id"]))["items"] if i["id"] == refused["id"]]
    assert (item["status"], item["rejection_reason"]) == ("rejected", REASON)
    assert REASON not in str(cli.json("audit", "log"))  # the archives' words may name people: not in the journal
    text = page_text(exported(cli, disposal_list["id"], tmp_path)[0])
    assert f"Refusé par les Archives le {in_words(TODAY.isoformat())}. Motif du refus : « {REASON} »." in text

    later = (TODAY + timedelta(days=366)).isoformat()  # the policy proposes a refused case again after a year
    cli.json("run", "--as-of", later)
    again = next(view for view in cli.json("disposals", "list") if view["id"] != disposal_list["id"])
    [item] = [i for i in again["items"] if i["case_id"] == refused["case_id"]]
    assert (item["refused_before_on"], item["refused_before_reason"]) == (TODAY.isoformat(), REASON)
    shown = cli("disposals", "show", str(again["id"]))
    assert REASON in shown.stdout
    text = page_text(exported(cli, again["id"], tmp_path)[0])
    assert f"Déjà proposé, refusé le {in_words(TODAY.isoformat())} : « {REASON} »." in text


@on_each_database
def test_approve_leaves_out_the_held_items_and_says_which_and_why(cli):
    disposal_list = proposed_list(cli)
    held = disposal_list["items"][1]
    placed_on = held["service_ended_on"]
    placed = cli.json("holds", "place", held["case_id"], "--reason", "Ordonnance du juge des enfants",
                      "--placed-on", placed_on)
    approved = cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-117", "--yes")
    assert approved.returncode == 0, approved.stderr
    assert f"Approved {len(disposal_list['items']) - 1} items" in approved.stdout
    assert (f"item {held['id']}, case {held['case_id']}: legal hold {placed['hold_id']} since {placed_on}"
            in approved.stdout)
    assert "Ordonnance" not in approved.stdout  # a hold's reason may name people: never printed here
    statuses = {i["id"]: i["status"] for i in cli.json("disposals", "show", str(disposal_list["id"]))["items"]}
    assert statuses.pop(held["id"]) == "proposed" and set(statuses.values()) == {"approved"}
    run = cli.json("run", "--as-of", TODAY.isoformat())
    assert run["destroyed"] == len(disposal_list["items"]) - 1
    assert cli.json("cases", "show", held["case_id"], "--reason", "contrôle du maintien")["state"] == "pending_disposal"

    again = cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-118", "--items",
                str(held["id"]), "--json", "--yes")
    assert again.returncode == 1 and "under a legal hold" in again.stderr and str(held["id"]) in again.stderr
    cli("holds", "lift", held["case_id"])
    answer = cli.json("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-118", "--items",
                      str(held["id"]), "--yes")
    assert (answer["approved"], answer["held"]) == ([held["id"]], [])


def test_a_hold_is_dated_by_its_court_order_never_in_the_future_nor_before_the_case(cli):
    cli.start_from_seeded(cases=60, seed=5, as_of=TODAY.isoformat())
    case_id = cli.json("cases", "list")["cases"][0]["id"]
    opened_on = cli.json("cases", "show", case_id)["opened_on"]
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    future = cli("holds", "place", case_id, "--reason", "Ordonnance", "--placed-on", tomorrow)
    assert future.returncode == 1 and f"--placed-on {tomorrow} is after today" in future.stderr
    before = (date.fromisoformat(opened_on) - timedelta(days=1)).isoformat()
    early = cli("holds", "place", case_id, "--reason", "Ordonnance", "--placed-on", before)
    assert early.returncode == 1 and f"before case {case_id} was opened ({opened_on})" in early.stderr
    assert cli("holds", "place", case_id, "--reason", "Ordonnance", "--placed-on", "3 mars").returncode == 2
    assert cli.json("holds", "list") == []
    cli.json("holds", "place", case_id, "--reason", "Ordonnance", "--placed-on", opened_on)
    [hold] = cli.json("holds", "list")
    assert (hold["case_id"], hold["placed_on"]) == (case_id, opened_on)


def command(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"the `{name}` command is required under CI (Debian package {package})")
        pytest.skip(f"the `{name}` command is not installed")
    return path


def test_the_bordereau_prints_on_a4_with_the_table_header_on_every_page_and_the_signatures_at_the_end(cli, tmp_path):
    chromium, pdftotext, pdfinfo = (command("chromium", "chromium"), command("pdftotext", "poppler-utils"),
                                    command("pdfinfo", "poppler-utils"))
    disposal_list = proposed_list(cli, cases=200)
    written = cli.json("disposals", "export", str(disposal_list["id"]), "--out", str(tmp_path / "out"))
    pdf = tmp_path / "bordereau.pdf"
    printed = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                              f"--print-to-pdf={pdf}", f"file://{written['html']}"], capture_output=True, text=True,
                             timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    assert printed.returncode == 0 and pdf.exists(), printed.stderr
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2

    def page(number: int) -> str:
        return " ".join(subprocess.run([pdftotext, "-f", str(number), "-l", str(number), str(pdf), "-"],
                                       capture_output=True, text=True, check=True).stdout.split())

    texts = [page(number) for number in range(1, pages + 1)]
    with_lines = [text for text in texts if any(item["case_id"] in text for item in disposal_list["items"])]
    assert len(with_lines) >= 2  # the totals and signatures may start a page of their own: no table there
    assert all("Référence du dossier" in text and "Sort final" in text for text in with_lines)
    assert f"Nombre de dossiers : {len(disposal_list['items'])}" in texts[-1]
    assert "Le chef du service producteur" in texts[-1] and "Visa du directeur des Archives" in texts[-1]
    assert all(item["case_id"] in " ".join(texts) for item in disposal_list["items"])
