"""`oubli detect` and `oubli detect-eval` as a DPO or a script uses them."""

import json

import pytest

from tests.e2e.conftest import Cli

NOTE = ("VAD le 3 janvier 2026 : Mme DUPONT Marie présente, tél. 06 12 34 56 78. "
        "Lucas (7 ans) dort. Logement 12 bis rue Paul Bert 31000 Toulouse. Vu avec l'ASE.")


@pytest.fixture
def offline_cli(tmp_path) -> Cli:
    """No database: detection on files needs none."""
    return Cli("sqlite:///unused.db", tmp_path / "home")


def test_json_gives_labels_and_offsets_but_never_the_values(offline_cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    result = offline_cli("detect", str(note), "--json", db=False)
    assert result.returncode == 0, result.stderr
    entities = json.loads(result.stdout)
    assert [(e["label"], NOTE[e["start"]:e["end"]]) for e in entities] == [
        ("DATE_TIME", "3 janvier 2026"), ("PERSON", "DUPONT Marie"), ("PHONE_NUMBER", "06 12 34 56 78"),
        ("PERSON", "Lucas"), ("AGE", "7 ans"), ("LOCATION", "12 bis rue Paul Bert 31000 Toulouse")]
    assert all({"label", "start", "end", "score", "recognizer"} <= set(e) for e in entities)
    assert "DUPONT" not in result.stdout and "06 12" not in result.stdout


def test_redact_reads_standard_input(offline_cli):
    result = offline_cli("detect", "--redact", db=False, input=NOTE)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("VAD le [DATE_TIME] : Mme [PERSON] présente, tél. [PHONE_NUMBER]. [PERSON] ([AGE]) dort. "
                             "Logement [LOCATION]. Vu avec l'ASE.")


def test_the_table_of_a_text_with_thousands_of_findings_lists_each_once(offline_cli, tmp_path):
    """Printed as several tables, so that a long text's table is not laid out whole in memory."""
    phones = [f"06 12 {n // 100:02d} {n % 100:02d} 78" for n in range(2500)]
    note = tmp_path / "note.txt"
    note.write_text("Numéros à joindre : " + " ; ".join(f"tél. {phone}" for phone in phones) + ".", encoding="utf-8")
    text = note.read_text(encoding="utf-8")
    found = json.loads(offline_cli("detect", str(note), "--json", db=False).stdout)
    result = offline_cli("detect", str(note), db=False)
    assert result.returncode == 0, result.stderr
    assert len(found) > 2000 and result.stdout.rstrip().endswith(f"\n{len(found)} entities found.")
    rows = [line.split("┃" if "┃" in line else "│") for line in result.stdout.splitlines() if "Recognizer" in line]
    assert [(row[1].strip(), row[2].strip(), row[6].strip()) for row in rows] == [
        (e["label"], str(e["start"]), text[e["start"]:e["end"]]) for e in found]


def test_the_first_detection_keeps_its_compiled_patterns_for_the_next_ones(offline_cli):
    cache = offline_cli.home / "cache"
    cache.mkdir(parents=True)
    former = cache / "tokenizer-patterns-fr_core_news_sm-3.8.0-spacy-3.8.18-cpython-3.11.7.msgpack"
    former.write_bytes(b"left by a former version")
    assert offline_cli("detect", "--redact", db=False, input=NOTE).returncode == 0
    [kept] = cache.iterdir()
    assert kept.name.startswith("compiled-patterns-cpython-")
    assert kept.stat().st_mode & 0o777 == 0o600
    written = kept.stat().st_mtime_ns
    again = offline_cli("detect", "--redact", db=False, input=NOTE)
    assert again.returncode == 0 and "[PHONE_NUMBER]" in again.stdout
    assert [path.stat().st_mtime_ns for path in cache.iterdir()] == [written]
    kept.write_bytes(b"damaged")
    assert offline_cli("detect", "--redact", db=False, input=NOTE).stdout == again.stdout
    assert kept.stat().st_size > 1_000_000 and kept.stat().st_mode & 0o777 == 0o600


def test_jsonl_writes_one_line_per_input_in_order_with_two_processes(cli_process, tmp_path):
    """A process of its own: the detector's workers are forked from it."""
    lines = [{"id": f"doc-{n}", "text": text} for n, text in enumerate([NOTE, "", "Rien à signaler.", NOTE] * 20)]
    source = tmp_path / "notes.jsonl"
    source.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    result = cli_process("detect", "--jsonl", str(source), "--processes", "2", db=False)
    assert result.returncode == 0, result.stderr
    output = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in output] == [line["id"] for line in lines]
    assert [len(o["entities"]) for o in output[:4]] == [6, 0, 0, 6]
    assert set(output[0]["entities"][0]) == {"label", "start", "end", "score"}


def test_bad_input_is_refused_clearly_and_empty_input_gives_nothing(offline_cli, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Mme Hélène DUPRÉ".encode("latin-1"))
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    bad_lines = tmp_path / "bad.jsonl"
    bad_lines.write_text('{"id": 1, "text": "ok"}\nnot json\n{"id": 3}\n', encoding="utf-8")

    not_utf8 = offline_cli("detect", str(latin), db=False)
    assert not_utf8.returncode == 1 and "is not UTF-8 text" in not_utf8.stderr and "iconv" in not_utf8.stderr
    assert "DUPR" not in not_utf8.stderr
    looks_binary = offline_cli("detect", str(binary), db=False)
    assert looks_binary.returncode == 1 and "looks binary" in looks_binary.stderr
    nothing = offline_cli("detect", str(empty), "--json", db=False)
    assert nothing.returncode == 0 and json.loads(nothing.stdout) == []
    invalid = offline_cli("detect", "--jsonl", str(bad_lines), db=False)
    assert invalid.returncode == 1 and invalid.stdout == ""
    assert "line 2" in invalid.stderr and "line 3" in invalid.stderr and "nothing was analysed" in invalid.stderr


def test_case_participants_are_found_and_tagged(cli, tmp_path):
    cli("seed", "--cases", "2", "--seed", "9", "--as-of", "2026-11-22")
    [case] = cli.json("cases", "list", "--limit", "1")["cases"]
    detail = cli.json("cases", "show", case["id"])
    child = next(p for p in detail["participants"] if p["role"] == "child")
    first_name = child["name"].split()[0]
    note = tmp_path / "note.txt"
    note.write_text(f"Ce jour, {first_name.lower()} est venu seul au rendez-vous.", encoding="utf-8")
    result = cli("detect", str(note), "--case", case["id"], "--json")
    assert result.returncode == 0, result.stderr
    [mention] = [e for e in json.loads(result.stdout) if e["label"] == "PERSON"]
    assert mention["person_id"] == child["person_id"] and "child" in mention["role"]
    unknown = cli("detect", str(note), "--case", "D-0-0000000")
    assert unknown.returncode == 1 and "no case has the id D-0-0000000" in unknown.stderr


def test_detect_eval_prints_scores_beside_stock_presidio(offline_cli, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    text = "Tél. de Mme DUPONT : 06 12 34 56 78."
    corpus.write_text(json.dumps({"id": "a", "text": text, "entities": [
        {"label": "PERSON", "start": 12, "end": 18}, {"label": "PHONE_NUMBER", "start": 21, "end": 35}]}) + "\n",
        encoding="utf-8")
    result = offline_cli("detect-eval", str(corpus), "--json", db=False)
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert set(scores) == {"oubli", "oubli + known persons", "stock presidio"}
    assert scores["oubli"]["PHONE_NUMBER"]["recall"] == 1.0 and scores["oubli"]["PERSON"]["recall"] == 1.0
    assert scores["oubli"]["ALL"]["gold"] == 2


def test_detect_eval_gives_the_share_of_hard_negatives_flagged(offline_cli, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    text = "Vu par l'ASE le 3 mars 2024, RG 24/00417 ; la MDS de Muret rappellera."
    negatives = [{"start": text.index(word), "end": text.index(word) + len(word)}
                 for word in ("ASE", "RG 24/00417", "MDS", "3 mars 2024")]  # the last one is a date after all
    corpus.write_text(json.dumps({"id": "a", "text": text, "entities": [], "negatives": negatives}) + "\n",
                      encoding="utf-8")
    result = offline_cli("detect-eval", str(corpus), "--json", "--no-stock", db=False)
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)["oubli"]["ALL"]
    assert scores["negatives"] == 4 and scores["negatives_flagged"] == 0.25
    printed = offline_cli("detect-eval", str(corpus), "--no-stock", db=False)
    assert "Hard negatives flagged (a finding overlaps them): oubli 1 of 4 (0.250)" in printed.stdout
