"""French words for the retention vocabularies, for what a French reader receives (the bordereau, the
auditors' report): one dict per enum, every value labelled (tests/unit/test_labels_fr.py holds that). Pure."""

from casefiles.kernel.vocabulary import DisposalStatus
from retention.policy import Category, FinalAction

CATEGORIES: dict[Category, str] = {
    Category.ABUSE: "maltraitance (signalement au parquet)",
    Category.JUDICIAL: "mesure judiciaire (assistance éducative)",
    Category.ADMINISTRATIVE: "mesure administrative",
    Category.CONCERN_ONLY: "information préoccupante sans mesure",
}

# The sort final, as the archives' sorting tables write it.
FINAL_ACTIONS: dict[FinalAction, str] = {
    FinalAction.DESTROY: "destruction",
    FinalAction.ANONYMISE: "anonymisation (seules des données statistiques sont conservées)",
    FinalAction.TRANSFER_TO_ARCHIVES: "versement aux Archives départementales",
}

DISPOSAL_STATUSES: dict[DisposalStatus, str] = {
    DisposalStatus.PROPOSED: "proposé, en attente du visa",
    DisposalStatus.APPROVED: "visé, à exécuter",
    DisposalStatus.REJECTED: "refusé par les Archives départementales",
    DisposalStatus.DONE: "exécuté",
    DisposalStatus.WITHDRAWN: "retiré (dossier rouvert)",
}

# The law each category's period rests on, as config/retention.yaml sets those periods: the common
# limitation period (five years), ten years for bodily harm, twenty for violence against a minor.
LEGAL_GROUNDS: dict[Category, str] = {
    Category.ABUSE: "Code civil, art. 2226, al. 2 (violences commises contre un mineur)",
    Category.JUDICIAL: "Code civil, art. 2226, al. 1 (dommage corporel)",
    Category.ADMINISTRATIVE: "Code civil, art. 2224 (prescription de droit commun)",
    Category.CONCERN_ONLY: "Code civil, art. 2224 (prescription de droit commun)",
}
# Added when a period counts from the child's majority.
FROM_MAJORITY_GROUND = "art. 2235 (la prescription ne court pas contre un mineur)"
