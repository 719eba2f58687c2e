"""The access answer as the person receives it: a PDF that a standard tool opens with the passphrase the
DPO sends them, and only with it, in French words, with their documents masked and their data attached."""

import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from casefiles.crypto.passphrases import ENTROPY_BITS, LETTERS
from casefiles.kernel.calendar import french_date
from casefiles.persistence.db import create_db_engine
from tests.e2e.conftest import on_each_database

AS_OF = "2026-11-22"
# Codes of the store and labels of the detector that a lay reader must never meet (not "administrative",
# which is also the French word).
CODES = ["active", "archived", "parental_authority_holder", "foster_carer", "third_party", "sibling", "child",
         "PLACEMENT", "AEMO", "ACCUEIL_PROVISOIRE", "judicial", "home_visit_report",
         "situation_note", "evaluation_report", "letter_to_judge", "no_further_action", "reported_to_prosecutor",
         "last_name", "first_names", "birth_date", "birth_place", "caf_number", "PERSON", "LOCATION",
         "PHONE_NUMBER", "FR_NIR", "DATE_TIME", "AGE"]
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def command(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"the `{name}` command is required under CI (Debian package {package})")
        pytest.skip(f"the `{name}` command is not installed")
    return path


def placed_child(cli) -> dict:
    """The child of a case with a placement, with their birth date and the names of the others in it."""
    cli.start_from_seeded(cases=30, seed=3, as_of=AS_OF)
    engine = create_db_engine(cli.db_url)
    with engine.connect() as db:
        case_id, person_id = db.execute(sa.text(
            "SELECT p.case_id, p.person_id FROM participations p JOIN measures m ON m.case_id = p.case_id "
            "WHERE p.role = 'child' AND m.type = 'PLACEMENT' ORDER BY p.case_id LIMIT 1")).one()
        born = db.execute(sa.text("SELECT birth_date FROM persons WHERE id = :id"), {"id": person_id}).scalar_one()
        others = db.execute(sa.text(
            "SELECT DISTINCT q.first_names, q.last_name FROM participations p JOIN persons q ON q.id = p.person_id "
            "WHERE p.case_id = :case AND p.person_id <> :id AND p.role IN ('parent', 'foster_carer')"),
            {"case": case_id, "id": person_id}).all()
    engine.dispose()
    return {"id": person_id, "case": case_id, "born": date.fromisoformat(str(born)), "others": others}


def verified_request(cli, person_id: str) -> str:
    request_id = str(cli.json("requests", "open", "--kind", "access", "--subject", person_id, "--requester-name",
                              "X", "--capacity", "self", "--received", "2026-11-20")["id"])
    cli("requests", "verify-identity", request_id, "--method", "CNI")
    return request_id


def text_of(pdf: Path, password: str, folder: Path) -> str:
    plain = folder / "decrypted.pdf"
    subprocess.run([command("qpdf", "qpdf"), "--decrypt", f"--password={password}", str(pdf), str(plain)],
                   check=True, capture_output=True)
    return subprocess.run([command("pdftotext", "poppler-utils"), str(plain), "-"], capture_output=True, text=True,
                          check=True).stdout


@on_each_database
def test_the_pdf_opens_with_the_passphrase_printed_once_and_reads_in_french(cli, tmp_path):
    qpdf, pdftotext = command("qpdf", "qpdf"), command("pdftotext", "poppler-utils")
    child = placed_child(cli)
    request_id = verified_request(cli, child["id"])
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "reponse.pdf"
    written = cli("requests", "export", request_id, "--pdf", "--out", str(out))
    assert written.returncode == 0, written.stderr
    [passphrase] = re.findall(r"Passphrase \(shown this once; send it by another channel than the file\): (\S+)",
                              written.stdout)
    assert re.fullmatch(rf"[{LETTERS}]{{5}}(-[{LETTERS}]{{5}}){{4}}", passphrase) and ENTROPY_BITS >= 100
    assert written.stdout.count(passphrase) == 1 and passphrase not in written.stderr
    assert os.listdir(folder) == ["reponse.pdf"]  # no plaintext left beside it
    assert (out.stat().st_mode & 0o777) == 0o600 and out.read_bytes().startswith(b"%PDF-")

    shown = subprocess.run([qpdf, "--show-encryption", f"--password={passphrase}", str(out)], capture_output=True,
                           text=True, check=True).stdout
    assert "R = 6" in shown and "AESv3" in shown  # AES-256, the PDF 2.0 security handler
    for password in (None, "wrong-words-typed-here", passphrase.upper()):
        args = [f"--password={password}"] if password else []
        refused = subprocess.run([qpdf, "--decrypt", *args, str(out), str(tmp_path / "no.pdf")], capture_output=True,
                                 text=True)
        assert refused.returncode != 0 and "invalid password" in refused.stderr, password
    unreadable = subprocess.run([pdftotext, str(out), "-"], capture_output=True, text=True)
    assert unreadable.returncode != 0 and unreadable.stdout == ""

    text = text_of(out, passphrase, tmp_path)
    flat = " ".join(text.split())
    for words in ("Communication de vos données personnelles", "Pourquoi ces données sont traitées",
                  "CNIL", "Date de naissance", french_date(child["born"]), "enfant accompagné",
                  "Placement (mesure ordonnée par le juge des enfants)", "Informations préoccupantes",
                  "Vos documents", f"Dossier {child['case']}", "[parent"):
        assert words in flat, words
    assert re.search(r"(Note de situation|Rapport d'évaluation|Compte rendu de visite à domicile|Courrier au juge "
                     r"des enfants) du \d{1,2}(er)? [a-zéû]+ \d{4}", flat)
    for first_names, last_name in child["others"]:
        assert f"{first_names.split()[0]} {last_name}" not in flat, "another person's name is in clear"
    present = [code for code in CODES if re.search(rf"\b{code}\b", flat)]
    assert present == [] and not ISO_DATE.search(flat)

    journal = json.dumps(cli.json("audit", "log", "--action", "request.", "--limit", "100"))
    assert passphrase not in journal and '"format": "pdf"' in journal.replace("\\", "")
    assert passphrase not in json.dumps(cli.json("requests", "show", request_id))


def test_the_pdf_carries_the_same_data_as_json_and_opens_with_the_dpo_s_passphrase(cli, tmp_path):
    pdfdetach = command("pdfdetach", "poppler-utils")
    child = placed_child(cli)
    request_id = verified_request(cli, child["id"])
    secret = tmp_path / "secret.txt"
    secret.write_text("Phrase choisie par le délégué\n", encoding="utf-8")
    out = tmp_path / "reponse.pdf"
    written = cli.json("requests", "export", request_id, "--pdf", "--passphrase-file", str(secret), "--out", str(out))
    assert "passphrase" not in written and written["sha256"]
    text_of(out, "Phrase choisie par le délégué", tmp_path)
    subprocess.run([pdfdetach, "-saveall", "-o", str(tmp_path), str(tmp_path / "decrypted.pdf")], check=True)
    data = json.loads((tmp_path / "donnees.json").read_text(encoding="utf-8"))
    assert data["personne"]["id"] == child["id"] and data["personne"]["birth_date"] == child["born"].isoformat()
    assert [d["id"] for d in data["documents"]] and all(d["texte"] for d in data["documents"])
    assert cli.json("requests", "show", request_id)["status"] == "exported"  # answered once sent


def test_a_pdf_is_not_encrypted_to_an_age_key(cli, tmp_path):
    child = placed_child(cli)
    request_id = verified_request(cli, child["id"])
    refused = cli("requests", "export", request_id, "--pdf", "--recipient", "age1xyz", "--out", str(tmp_path / "r.pdf"))
    assert refused.returncode == 2 and "--recipient" in refused.stderr and not list(tmp_path.glob("*.pdf"))
    assert cli.json("requests", "show", request_id)["status"] == "identity_verified"  # nothing exported


def test_without_the_font_nothing_is_written_and_the_error_says_what_to_install(cli, tmp_path, monkeypatch):
    from subject_requests import access_pdf

    monkeypatch.setattr(access_pdf, "FONT_FOLDERS", (tmp_path,))  # a machine without DejaVu
    child = placed_child(cli)
    request_id = verified_request(cli, child["id"])
    refused = cli("requests", "export", request_id, "--pdf", "--out", str(tmp_path / "r.pdf"))
    assert refused.returncode == 1 and "fonts-dejavu-core" in refused.stderr and "Passphrase" not in refused.stdout
    assert not list(tmp_path.glob("*.pdf")) and cli.json("requests", "show", request_id)["status"] == "identity_verified"
