"""An example vendor case system (IODAS/Solis-like), synthetic, for testing and measuring `oubli sync`.

French upper-case tables and columns, codes tables with labels, dates as text (JJ/MM/AAAA, sometimes empty),
family dossiers of one to three children (one Oubli case per child), parents shared across dossiers, ids that
restart in each dossier, a change column (DATE_MAJ, 'AAAA-MM-JJ HH:MM:SS') on every table, and data-quality
faults at a known small rate, whose expected problems `write` returns (kind -> count of cases).

    python tests/data/vendor/make_vendor_source.py sqlite:////tmp/vendor.db --dossiers 20000
    python tests/data/vendor/make_vendor_source.py /tmp/vendor-csv --dossiers 500        # a folder of CSV files
    python tests/data/vendor/make_vendor_source.py sqlite:////tmp/vendor.db --change 0.01 --stamp "2026-02-01 02:00:00"
    python tests/data/vendor/make_vendor_source.py --ddl > tests/data/vendor/schema.sql

The same seed and count give the same source. Faker (fr_FR) fills pools of names once; the rest is drawn from them.
"""

import argparse
import csv
import random
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from faker import Faker

from casefiles.kernel.identifiers import make_nir

metadata = sa.MetaData()
_TEXT, _DAY, _STAMP = sa.String(200), sa.String(10), sa.String(19)

CODE_TABLES = {
    "T_ROLE": ("CODE_ROLE", {"ENF": "Enfant", "PERE": "Père", "MERE": "Mère", "TUT": "Tuteur",
                             "AF": "Assistant familial", "TIERS": "Tiers", "REF": "Référent ASE"}),
    "T_MESURE": ("CODE_MESURE", {
        "AED": "Aide éducative à domicile", "AP": "Accueil provisoire", "APJM": "Accueil provisoire jeune majeur",
        "AEMO": "AEMO", "AEMOR": "AEMO renforcée", "MJIE": "Mesure judiciaire d'investigation éducative",
        "OPP": "Ordonnance de placement provisoire", "PLJ": "Placement judiciaire",
        "TDC": "Confié à un tiers digne de confiance", "DAP": "Délégation d'autorité parentale",
        "TUT": "Tutelle déférée à l'ASE", "PUP": "Pupille de l'État"}),
    "T_ISSUE_IP": ("CODE_ISSUE", {"ENC": "En cours d'évaluation", "CSS": "Classement sans suite",
                                  "EVAL": "Évaluation administrative", "SIGN": "Signalement au parquet"}),
    "T_TYPE_ECRIT": ("CODE_TYPE", {"NOTE": "Note de situation", "RAPEVAL": "Rapport d'évaluation",
                                   "VAD": "Compte rendu de visite à domicile", "COURJ": "Courrier au juge"}),
    "T_NATURE_PROC": ("CODE_NATURE", {"PEN": "Procédure pénale", "APP": "Appel", "REC": "Recours contentieux"}),
}
for _name, (_code, _) in CODE_TABLES.items():
    sa.Table(_name, metadata, sa.Column(_code, sa.String(10), primary_key=True), sa.Column("LIBELLE", _TEXT))

# No primary key on INDIVIDU: the vendor lets a person be entered twice under the same id.
sa.Table("DOSSIER_FAMILLE", metadata, sa.Column("NUM_DOSSIER", sa.String(20), primary_key=True),
         sa.Column("DATE_OUVERTURE", _DAY), sa.Column("DATE_CLOTURE", _DAY), sa.Column("SECTEUR", sa.String(10)),
         sa.Column("DATE_MAJ", _STAMP, index=True))
sa.Table("INDIVIDU", metadata, sa.Column("ID_INDIVIDU", sa.Integer, index=True), sa.Column("NOM", _TEXT),
         sa.Column("PRENOMS", _TEXT), sa.Column("DATE_NAISSANCE", _DAY), sa.Column("LIEU_NAISSANCE", _TEXT),
         sa.Column("SEXE", sa.String(1)), sa.Column("NIR", sa.String(21)), sa.Column("ADRESSE", sa.String(400)),
         sa.Column("TELEPHONE", sa.String(20)), sa.Column("COURRIEL", _TEXT), sa.Column("NUM_CAF", sa.String(20)),
         sa.Column("RETRAIT_AP", sa.String(1)), sa.Column("DATE_MAJ", _STAMP, index=True))
sa.Table("LIEN_DOSSIER", metadata, sa.Column("NUM_DOSSIER", sa.String(20), index=True),
         sa.Column("ID_INDIVIDU", sa.Integer, index=True), sa.Column("CODE_ROLE", sa.String(10)),
         sa.Column("DATE_MAJ", _STAMP, index=True))
sa.Table("MESURE", metadata, sa.Column("NUM_DOSSIER", sa.String(20), index=True), sa.Column("NUM_MESURE", sa.Integer),
         sa.Column("ID_ENFANT", sa.Integer), sa.Column("CODE_MESURE", sa.String(10)), sa.Column("DATE_DEBUT", _DAY),
         sa.Column("DATE_FIN", _DAY), sa.Column("DATE_MAJ", _STAMP, index=True))
sa.Table("INFO_PREOC", metadata, sa.Column("NUM_DOSSIER", sa.String(20), index=True), sa.Column("NUM_IP", sa.Integer),
         sa.Column("ID_ENFANT", sa.Integer), sa.Column("CODE_ISSUE", sa.String(10)),
         sa.Column("DATE_RECEPTION", _DAY), sa.Column("DATE_CLOTURE", _DAY), sa.Column("ID_INFORMANT", sa.Integer),
         sa.Column("DATE_MAJ", _STAMP, index=True))
sa.Table("ECRIT", metadata, sa.Column("NUM_DOSSIER", sa.String(20), index=True), sa.Column("NUM_ECRIT", sa.Integer),
         sa.Column("ID_ENFANT", sa.Integer), sa.Column("CODE_TYPE", sa.String(10)), sa.Column("DATE_ECRIT", _DAY),
         sa.Column("ID_AUTEUR", sa.Integer), sa.Column("TEXTE", sa.Text), sa.Column("DATE_MAJ", _STAMP, index=True))
sa.Table("PROCEDURE", metadata, sa.Column("NUM_DOSSIER", sa.String(20), index=True),
         sa.Column("NUM_PROCEDURE", sa.Integer), sa.Column("ID_ENFANT", sa.Integer),
         sa.Column("CODE_NATURE", sa.String(10)), sa.Column("DATE_DEBUT", _DAY), sa.Column("DATE_FIN", _DAY),
         sa.Column("DATE_MAJ", _STAMP, index=True))

TABLES = [table.name for table in metadata.sorted_tables]
FAULTS = ("missing_opening_date", "measure_without_start", "missing_nir", "unknown_code",
          "closed_with_running_measure", "person_described_twice", "bad_date", "no_child")
# The problem each fault makes in the cases it touches (see docs/mapping.md, "Problems").
PROBLEM_OF = {"missing_opening_date": "missing_opening_date", "measure_without_start": "missing_required",
              "missing_nir": "missing_nir", "unknown_code": "unknown_code",
              "closed_with_running_measure": "closed_with_running_measure",
              "person_described_twice": "person_described_twice", "bad_date": "bad_date", "no_child": "no_child"}
PROFESSIONALS = 60
BATCH = 5000


def ddl(dialect: str = "postgresql") -> str:
    engine = sa.create_mock_engine(f"{dialect}://", executor=None)
    statements = [str(sa.schema.CreateTable(table).compile(dialect=engine.dialect)).strip() + ";"
                  for table in metadata.sorted_tables]
    statements += [str(sa.schema.CreateIndex(index).compile(dialect=engine.dialect)) + ";"
                   for table in metadata.sorted_tables for index in sorted(table.indexes, key=lambda i: i.name or "")]
    return "\n".join(line.rstrip() for line in "\n\n".join(statements).splitlines()) + "\n"


def _day(value: date | None) -> str | None:
    return value.strftime("%d/%m/%Y") if value else None


class _Pools:
    def __init__(self, seed: int):
        fake = Faker("fr_FR")
        fake.seed_instance(seed)
        self.last = sorted({fake.last_name() for _ in range(600)})
        self.female = [fake.first_name_female() for _ in range(300)]
        self.male = [fake.first_name_male() for _ in range(300)]
        self.cities = [fake.city() for _ in range(200)]
        self.streets = [fake.street_address() for _ in range(800)]
        self.postcodes = [fake.postcode() for _ in range(200)]
        self.sentences = [fake.sentence(nb_words=12) for _ in range(400)]


class Generator:
    """Draws dossiers, each as rows by table; `faults` counts the problems the cases will show."""

    def __init__(self, seed: int, fault_rate: float):
        self.rng, self.pools, self.fault_rate = random.Random(seed), _Pools(seed), fault_rate
        self.next_person = 1000
        self.parents: list[int] = []  # earlier parents, some shared by a later dossier
        self.expected: Counter[str] = Counter()

    def _stamp(self) -> str:
        moment = date(2025, 1, 1) + timedelta(days=self.rng.randrange(365))
        return f"{moment.isoformat()} {self.rng.randrange(24):02d}:{self.rng.randrange(60):02d}:00"

    def person(self, sex: str, born: date, last: str | None = None, nir: bool = True) -> dict:
        rng, pools = self.rng, self.pools
        self.next_person += 1
        first = rng.choice(pools.female if sex == "F" else pools.male)
        return {"ID_INDIVIDU": self.next_person, "NOM": (last or rng.choice(pools.last)).upper(), "PRENOMS": first,
                "DATE_NAISSANCE": _day(born), "LIEU_NAISSANCE": rng.choice(pools.cities),
                "SEXE": "2" if sex == "F" else "1",
                "NIR": make_nir(2 if sex == "F" else 1, born.year, born.month,
                                f"{rng.randrange(1, 96):02d}{rng.randrange(1, 999):03d}", rng.randrange(1, 999))
                if nir else None,
                "ADRESSE": f"{rng.choice(pools.streets)}, {rng.choice(pools.postcodes)} {rng.choice(pools.cities)}",
                "TELEPHONE": f"06 {rng.randrange(10**8):08d}" if rng.random() < 0.7 else "",
                "COURRIEL": "" if rng.random() < 0.5 else f"contact{self.next_person}@example.org",
                "NUM_CAF": f"{rng.randrange(10**7):07d}" if rng.random() < 0.6 else None,
                "RETRAIT_AP": "N", "DATE_MAJ": self._stamp()}

    def professionals(self) -> list[dict]:
        return [self.person(self.rng.choice("FM"), date(1970, 1, 1) + timedelta(days=self.rng.randrange(9000)))
                for _ in range(PROFESSIONALS)]

    def dossier(self, number: int) -> dict[str, list[dict]]:
        rng = self.rng
        key, stamp = f"F{number:07d}", self._stamp
        fault = rng.choice(FAULTS) if rng.random() < self.fault_rate else None
        opened = date(2012, 1, 1) + timedelta(days=rng.randrange(4500))
        closed = opened + timedelta(days=rng.randrange(400, 2500)) if rng.random() < 0.4 else None
        rows: dict[str, list[dict]] = {name: [] for name in TABLES}
        rows["DOSSIER_FAMILLE"].append({"NUM_DOSSIER": key, "DATE_OUVERTURE": "" if fault == "missing_opening_date"
                                        else _day(opened), "DATE_CLOTURE": _day(closed) or "",
                                        "SECTEUR": f"S{rng.randrange(1, 9)}", "DATE_MAJ": stamp()})
        # Parents: a new mother, often a father; one dossier in ten shares a parent of an earlier one.
        persons, links = [], []
        family_name = rng.choice(self.pools.last)
        if self.parents and rng.random() < 0.1:
            links.append((rng.choice(self.parents), rng.choice(("PERE", "MERE"))))
        else:
            mother = self.person("F", opened - timedelta(days=rng.randrange(9000, 15000)), family_name)
            persons.append(mother)
            links.append((mother["ID_INDIVIDU"], "MERE"))
        if rng.random() < 0.6:
            father = self.person("M", opened - timedelta(days=rng.randrange(9000, 16000)), family_name)
            persons.append(father)
            links.append((father["ID_INDIVIDU"], "PERE"))
        own_parents = [person["ID_INDIVIDU"] for person in persons]
        children = []
        for index in range(0 if fault == "no_child" else rng.choice((1, 1, 1, 2, 2, 3))):
            child = self.person(rng.choice("FM"), opened - timedelta(days=rng.randrange(200, 5500)), family_name,
                                nir=not (fault == "missing_nir" and index == 0))
            persons.append(child)
            children.append(child["ID_INDIVIDU"])
            links.append((child["ID_INDIVIDU"], "ENF"))
        referent = 1001 + rng.randrange(PROFESSIONALS)
        links.append((referent, "REF"))
        if fault == "person_described_twice" and own_parents:
            twin = dict(next(p for p in persons if p["ID_INDIVIDU"] == own_parents[0]))
            twin.update(TELEPHONE=f"07 {rng.randrange(10**8):08d}", ADRESSE=f"{rng.choice(self.pools.streets)}")
            persons.append(twin)
        elif fault == "person_described_twice":
            fault = None
        # A parent described twice is shared by no other dossier: the expected count stays this dossier's.
        self.parents.extend(own_parents[1:] if fault == "person_described_twice" else own_parents)
        rows["INDIVIDU"] = persons
        rows["LIEN_DOSSIER"] = [{"NUM_DOSSIER": key, "ID_INDIVIDU": person, "CODE_ROLE": role, "DATE_MAJ": stamp()}
                                for person, role in links]

        def child_or_family() -> int | None:
            return rng.choice(children) if children and rng.random() < 0.6 else None

        # Measures numbered 1, 2, 3 in each dossier; the last may run on.
        start = opened + timedelta(days=rng.randrange(1, 60))
        for number in range(1, rng.randrange(1, 5) + 1):
            end = start + timedelta(days=rng.randrange(90, 900))
            running = closed is None and number > 1 and rng.random() < 0.3
            rows["MESURE"].append({"NUM_DOSSIER": key, "NUM_MESURE": number, "ID_ENFANT": child_or_family(),
                                   "CODE_MESURE": rng.choice(list(CODE_TABLES["T_MESURE"][1])),
                                   "DATE_DEBUT": _day(start), "DATE_FIN": "" if running else _day(end),
                                   "DATE_MAJ": stamp()})
            start = end + timedelta(days=rng.randrange(0, 30))
        measures = rows["MESURE"]
        if fault == "measure_without_start":
            measures[0].update(DATE_DEBUT="", ID_ENFANT=None)
        elif fault == "unknown_code":
            measures[0].update(CODE_MESURE="XX9", ID_ENFANT=None)
        elif fault == "bad_date":
            measures[0].update(DATE_FIN="31/02/2020", ID_ENFANT=None)
        elif fault == "closed_with_running_measure":
            if closed is None:
                closed = start
                rows["DOSSIER_FAMILLE"][0]["DATE_CLOTURE"] = _day(closed)
            measures[-1].update(DATE_FIN="", ID_ENFANT=None)
        if closed is not None and fault != "closed_with_running_measure":
            for measure in measures:  # a closed dossier's measures have ended
                measure["DATE_FIN"] = measure["DATE_FIN"] or measure["DATE_DEBUT"]
        for number in range(1, rng.randrange(0, 3) + 1):
            received = opened + timedelta(days=rng.randrange(0, 300))
            outcome = rng.choice(("CSS", "EVAL", "SIGN", "EVAL"))
            informant = None
            if rng.random() < 0.3:
                tiers = self.person(rng.choice("FM"), date(1960, 1, 1) + timedelta(days=rng.randrange(12000)))
                persons.append(tiers)
                rows["LIEN_DOSSIER"].append({"NUM_DOSSIER": key, "ID_INDIVIDU": tiers["ID_INDIVIDU"],
                                             "CODE_ROLE": "TIERS", "DATE_MAJ": stamp()})
                informant = tiers["ID_INDIVIDU"]
            rows["INFO_PREOC"].append({"NUM_DOSSIER": key, "NUM_IP": number, "ID_ENFANT": child_or_family(),
                                       "CODE_ISSUE": outcome, "DATE_RECEPTION": _day(received),
                                       "DATE_CLOTURE": _day(received + timedelta(days=rng.randrange(5, 90))),
                                       "ID_INFORMANT": informant, "DATE_MAJ": stamp()})
        names = [p["PRENOMS"] for p in persons if p["ID_INDIVIDU"] in children] or ["l'enfant"]
        for number in range(1, rng.randrange(1, 5) + 1):
            text = f"Entretien avec {rng.choice(names)}. " + " ".join(rng.sample(self.pools.sentences, 3))
            rows["ECRIT"].append({"NUM_DOSSIER": key, "NUM_ECRIT": number, "ID_ENFANT": child_or_family(),
                                  "CODE_TYPE": rng.choice(list(CODE_TABLES["T_TYPE_ECRIT"][1])),
                                  "DATE_ECRIT": _day(opened + timedelta(days=rng.randrange(0, 1500))),
                                  "ID_AUTEUR": referent, "TEXTE": text, "DATE_MAJ": stamp()})
        if rng.random() < 0.1:
            started = opened + timedelta(days=rng.randrange(0, 900))
            rows["PROCEDURE"].append({"NUM_DOSSIER": key, "NUM_PROCEDURE": 1, "ID_ENFANT": child_or_family(),
                                      "CODE_NATURE": rng.choice(("PEN", "APP", "REC")), "DATE_DEBUT": _day(started),
                                      "DATE_FIN": "", "DATE_MAJ": stamp()})
        if fault:
            self.expected[PROBLEM_OF[fault]] += 1 if fault in ("no_child", "missing_nir") else len(children)
        return rows

    def rows(self, dossiers: int) -> Iterator[dict[str, list[dict]]]:
        codes = {name: [{code: value, "LIBELLE": label} for value, label in labels.items()]
                 for name, (code, labels) in CODE_TABLES.items()}
        yield codes | {"INDIVIDU": self.professionals()}
        for number in range(1, dossiers + 1):
            yield self.dossier(number)


def _columns(name: str) -> list[str]:
    return [column.name for column in metadata.tables[name].columns]


def write(target: str, dossiers: int, seed: int = 16, fault_rate: float = 0.02) -> dict[str, int]:
    """Write a new source of `dossiers` dossiers at `target` (an SQLAlchemy URL, or a folder for CSV files);
    returns the problems expected, by kind (each counted once per case, or per dossier for no_child)."""
    generator = Generator(seed, fault_rate)
    if "://" not in target:
        folder = Path(target)
        folder.mkdir(parents=True, exist_ok=True)
        files = {name: (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") for name in TABLES}
        writers = {name: csv.DictWriter(files[name], _columns(name), delimiter=";") for name in TABLES}
        for writer in writers.values():
            writer.writeheader()
        for rows in generator.rows(dossiers):
            for name, table_rows in rows.items():
                writers[name].writerows(table_rows)
        for handle in files.values():
            handle.close()
        return dict(generator.expected)
    engine = sa.create_engine(target)
    metadata.create_all(engine)
    pending: dict[str, list[dict]] = {name: [] for name in TABLES}
    with engine.begin() as connection:
        for rows in generator.rows(dossiers):
            for name, table_rows in rows.items():
                pending[name].extend(table_rows)
                if len(pending[name]) >= BATCH:
                    connection.execute(metadata.tables[name].insert(), pending[name])
                    pending[name] = []
        for name, table_rows in pending.items():
            if table_rows:
                connection.execute(metadata.tables[name].insert(), table_rows)
    engine.dispose()
    return dict(generator.expected)


def change(target: str, share: float, stamp: str, seed: int = 61) -> list[str]:
    """Change `share` of the dossiers as a day's work would (the dossier's DATE_MAJ bumped; a note written further,
    a running measure ended or a proceeding opened), each row changed stamped `stamp`; returns the dossiers changed."""
    rng = random.Random(seed)
    if "://" not in target:
        return _change_csv(Path(target), share, stamp, rng)
    engine = sa.create_engine(target)
    with engine.begin() as connection:
        chosen = _change_dossiers(connection, share, stamp, rng)
    engine.dispose()
    return chosen


def _change_dossiers(connection: sa.Connection, share: float, stamp: str, rng: random.Random) -> list[str]:
    tables = metadata.tables
    dossier, note, measure, proceeding = (tables[name] for name in ("DOSSIER_FAMILLE", "ECRIT", "MESURE", "PROCEDURE"))
    keys = list(connection.execute(sa.select(dossier.c.NUM_DOSSIER).order_by(dossier.c.NUM_DOSSIER)).scalars())
    chosen = sorted(rng.sample(keys, max(1, round(len(keys) * share))))
    day = f"{stamp[8:10]}/{stamp[5:7]}/{stamp[:4]}"
    for key in chosen:
        connection.execute(dossier.update().where(dossier.c.NUM_DOSSIER == key).values(DATE_MAJ=stamp))
        running = (measure.c.NUM_DOSSIER == key, sa.func.coalesce(measure.c.DATE_FIN, "") == "",
                   sa.func.coalesce(measure.c.DATE_DEBUT, "") != "")
        ends = connection.execute(sa.select(sa.func.count()).select_from(measure).where(*running)).scalar()
        what = rng.choice(("note", "proceeding", *(("measure", "measure") if ends else ())))
        if what == "note":
            connection.execute(note.update().where(note.c.NUM_DOSSIER == key, note.c.NUM_ECRIT == 1)
                               .values(TEXTE=note.c.TEXTE + " Point fait ce jour avec l'équipe.", DATE_MAJ=stamp))
        elif what == "measure":
            connection.execute(measure.update().where(*running).values(DATE_FIN=day, DATE_MAJ=stamp))
        else:
            number = (sa.select(sa.func.coalesce(sa.func.max(proceeding.c.NUM_PROCEDURE), 0) + 1)
                      .where(proceeding.c.NUM_DOSSIER == key).scalar_subquery())
            connection.execute(proceeding.insert().values(NUM_DOSSIER=key, NUM_PROCEDURE=number, ID_ENFANT=None,
                                                          CODE_NATURE="PEN", DATE_DEBUT=day, DATE_FIN="",
                                                          DATE_MAJ=stamp))
    return chosen


def _change_csv(folder: Path, share: float, stamp: str, rng: random.Random) -> list[str]:
    """The same changes on a folder of CSV files, through an in-memory copy (for tests at small sizes)."""
    engine = sa.create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as connection:
        for name in TABLES:
            with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
                rows = [{column: value or None for column, value in row.items()}
                        for row in csv.DictReader(handle, delimiter=";")]
            if rows:
                connection.execute(metadata.tables[name].insert(), rows)
        chosen = _change_dossiers(connection, share, stamp, rng)
        for name in TABLES:
            with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, _columns(name), delimiter=";")
                writer.writeheader()
                writer.writerows(connection.execute(metadata.tables[name].select()).mappings())
    return chosen


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", nargs="?", help="an SQLAlchemy URL, or a folder for CSV files")
    parser.add_argument("--dossiers", type=int, default=200)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--fault-rate", type=float, default=0.02)
    parser.add_argument("--change", type=float, help="change this share of an existing source's dossiers")
    parser.add_argument("--stamp", default="2026-02-01 02:00:00", help="the change column's value for --change")
    parser.add_argument("--ddl", action="store_true", help="print the schema's DDL (PostgreSQL) and stop")
    args = parser.parse_args(argv)
    if args.ddl:
        sys.stdout.write(ddl())
        return
    if not args.target:
        parser.error("give a target (an SQLAlchemy URL or a folder)")
    if args.change is not None:
        print(f"{len(change(args.target, args.change, args.stamp, args.seed))} dossiers changed")
        return
    expected = write(args.target, args.dossiers, args.seed, args.fault_rate)
    print(f"{args.dossiers} dossiers written; problems expected: {dict(sorted(expected.items()))}")


if __name__ == "__main__":
    main()
