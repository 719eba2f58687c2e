"""The auditors' report as an auditor reads it: in French, codes in words, the journal's head hash in
every format, the waiting for the archives' visa counted in days; and `oubli audit log` page by page."""

import csv
import html
import io
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.conftest import plainer_reading, sampling_birth_days
from tests.e2e.conftest import on_each_database, seeded_with_entry_4_tampered

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime.now(PARIS).date()
PROPOSED = TODAY - timedelta(days=40)  # the run that drew up the disposal list ran 40 days ago
# Codes of the vocabularies and of the journal that must never reach a French reader.
CODES = ["pending_disposal", "await_visa", "propose_disposal", "carry_out", "case.archived",
         "case.proposed_for_disposal", "hold.placed", "run.completed", "concern_only", "transfer_to_archives",
         "end_of_service", "archived", "active", "hold in force", "waiting for the archives' visa", "proposed",
         "Retention report", "None"]
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre")


def in_words(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}"


def proposed_40_days_ago(cli) -> str:
    """A store whose run proposed cases for disposal 40 days ago, one of them held since: its held case's id."""
    cli.start_from_seeded(cases=60, seed=5, as_of=PROPOSED.isoformat())
    assert cli.json("run", "--as-of", PROPOSED.isoformat())["proposed_for_disposal"] > 1
    [disposal_list] = cli.json("disposals", "list")
    held = disposal_list["items"][0]["case_id"]
    assert cli("holds", "place", held, "--reason", "Procédure en cours").returncode == 0
    return held


def report(cli, *options: str) -> str:
    result = cli("report", "retention", *options)
    assert result.returncode == 0, result.stderr
    return result.stdout


def csv_tables(text: str) -> dict[str, list[list[str]]]:
    """The CSV's tables by title: each a title row, a header row and its rows, ended by an empty row."""
    tables, rows = {}, list(csv.reader(io.StringIO(text)))
    while rows:
        end = rows.index([])
        tables[rows[0][0]] = rows[1:end]
        rows = rows[end + 1:]
    return tables


@on_each_database
def test_the_french_report_says_states_actions_and_categories_in_words_and_no_code(cli):
    proposed_40_days_ago(cli)
    page = report(cli)
    shown = html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.S))  # what the reader sees
    # "la base active" is the CNIL's French for the case system's live system, not the state's code.
    assert [code for code in CODES if code in shown.replace("base active", "base")] == []
    assert '<html lang="fr">' in page
    for french in ("Rapport de conservation des dossiers", "en attente d'élimination", "archivé",
                   "dossier proposé à l'élimination", "gel pour contentieux posé", "en attente du visa des Archives",
                   "information préoccupante sans mesure", "fin de la prise en charge", in_words(PROPOSED),
                   in_words(TODAY)):
        assert french in shown, french


@on_each_database
def test_the_head_hash_and_count_in_html_csv_and_json_are_those_audit_verify_prints(cli):
    proposed_40_days_ago(cli)
    verified = cli.json("audit", "verify")
    assert verified["ok"] is True and verified["entries"] > 0
    as_json = cli.json("report", "retention")["journal"]
    assert (as_json["head_hash"], as_json["entries"]) == (verified["head_hash"], verified["entries"])
    [header, row] = csv_tables(report(cli, "--format", "csv"))["Journal d'audit"]
    assert header == ["État de la chaîne", "Nombre d'entrées", "Empreinte de tête (SHA-256)",
                      "première entrée en défaut", "problème"]
    assert row[:3] == ["intact", str(verified["entries"]), verified["head_hash"]]
    page = report(cli)
    assert f'<td class="hash">{verified["head_hash"]}</td>' in page
    assert f"<td>{verified['entries']}</td>" in page
    # Later, as the README tells the auditor: the chain still passes through the hash kept.
    assert cli("holds", "place", cli.json("disposals", "list")[0]["items"][1]["case_id"], "--reason", "R").returncode == 0
    assert cli.json("audit", "verify")["head_hash"] != verified["head_hash"]
    [kept] = cli.json("audit", "log", "--after", str(verified["entries"] - 1), "--limit", "1")
    assert (kept["seq"], kept["hash"]) == (verified["entries"], verified["head_hash"])


@on_each_database
def test_a_broken_journal_is_reported_broken_with_no_head_hash_vouched_for(cli):
    seeded_with_entry_4_tampered(cli)
    page = report(cli)
    assert '<td class="bad">ROMPU à l&#x27;entrée 4' in page
    assert '<td class="hash">non établie : la chaîne est rompue</td>' in page and "0" * 64 not in page
    assert "pas encore classé" in page and "not yet planned" not in page  # seeded, never run
    [_, row] = csv_tables(report(cli, "--format", "csv"))["Journal d'audit"]
    assert row[:4] == ["rompu", "3", "", "4"]


@on_each_database
def test_each_case_waiting_for_the_visa_shows_the_day_it_was_proposed_and_the_days_waited(cli):
    held = proposed_40_days_ago(cli)
    [disposal_list] = cli.json("disposals", "list")
    waiting = {item["case_id"] for item in disposal_list["items"]} - {held}
    overdue = cli.json("report", "retention")["overdue"]
    shown = {due["case_id"]: due for due in overdue if due["why"] == "waiting for the archives' visa"}
    assert set(shown) == waiting
    assert {(due["list_id"], due["proposed_on"], due["days_waiting"]) for due in shown.values()} == {
        (disposal_list["id"], PROPOSED.isoformat(), 40)}
    case = sorted(waiting)[0]
    row = re.search(rf"<tr><td>{case}</td>.*?</tr>", report(cli)).group()
    assert f"<td>{in_words(PROPOSED)}</td>" in row and "<td class=n>40</td>" in row
    rows = csv_tables(report(cli, "--format", "csv"))["Dossiers échus, et pourquoi"]
    assert rows[0][-3:] == ["bordereau", "proposé le", "jours d'attente du visa"]
    assert [r[-3:] for r in rows[1:] if r[0] == case] == [[str(disposal_list["id"]), PROPOSED.isoformat(), "40"]]


def test_the_csv_has_one_titled_table_with_headers_per_section(cli):
    proposed_40_days_ago(cli)
    tables = csv_tables(report(cli, "--format", "csv"))
    assert list(tables) == ["Rapport", "Journal d'audit", "Règles de conservation",
                            "Échantillon conservé pour l'histoire", "Dossiers par état et catégorie",
                            "Les dossiers par année", "Dossiers échus, et pourquoi",
                            "Bordereaux d'élimination et visas",
                            "Ce que le logiciel métier détient encore au-delà de son délai", "Actions de la période",
                            "Demandes d'exercice des droits", "Refus par motif"]
    rules = tables["Règles de conservation"]
    assert rules[0] == ["catégorie", "point de départ", "archivage après", "durée en archive",
                        "à compter de la majorité", "sort final", "visa des Archives", "référence légale"]
    assert ["maltraitance (signalement au parquet)", "fin de la prise en charge", "dès la fin", "20 ans", "oui",
            "versement aux Archives départementales", "oui", "Code civil, art. 2226, al. 2 (violences commises contre "
            "un mineur) ; art. 2235 (la prescription ne court pas contre un mineur)"] in rules
    assert tables["Bordereaux d'élimination et visas"][0] == [
        "bordereau", "statut", "établi le", "référence du visa", "décision des Archives datée du", "enregistrée le",
        "enregistrée par",
        "proposé, en attente du visa", "visé, à exécuter", "refusé par les Archives départementales", "exécuté",
        "retiré (dossier rouvert)"]
    assert all(len(row) == len(table[0]) for table in tables.values() for row in table)


def test_the_report_is_in_english_on_request(cli):
    proposed_40_days_ago(cli)
    page = report(cli, "--lang", "en")
    assert '<html lang="en">' in page and "<h1>Retention report</h1>" in page
    for english in ("pending disposal", "case proposed for disposal", "waiting for the archives&#x27; visa",
                    "concern only, no measure", f"{PROPOSED.day} {PROPOSED:%B} {PROPOSED.year}",
                    "What the case system still holds past its time", "past the live-system delay: to move out of "
                    "daily use", "leaves the live system of the case system (IODAS, Solis...) 2 years after"):
        assert english in page, english
    assert "en attente d'élimination" not in page and "pending_disposal" not in page
    tables = csv_tables(report(cli, "--format", "csv", "--lang", "en"))
    assert tables["Audit journal"][0][:3] == ["Chain", "Entries", "Head hash (SHA-256)"]


def test_the_journal_is_pointed_to_not_copied_into_the_page(cli):
    proposed_40_days_ago(cli)
    entries = cli.json("audit", "log", "--action", "case.")
    page = report(cli)
    assert "<code>oubli audit log</code>" in page
    assert not [entry for entry in entries if entry["hash"] in page]
    assert "<td>" + entries[0]["at"] not in page


def test_audit_log_pages_with_after_and_limit_and_says_how_to_get_the_next_page(cli):
    proposed_40_days_ago(cli)
    every = [entry["seq"] for entry in cli.json("audit", "log")]
    assert len(every) > 60
    first = cli("audit", "log", "--limit", "5")
    assert first.returncode == 0, first.stderr
    assert f"next page: oubli audit log --after {every[4]} --limit 5" in first.stdout
    assert seqs_shown(first.stdout) == every[:5]
    second = cli("audit", "log", "--after", str(every[4]), "--limit", "5")
    assert seqs_shown(second.stdout) == every[5:10]
    default = cli("audit", "log")
    assert seqs_shown(default.stdout) == every[:50] and f"--after {every[49]}" in default.stdout
    assert [e["seq"] for e in cli.json("audit", "log", "--after", str(every[-3]))] == every[-2:]
    last = cli("audit", "log", "--after", str(every[-3]))
    assert seqs_shown(last.stdout) == every[-2:] and "next page" not in last.stdout


def test_audit_log_shows_details_as_fields_and_whole_times_in_paris_with_their_zone(cli):
    proposed_40_days_ago(cli)
    [entry] = cli.json("audit", "log", "--action", "case.proposed_for_disposal", "--limit", "1")
    shown = cli("audit", "log", "--action", "case.proposed_for_disposal", "--limit", "1").stdout
    paris = datetime.fromisoformat(entry["at"]).astimezone(PARIS)
    assert paris.strftime("%Y-%m-%d %H:%M:%S %Z") in shown and paris.tzname() in ("CET", "CEST")
    assert f"list id: {entry['details']['list_id']}" in shown
    assert f"final action: {entry['details']['final_action']}" in shown
    assert "{" not in shown and '":' not in shown


def seqs_shown(table: str) -> list[int]:
    return [int(match) for match in re.findall(r"^│ (\d+) +│", table, flags=re.M)]


def test_audit_log_since_reads_a_time_in_paris_as_the_table_shows_it(cli):
    proposed_40_days_ago(cli)
    every = cli.json("audit", "log")
    entry = every[len(every) // 2]
    shown = datetime.fromisoformat(entry["at"]).astimezone(PARIS).strftime("%Y-%m-%dT%H:%M:%S")
    since = cli.json("audit", "log", "--since", shown)
    assert entry in since and since == [e for e in every if e["at"] >= since[0]["at"]]
    # Read as UTC, the same figures are an hour or two after every entry, all written minutes ago.
    assert cli.json("audit", "log", "--since", shown + "+00:00") == []
    refused = cli("audit", "log", "--since", "yesterday")
    assert refused.returncode == 2 and "'yesterday' is not a day or time" in refused.stderr


def shown(page: str) -> str:
    """What a reader sees of the page: its text, tags and styles out, whitespace as single spaces."""
    return " ".join(html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.S)).split())


def test_the_policy_table_says_which_reading_is_in_force_in_french_and_in_english(cli, tmp_path):
    proposed_40_days_ago(cli)
    majority = "les durées en archive courent à compter de la majorité de l'enfant pour toutes les catégories (art. 2235)."
    assert f"Lecture en vigueur : {majority}" in shown(report(cli))
    assert ["Lecture en vigueur", majority] in csv_tables(report(cli, "--format", "csv"))["Rapport"]
    assert cli.json("report", "retention")["policy_reading"] == "from_majority"

    policy = tmp_path / "retention.yaml"
    policy.write_text(plainer_reading(), encoding="utf-8")
    cli.env["OUBLI_POLICY"] = str(policy)
    mixed = ("the archive periods run from majority for some categories, from the end of services for the others "
             "(see the table).")
    assert f"Reading in force: {mixed}" in shown(report(cli, "--lang", "en"))
    assert ["Reading in force", mixed] in csv_tables(report(cli, "--format", "csv", "--lang", "en"))["Report"]
    assert cli.json("report", "retention")["policy_reading"] == "mixed"


@on_each_database
def test_the_report_gives_the_sampling_rules_in_force_and_the_files_each_kept(cli, tmp_path):
    policy = tmp_path / "retention.yaml"
    policy.write_text(sampling_birth_days(plainer_reading(), range(1, 11)).replace("  one_in: null", "  one_in: 4"),
                      encoding="utf-8")
    cli.env["OUBLI_POLICY"] = str(policy)
    cli.start_from_seeded(cases=60, seed=5, as_of=TODAY.isoformat())
    cli.json("run", "--as-of", TODAY.isoformat())
    [disposal_list] = cli.json("disposals", "list")
    kept = {rule: sum(item["sampled_by"] == rule for item in disposal_list["items"]) for rule in ("share", "birth_days")}
    assert sum(kept.values()) > 0

    text = shown(report(cli))
    assert ("Échantillon conservé pour l'histoire Un dossier éliminable (destruction ou anonymisation) que l'une de ces "
            "règles choisit est versé aux Archives départementales au lieu d'être éliminé") in text
    assert (f"part stable des dossiers un dossier sur 4 {kept['share']} jours de naissance de l'enfant enfants nés "
            f"le 1er, 2, 3, 4, 5, 6, 7, 8, 9 ou 10 du mois {kept['birth_days']}") in text
    assert "initiale du nom" not in text  # not in force, and no file kept by it
    [header, *rows] = csv_tables(report(cli, "--format", "csv"))["Échantillon conservé pour l'histoire"]
    assert header == ["règle", "dossiers choisis (politique en vigueur)", "dossiers conservés par échantillon"]
    assert rows == [["part stable des dossiers", "un dossier sur 4", str(kept["share"])],
                    ["jours de naissance de l'enfant", "enfants nés le 1er, 2, 3, 4, 5, 6, 7, 8, 9 ou 10 du mois",
                     str(kept["birth_days"])]]
    english = shown(report(cli, "--lang", "en"))
    assert (f"a stable share of the files one file in 4 {kept['share']} the child's days of birth children born on day "
            f"1, 2, 3, 4, 5, 6, 7, 8, 9 or 10 of a month {kept['birth_days']}") in english
    assert cli.json("report", "retention")["sampled_by_rule"] == {rule: n for rule, n in kept.items() if n}

    cli.env["OUBLI_POLICY"] = str(tmp_path / "no sample.yaml")  # the archives dropped the sample since
    (tmp_path / "no sample.yaml").write_text(plainer_reading(), encoding="utf-8")
    rows = csv_tables(report(cli, "--format", "csv"))["Échantillon conservé pour l'histoire"][1:]
    assert rows == [[words, "n'est plus en vigueur", str(n)] for words, n in (
        ("part stable des dossiers", kept["share"]), ("jours de naissance de l'enfant", kept["birth_days"])) if n]


@on_each_database
def test_the_lists_section_dates_a_visa_as_the_archives_did_and_says_when_it_was_recorded(cli):
    proposed_40_days_ago(cli)
    [disposal_list] = cli.json("disposals", "list")
    visa_on = PROPOSED + timedelta(days=12)
    approved = cli("disposals", "approve", str(disposal_list["id"]), "--visa", "AD31-2026-122", "--visa-date",
                   visa_on.isoformat(), "--yes")
    assert approved.returncode == 0, approved.stderr
    row = re.search(rf"<tr><td>{disposal_list['id']}</td>.*?</tr>", report(cli)).group()
    assert f"<td>AD31-2026-122</td><td>{in_words(visa_on)}</td><td>{in_words(TODAY)}</td>" in row
    [header, *rows] = csv_tables(report(cli, "--format", "csv"))["Bordereaux d'élimination et visas"]
    [line] = [line for line in rows if line[0] == str(disposal_list["id"])]
    assert (line[header.index("décision des Archives datée du")], line[header.index("enregistrée le")]) == (
        visa_on.isoformat(), TODAY.isoformat())
