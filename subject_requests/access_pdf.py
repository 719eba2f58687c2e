"""The access answer a person opens in any PDF reader: one PDF encrypted with AES-256 (the standard
security handler's revision 6, PDF 2.0) under a passphrase, holding the information of art. 15(1), their
data in French words with dates in words, their documents with other people masked, their statements,
and in annex the same data as JSON (art. 20), attached to the PDF as the file donnees.json.

fpdf2 lays the pages out in memory; pikepdf (qpdf) attaches the JSON and encrypts the whole, strings,
streams, attachment and metadata, into memory too. Only the encrypted bytes are written, once, through
casefiles/crypto/private_files.py (mode 0600, never over a file). (fpdf2's own AES-256 leaves an
attachment's name unencrypted, which readers then decrypt into nothing.) The text is set in DejaVu Sans,
which covers French and most Latin, Greek and Cyrillic names; it is read from the system's fonts
(Debian: fonts-dejavu-core), never downloaded, and only the glyphs used are embedded."""

import hashlib
import io
import secrets
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pikepdf
from fpdf import FPDF

from casefiles.crypto.private_files import write_private
from casefiles.kernel.calendar import french_date
from casefiles.kernel.errors import OubliError
from subject_requests.gather import CaseData, SubjectData
from subject_requests.information import AccessInformation
from subject_requests.labels_fr import (
    CASE_STATES,
    CONCERN_OUTCOMES,
    DOCUMENT_KINDS,
    FIELDS,
    MEASURE_NATURES,
    MEASURE_TYPES,
    ROLES,
    field_value,
    words,
)

FONT = "DejaVu"
FONT_FOLDERS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu-sans-fonts"),
                Path("/usr/share/fonts/dejavu"), Path("/usr/share/fonts/TTF"))
LINE = 5.2  # mm, for 10.5 pt text


class FontMissing(OubliError):
    """The font the PDF answer is set in is not installed."""


def font_files() -> tuple[Path, Path]:
    """DejaVu Sans, regular and bold, from the first system folder that has both."""
    for folder in FONT_FOLDERS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise FontMissing("the PDF answer is set in DejaVu Sans, which is not installed: install the package "
                      "fonts-dejavu-core (Debian, Ubuntu) or dejavu-sans-fonts (Fedora); nothing was written")


class _Answer(FPDF):
    def __init__(self, request_id: int, as_of: date) -> None:
        super().__init__(format="A4")
        self.running_head = f"Demande d'accès n° {request_id} — réponse du {french_date(as_of)}"
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=18)

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font(FONT, size=8)
            self.set_text_color(90)
            self.cell(0, 6, self.running_head, new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0)
            self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(90)
        self.cell(0, 6, f"Page {self.page_no()} sur {{nb}}", align="C")
        self.set_text_color(0)

    def title_(self, text: str) -> None:
        self.set_font(FONT, "B", 17)
        self.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def part(self, text: str) -> None:
        if self.get_y() > self.h - 60:
            self.add_page()
        self.ln(4)
        self.set_font(FONT, "B", 14)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 45:
            self.add_page()
        self.ln(2.5)
        self.set_font(FONT, "B", 11.5)
        self.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(0.5)

    def paragraph(self, text: str, size: float = 10.5) -> None:
        self.set_font(FONT, size=size)
        self.multi_cell(0, LINE, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def long_text(self, text: str) -> None:
        """A document's text, set line by line as `lines` cuts it: fpdf2's own line breaking measures the
        line again at every character, which a 2,000-document answer or a note of megabytes makes slow."""
        self.set_font(FONT, size=10.5)
        for line in self.lines(text, self.epw):
            self.cell(0, LINE, line, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def lines(self, text: str, width: float) -> Iterator[str]:
        """`text` cut at spaces into lines no wider than `width` in the current font; a word wider than a
        line is cut where it must be. Each word is measured once (a word's width is the sum of its letters')."""
        space = self.get_string_width(" ")
        measured: dict[str, float] = {}

        def measure(word: str) -> float:
            if word not in measured:
                measured[word] = self.get_string_width(word)
            return measured[word]

        for paragraph in text.replace("\r\n", "\n").split("\n"):
            line: list[str] = []
            used = 0.0
            for word in paragraph.split(" "):
                if line and used + space + measure(word) > width:
                    yield " ".join(line)
                    line, used = [], 0.0
                while measure(word) > width:
                    cut = self._fitting(word, width, measure)
                    yield word[:cut]
                    word = word[cut:]
                used += (space if line else 0.0) + measure(word)
                line.append(word)
            yield " ".join(line)

    @staticmethod
    def _fitting(word: str, width: float, measure) -> int:
        """How many of `word`'s first characters fit in `width` (at least one), measured letter by letter."""
        used = 0.0
        for end, letter in enumerate(word):
            used += measure(letter)
            if used > width:
                return max(end, 1)
        return len(word)

    def bullets(self, items: list[str]) -> None:
        self.set_font(FONT, size=10.5)
        for item in items:
            self.cell(6, LINE, "•")
            self.multi_cell(0, LINE, item, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def rows(self, pairs: list[tuple[str, str]]) -> None:
        for name, value in pairs:
            self.set_font(FONT, "B", 10.5)
            self.cell(68, LINE + 1, name)
            self.set_font(FONT, size=10.5)
            self.multi_cell(0, LINE + 1, value, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)


def _period(started: date, ended: date | None) -> str:
    return f"du {french_date(started)} au {french_date(ended)}" if ended else f"depuis le {french_date(started)}"


def _case(pdf: _Answer, case: CaseData, subject_id: str) -> None:
    pdf.heading(f"Dossier {case.id}")
    facts = [("État du dossier", words(CASE_STATES, case.state)), ("Ouvert le", french_date(case.opened_on))]
    if case.service_ended_on:
        facts.append(("Fin de l'accompagnement", french_date(case.service_ended_on)))
    facts.append(("Votre place dans le dossier", ", ".join(words(ROLES, role) for role in case.roles)))
    pdf.rows(facts)
    if case.measures:
        pdf.paragraph("Mesures :")
        pdf.bullets([f"{words(MEASURE_TYPES, m['type']).capitalize()} ({words(MEASURE_NATURES, m['nature'])}), "
                     f"{_period(m['started_on'], m['ended_on'])}" for m in case.measures])
    if case.concerns:
        pdf.paragraph("Informations préoccupantes :")
        pdf.bullets([f"Reçue le {french_date(c['received_on'])} : {words(CONCERN_OUTCOMES, c['outcome'])}"
                     + (f", close le {french_date(c['closed_on'])}" if c["closed_on"] else "") for c in case.concerns])
    others = Counter(role for i in case.identities if i.person_id != subject_id for role in i.roles.split(",")[:1])
    if others:
        pdf.paragraph("Autres personnes dans ce dossier, dont les données ne vous sont pas communiquées : "
                      + " ; ".join(f"{words(ROLES, role)} ({count})" for role, count in sorted(others.items())) + ".")


def answer_pdf(data: SubjectData, documents: list, withheld: dict[str, str], info: AccessInformation,
               request_id: int, as_of: date, machine_data: bytes, passphrase: str) -> bytes:
    """The encrypted PDF's bytes. `documents` are the masked documents (access_export.DocumentOut)."""
    regular, bold = font_files()
    pdf = _Answer(request_id, as_of)
    pdf.add_font(FONT, "", str(regular))
    pdf.add_font(FONT, "B", str(bold))
    pdf.set_lang("fr")
    pdf.set_title("Communication de vos données personnelles")
    pdf.set_creator("Oubli")
    pdf.add_page()
    pdf.title_("Communication de vos données personnelles")
    pdf.paragraph(f"Réponse à votre demande d'accès n° {request_id}, établie le {french_date(as_of)} "
                  "(règlement général sur la protection des données, article 15).")
    pdf.paragraph("Ce document contient : (1) ce que la loi nous oblige à vous dire sur l'usage de vos données ; "
                  "(2) les informations qui vous identifient ; (3) vos dossiers et les mesures qui y figurent ; "
                  f"(4) les {len(documents)} documents qui vous concernent ; en annexe, les mêmes données dans un "
                  "fichier joint, lisible par un autre logiciel. Dans les documents, les mentions d'autres "
                  "personnes sont remplacées par leur qualité entre crochets, par exemple «\u00a0[parent 1]\u00a0» "
                  "ou «\u00a0[frère ou sœur]\u00a0».")

    pdf.part("1. L'usage de vos données")
    for name, body in (("Le responsable du traitement", info.controller), ("Pourquoi ces données sont traitées",
                       info.purposes), ("Sur quel fondement", info.legal_basis), ("Qui les reçoit", info.recipients),
                       ("Combien de temps elles sont conservées", info.retention),
                       ("D'où elles viennent", info.source), ("Vos droits", info.rights),
                       ("Si vous n'êtes pas satisfait de notre réponse", info.complaint)):
        pdf.heading(name)
        if isinstance(body, list):
            pdf.bullets(body)
        else:
            pdf.paragraph(body)

    pdf.part("2. Les informations qui vous identifient")
    pdf.rows([(FIELDS.get(name, name), field_value(name, value)) for name, value in data.person.items() if name != "id"]
             + [("Votre numéro de personne", str(data.person["id"]))])

    pdf.part("3. Vos dossiers")
    for case in data.cases:
        _case(pdf, case, data.person["id"])

    pdf.part("4. Vos documents")
    if not documents:
        pdf.paragraph("Aucun document de vos dossiers ne vous concerne.")
    for document in documents:
        pdf.heading(f"{words(DOCUMENT_KINDS, document.kind).capitalize()} du {french_date(document.written_on)}")
        pdf.paragraph(f"Dossier {document.case_id}, document {document.id}", size=8.5)
        pdf.long_text(document.text)
    if data.statements:
        pdf.part("Vos déclarations")
        for statement in data.statements:
            pdf.heading(f"Ajoutée le {french_date(statement['added_on'])} au document {statement['document']}")
            pdf.long_text(statement["text"])
    if withheld:
        pdf.part("Documents non communiqués")
        pdf.bullets([f"Document {document} : {reason}" for document, reason in sorted(withheld.items())])

    pdf.add_page()
    pdf.part("Annexe : vos données dans un fichier joint")
    pdf.paragraph("Toutes vos données figurent dans les pages qui précèdent : vous n'avez pas besoin de ce fichier "
                  "pour les lire.")
    pdf.paragraph("Elles sont aussi jointes à ce PDF dans le fichier «\u00a0donnees.json\u00a0», avec le texte de "
                  "vos documents, dans un format que d'autres logiciels savent lire (JSON). Il vous sert si vous "
                  "voulez les transmettre à un autre organisme (droit à la portabilité, article 20 du règlement). "
                  "Pour l'enregistrer, affichez les pièces jointes de votre lecteur de PDF (souvent une icône en "
                  "forme de trombone) ; le lecteur intégré à certains navigateurs ne les montre pas : ouvrez alors "
                  "ce PDF avec un lecteur de PDF installé sur votre ordinateur.")
    return _encrypted(bytes(pdf.output()), machine_data, passphrase)


def _encrypted(plain: bytes, machine_data: bytes, passphrase: str) -> bytes:
    """The PDF with donnees.json attached, encrypted with AES-256 (R6) under `passphrase`. The owner
    password only guards permissions nobody is refused; it is drawn and forgotten."""
    encrypted = io.BytesIO()
    with pikepdf.open(io.BytesIO(plain)) as document:
        document.attachments["donnees.json"] = pikepdf.AttachedFileSpec(
            document, machine_data, description="Vos données au format JSON (portabilité)",
            filename="donnees.json", mime_type="application/json")
        document.save(encrypted, encryption=pikepdf.Encryption(user=passphrase, owner=secrets.token_urlsafe(32),
                                                               R=6, aes=True, metadata=True))
    return encrypted.getvalue()


def write_answer_pdf(content: bytes, out: Path) -> str:
    """The encrypted PDF written at `out` (0600, never over a file); its SHA-256."""
    write_private(out, content, replace_option=None)
    return hashlib.sha256(content).hexdigest()
