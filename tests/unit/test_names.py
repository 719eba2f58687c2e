import pytest

from casefiles.kernel.names import fold


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Élodie LE BRIS-Hervé", "elodie le bris herve"),
        ("  Françoise  d'Aubigné ", "francoise d aubigne"),
        ("ŒUVRE", "oeuvre"),
        ("Noël", "noel"),
    ],
)
def test_names_fold_to_lower_case_without_accents_or_punctuation(written, folded):
    assert fold(written) == folded
