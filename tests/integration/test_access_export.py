"""The access export: encrypted in the age format that the standard `age` command opens, other
people masked, the DPO's summary first, the journal holding only the digest."""

import hashlib
import io
import json
import os
import pty
import re
import select as io_select
import subprocess
import tarfile

import pyrage
import pytest
from sqlalchemy import select

from anonymizer.engine import Detector
from casefiles.kernel.errors import InvalidInput
from casefiles.kernel.vocabulary import Capacity, Channel, RequestKind
from casefiles.people.persons import identities
from casefiles.persistence.models import JournalEntry, Participation
from subject_requests.access_export import export_access
from subject_requests.decide import decide
from subject_requests.gather import gather_subject
from subject_requests.information import load_information
from subject_requests.masking_settings import MaskingSettings
from subject_requests.register import open_request, show_request, verify_identity
from synthetic.prose import in_numbers, in_words
from synthetic.seed import seed_cases
from tests.conftest import FIXED_NOW, age_command

TODAY = FIXED_NOW.date()


@pytest.fixture(scope="module")
def detector():
    return Detector()


@pytest.fixture
def request_for_a_child(app):
    seed_cases(app.uow(), 4, seed=6, as_of=TODAY)
    with app.uow() as uow:
        child_id, case_id = uow.session.execute(select(Participation.person_id, Participation.case_id)
                                                .where(Participation.role == "child")
                                                .order_by(Participation.case_id).limit(1)).one()
        others = [i for i in identities(uow.session, app.vault(), [case_id])[case_id] if i.person_id != child_id]
        child = next(i for i in identities(uow.session, app.vault(), [case_id])[case_id] if i.person_id == child_id)
    request_id, _ = open_request(app.uow(), RequestKind.ACCESS, child_id, "Le jeune majeur", Capacity.SELF, TODAY,
                                 Channel.MAIL, TODAY, vault=app.vault())
    return app, request_id, child, others


def test_nothing_is_exported_before_identity_is_verified(request_for_a_child, detector):
    app, request_id, _, _ = request_for_a_child
    with pytest.raises(InvalidInput, match="identity is not verified"):
        export_access(app.uow(), request_id, detector, load_information(), TODAY, app.vault())


def test_the_detector_is_built_only_for_a_request_that_passed_its_checks(request_for_a_child, detector):
    app, request_id, _, _ = request_for_a_child
    built = []

    def build():
        built.append(True)
        return detector

    with pytest.raises(InvalidInput, match="identity is not verified"):
        export_access(app.uow(), request_id, build, load_information(), TODAY, app.vault())
    assert built == []
    verify_identity(app.uow(), request_id, "pièce d'identité", TODAY)
    summary, _ = export_access(app.uow(), request_id, build, load_information(), TODAY, app.vault())
    assert built == [True] and summary.documents


def test_the_export_opens_with_age_and_masks_everyone_else(request_for_a_child, detector, tmp_path):
    app, request_id, child, others = request_for_a_child
    verify_identity(app.uow(), request_id, "pièce d'identité", TODAY)
    summary, digest = export_access(app.uow(), request_id, detector, load_information(), TODAY, app.vault())
    assert digest is None and summary.documents and sum(summary.as_dict()["masked"].values()) > 0
    assert show_request(app.uow(), request_id, TODAY).status == "identity_verified"  # a summary changes nothing

    identity = pyrage.x25519.Identity.generate()
    key = tmp_path / "key.txt"
    key.write_text(str(identity) + "\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "export.age"
    _, digest = export_access(app.uow(), request_id, detector, load_information(), TODAY, app.vault(), out=out,
                              recipient=str(identity.to_public()))

    assert os.listdir(out_dir) == ["export.age"] and (out.stat().st_mode & 0o777) == 0o600
    assert digest == hashlib.sha256(out.read_bytes()).hexdigest()
    assert not out.read_bytes().lstrip().startswith(b"export/")
    plain = subprocess.run([age_command(), "--decrypt", "-i", str(key), str(out)], capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(plain.stdout)) as archive:
        files = {m.name.removeprefix("export/"): archive.extractfile(m).read() for m in archive.getmembers()}
    manifest = json.loads(files.pop("manifest.json"))
    assert manifest == {name: hashlib.sha256(content).hexdigest() for name, content in files.items()}
    assert {"rapport.html", "donnees.json"} <= set(files)
    report = files["rapport.html"].decode()
    assert "CNIL" in report and "Finalités" in report and child.last_name in report

    documents = " ".join(content.decode() for name, content in files.items() if name.startswith("documents/"))
    assert re.search(rf"\b{re.escape(child.first_names.split()[0])}\b", documents)
    for other in (o for o in others if o.roles != "professional"):  # professionals: see config/masking.yaml
        first = (other.first_names or "").split()[0] if other.first_names else None
        if first and first != child.first_names.split()[0]:
            assert not re.search(rf"\b{re.escape(first)} {re.escape(other.last_name)}\b", documents), other.roles
        if other.phone:
            assert other.phone not in documents

    with app.uow() as uow:
        [recorded] = uow.session.scalars(select(JournalEntry.details).where(JournalEntry.action == "request.exported"))
    assert json.loads(recorded)["sha256"] == digest and child.last_name not in recorded
    assert show_request(app.uow(), request_id, TODAY).status == "exported"  # answered once sent


def test_an_existing_file_is_never_overwritten(request_for_a_child, detector, tmp_path):
    app, request_id, _, _ = request_for_a_child
    verify_identity(app.uow(), request_id, "pièce d'identité", TODAY)
    out = tmp_path / "taken.age"
    out.write_bytes(b"keep me")
    with pytest.raises(InvalidInput, match="already exists"):
        export_access(app.uow(), request_id, detector, load_information(), TODAY, app.vault(), out=out, passphrase="x y z")
    assert out.read_bytes() == b"keep me"


def age_with_passphrase(encrypted, plain_out, passphrase: str) -> None:
    """Decrypt with the `age` command, typing the passphrase at its terminal prompt as a person would."""
    pid, terminal = pty.fork()
    if pid == 0:  # the child: age reads the passphrase from its controlling terminal
        os.execv(age_command(), ["age", "--decrypt", "-o", str(plain_out), str(encrypted)])
    seen = b""
    while b"passphrase" not in seen.lower():
        ready, _, _ = io_select.select([terminal], [], [], 30)
        assert ready, f"age never asked for the passphrase: {seen!r}"
        seen += os.read(terminal, 1024)
    os.write(terminal, passphrase.encode() + b"\n")
    try:
        while io_select.select([terminal], [], [], 30)[0] and os.read(terminal, 1024):
            pass
    except OSError:  # the terminal closes when age exits
        pass
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, seen


def test_a_passphrase_export_opens_with_the_age_command(request_for_a_child, detector, tmp_path):
    app, request_id, child, _ = request_for_a_child
    age_command()
    verify_identity(app.uow(), request_id, "pièce d'identité", TODAY)
    out = tmp_path / "export.age"
    export_access(app.uow(), request_id, detector, load_information(), TODAY, app.vault(), out=out,
                  passphrase="cheval agrafe pile correcte")
    plain = tmp_path / "export.tar"
    age_with_passphrase(out, plain, "cheval agrafe pile correcte")
    with tarfile.open(plain) as archive:
        report = archive.extractfile("export/rapport.html").read().decode()
    assert child.last_name in report


def test_restricted_cases_are_exported_only_with_the_consent_recorded(request_for_a_child, detector, tmp_path):
    app, request_id, child, _ = request_for_a_child
    verify_identity(app.uow(), request_id, "pièce d'identité", TODAY)
    restriction, _ = open_request(app.uow(), RequestKind.RESTRICTION, child.person_id, "Le jeune majeur",
                                  Capacity.SELF, TODAY, Channel.MAIL, TODAY, vault=app.vault())
    verify_identity(app.uow(), restriction, "pièce d'identité", TODAY)
    decide(app.uow(), restriction, TODAY, [], app.eraser())
    out = tmp_path / "export.age"
    with pytest.raises(InvalidInput, match="restricted at the person's request"):
        export_access(app.uow(), request_id, detector, load_information(), TODAY, app.vault(), out=out, passphrase="a b c d")
    assert not out.exists() and show_request(app.uow(), request_id, TODAY).status == "identity_verified"
    export_access(app.uow(), request_id, detector, load_information(), TODAY, app.vault(), out=out, passphrase="a b c d",
                  restriction_consent="Demande écrite du 20/11 jointe au dossier")
    assert show_request(app.uow(), request_id, TODAY).status == "exported"


def _values(identity) -> list[str]:
    """What a participant's data look like in the seeded notes."""
    values = [f"{identity.first_names} {identity.last_name}", identity.birth_place, identity.phone, identity.address]
    if identity.birth_date:
        values += [in_words(identity.birth_date), in_numbers(identity.birth_date)]
    return [value for value in values if value]


def _exported(app, request_id, detector, **masking):
    verify_identity(app.uow(), request_id, "pièce d'identité", TODAY)
    summary, _ = export_access(app.uow(), request_id, detector, load_information(), TODAY, app.vault(), **masking)
    with app.uow() as uow:
        originals = {d.id: d.text for d in gather_subject(uow.session, summary.subject_id, app.vault()).documents}
    return summary, originals


def test_the_exported_documents_keep_the_subject_in_clear_and_name_each_other_person_by_role(request_for_a_child,
                                                                                            detector):
    app, request_id, child, others = request_for_a_child
    summary, originals = _exported(app, request_id, detector)
    mine = set(_values(child))
    checked = {"subject": 0, "others": 0}
    for document in summary.documents:
        original = originals[document.id]
        for value in mine:
            if value in original:
                checked["subject"] += 1
                assert value in document.text, f"the subject's own value is masked in {document.id}"
        for other in (o for o in others if o.roles != "professional"):
            for value in set(_values(other)) - mine:
                if value in original:
                    checked["others"] += 1
                    assert value not in document.text, f"{other.roles}'s value left visible in {document.id}"
        assert "[PERSON]" not in document.text
        assert all(stretch.label in document.text for stretch in document.stretches)
    assert checked["subject"] and checked["others"]
    labels: dict[str, set[str]] = {}
    for stretch in (s for d in summary.documents for s in d.stretches if s.person_id):
        labels.setdefault(stretch.person_id, set()).add(stretch.label)
    assert labels and all(len(given) == 1 for given in labels.values())  # the same person, the same label
    roles = {o.person_id: o.roles for o in others}
    assert all(stretch.why == "reporter" and stretch.label.startswith("[tiers")
               for d in summary.documents for stretch in d.stretches if roles.get(stretch.person_id) == "third_party")


def test_professionals_are_masked_only_when_the_settings_say_so(request_for_a_child, detector):
    app, request_id, _, others = request_for_a_child
    professionals = [o for o in others if o.roles == "professional"]
    kept, originals = _exported(app, request_id, detector)
    masked, _ = _exported(app, request_id, detector, masking=MaskingSettings(professionals_masked=True))
    named = [(d.id, o.last_name.upper()) for d in kept.documents for o in professionals
             if o.last_name.upper() in originals[d.id]]
    assert named, "the seeded notes name no professional: the test checks nothing"
    kept_texts = {d.id: d.text for d in kept.documents}
    masked_texts = {d.id: d.text for d in masked.documents}
    assert all(name in kept_texts[doc] for doc, name in named)
    assert not any(name in masked_texts[doc] for doc, name in named)
    assert any("[professionnel" in text for text in masked_texts.values())
