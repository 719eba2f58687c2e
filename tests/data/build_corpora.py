"""Builds the second to twelfth labelled corpora from the notes their authors wrote by hand, in inline markup.

Each `*.notes` file in corpus2/ to corpus7/ holds notes separated by header lines `=== ID | KIND`; in a note's text,
`[[LABEL:words]]` marks a personal datum (PERSON, LOCATION, ORGANIZATION, AGE, DATE_TIME,
PHONE_NUMBER, FR_NIR, FR_CAF_NUMBER, EMAIL_ADDRESS, IBAN_CODE) and `{{NEG:words}}` a hard negative,
words that look like personal data and are not. Both were written without reading Oubli's
detector. In the second, every third note of each file, in file order, is kept apart as the untouched
part, which no rule is tuned on (`notes_corpus2_holdout.jsonl`); the rest is `notes_corpus2.jsonl`. The
third was written by two other authors after the rules of the second had been tuned, one in Occitanie
like the second, one in the Rhône, Isère, Nord and Pas-de-Calais; all of it is untouched
(`notes_corpus3_holdout.jsonl`). The fourth, by two more blind authors asked for notes rich in named
organizations (Bouches-du-Rhône, Gironde, Île-de-France, Bas-Rhin), is tunable: `notes_corpus4.jsonl`.
Its authors' guide left open how to write a kind of service and its town; `labelling-guide.md`, given to every
later author, settles it as the second corpus and the detector write it ('CH de [[LOCATION:Haguenau]]',
'[[ORGANIZATION:collège Jean-Zay]] de [[LOCATION:Cenon]]'), and the fourth's 24 spans written otherwise were
rewritten so, as were 32 later mentions of a name its authors had marked once in the same note. The fifth
(`corpus5/`, three blind authors given only that guide: Bretagne and Pays de la Loire; Hérault, Gard, Var and
Alpes-Maritimes; La Réunion, Mayotte, Loiret, Puy-de-Dôme and Allier) is all untouched:
`notes_corpus5_holdout.jsonl`, measured once, at the end of the work it judges. The sixth (`corpus6/`, two more,
asked for notes rich in organizations: Normandie and Picardie; Lorraine, Bourgogne, Franche-Comté and Isère) is
tunable: `notes_corpus6.jsonl`;
its authors too marked some names once per note, and 28 later mentions (of a name, or of a word of a name, marked
PERSON in the same note) were marked so. The seventh (`corpus7/`, three more, asked for notes rich in names: La
Réunion and Mayotte; Bretagne and Guyane; Guadeloupe, Martinique and the Paris region's families from overseas,
Central and West Africa, Afghanistan, Sudan, Eritrea, Bangladesh and Pakistan) is tunable: `notes_corpus7.jsonl`.
The eighth (`corpus8/`, two more, asked for notes rich in organizations: Haute-Savoie, Savoie, Ain and the Loire;
Centre-Val de Loire, Limousin and Charente-Maritime) was written while the organizations' rules were last
tuned and is all untouched: `notes_corpus8_holdout.jsonl`, measured once, at the end of that work. The ninth
(`corpus9/`, three more, asked for notes rich in organizations and places: the Nord, Pas-de-Calais and Somme; the
Rhône, Isère, Drôme and Ardèche; Occitanie) is tunable: `notes_corpus9.jsonl`; its first author too marked most
names once per note, and 62 later mentions (of a name, or of a capitalised word of a name, marked PERSON in the same
note) were marked so. The tenth (`corpus10/`, two more, asked for notes rich in organizations and places: Moselle,
Meurthe-et-Moselle, the Marne, the Ardennes and the Aube; the Pyrénées-Atlantiques, the Landes, Lot-et-Garonne,
Dordogne and Corsica) was written while the rules were last tuned and is all untouched:
`notes_corpus10_holdout.jsonl`, measured once, at the end of that work. The eleventh (`corpus11/`, two more, asked
for the same: Bourgogne, Vaucluse and the southern Alps; Seine-Saint-Denis, Val-de-Marne, Essonne and Val-d'Oise) is
tunable: `notes_corpus11.jsonl`. The twelfth (`corpus12/`, three more, asked for the same and told to mark every
mention of a name: the Haut-Rhin, the Doubs, Belfort and the Jura; the Vienne, the Deux-Sèvres, the Vendée, the
Charente and the Indre; the Tarn, the Aveyron, the Lozère, the Cantal, the Haute-Loire and the Loire) was written
while the rules were last tuned and is all untouched: `notes_corpus12_holdout.jsonl`, measured once, at the end of
that work.

Each line: {"id", "kind", "text", "entities": [{"label", "start", "end"}], "negatives": [{"start", "end"}]}.

    python tests/data/build_corpora.py      # rewrites the twelve files; fails naming a note whose markup is broken
"""

import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent
LABELS = {"PERSON", "LOCATION", "ORGANIZATION", "AGE", "DATE_TIME", "PHONE_NUMBER", "FR_NIR",
          "FR_CAF_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE"}
HEADER = re.compile(r"^=== *([A-Za-z0-9_-]+) *\| *([a-z_]+) *$")
MARK = re.compile(r"\[\[([A-Z_]+):(.+?)\]\]|\{\{NEG:(.+?)\}\}")


def parse_note(note_id: str, kind: str, marked: str) -> dict:
    text, entities, negatives, at = [], [], [], 0
    for match in MARK.finditer(marked):
        text.append(marked[at:match.start()])
        start = sum(map(len, text))
        label, words = (match.group(1), match.group(2)) if match.group(1) else ("NEG", match.group(3))
        if label != "NEG" and label not in LABELS:
            raise ValueError(f"note {note_id}: unknown label {label}")
        if words != words.strip() or "[[" in words or "{{" in words:
            raise ValueError(f"note {note_id}: a marked span starts or ends with a space, or nests")
        text.append(words)
        span = {"start": start, "end": start + len(words)}
        (negatives if label == "NEG" else entities).append({"label": label, **span} if label != "NEG" else span)
        at = match.end()
    text.append(marked[at:])
    plain = "".join(text)
    if any(sign in plain for sign in ("[[", "]]", "{{", "}}")):
        raise ValueError(f"note {note_id}: unbalanced markup")
    return {"id": note_id, "kind": kind, "text": plain, "entities": entities, "negatives": negatives}


def read_notes(path: Path) -> list[dict]:
    notes, header, lines = [], None, []

    def close() -> None:
        if header:
            notes.append(parse_note(header[0], header[1], "\n".join(lines).strip()))

    for line in path.read_text(encoding="utf-8").splitlines():
        match = HEADER.match(line)
        if match:
            close()
            header, lines = (match.group(1), match.group(2)), []
        elif line.startswith("==="):
            raise ValueError(f"{path.name}: a header line is not `=== ID | kind`: {line[:40]!r}")
        else:
            lines.append(line)
    close()
    return notes


# Each folder's notes and the file they go to; the second's every third note goes to its untouched part.
FILES = {"corpus3": "notes_corpus3_holdout.jsonl", "corpus4": "notes_corpus4.jsonl",
         "corpus5": "notes_corpus5_holdout.jsonl", "corpus6": "notes_corpus6.jsonl", "corpus7": "notes_corpus7.jsonl",
         "corpus8": "notes_corpus8_holdout.jsonl", "corpus9": "notes_corpus9.jsonl",
         "corpus10": "notes_corpus10_holdout.jsonl", "corpus11": "notes_corpus11.jsonl",
         "corpus12": "notes_corpus12_holdout.jsonl"}


def main() -> None:
    written: dict[str, list[dict]] = {"notes_corpus2.jsonl": [], "notes_corpus2_holdout.jsonl": []}
    written.update({name: [] for name in FILES.values()})
    seen: set[str] = set()
    for folder in ("corpus2", *FILES):
        for path in sorted((DATA / folder).glob("*.notes")):
            for position, note in enumerate(read_notes(path)):
                if note["id"] in seen:
                    raise ValueError(f"note id {note['id']} is given twice")
                seen.add(note["id"])
                if folder == "corpus2":
                    name = "notes_corpus2_holdout.jsonl" if position % 3 == 2 else "notes_corpus2.jsonl"
                else:
                    name = FILES[folder]
                written[name].append(note)
    for name, notes in written.items():
        with (DATA / name).open("w", encoding="utf-8") as out:
            for note in notes:
                out.write(json.dumps(note, ensure_ascii=False) + "\n")
        spans = sum(len(note["entities"]) for note in notes)
        print(f"{name}: {len(notes)} notes, {spans} spans", file=sys.stderr)


if __name__ == "__main__":
    main()
