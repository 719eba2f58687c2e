import pytest
from hypothesis import given
from hypothesis import strategies as st

from casefiles.kernel.identifiers import make_nir, nir_has_shape, nir_is_valid, nir_key


def test_nir_key_matches_the_worked_example_of_the_insee_documentation():
    assert nir_key("2550814168025") == "38"


@pytest.mark.parametrize(("corsica", "counts_as"), [("2A", "19"), ("2B", "18")])
def test_corsican_departements_count_as_19_and_18_in_the_key(corsica, counts_as):
    first13 = f"18503{corsica}004012"
    assert nir_key(first13) == f"{97 - int(f'18503{counts_as}004012') % 97:02d}"
    assert nir_is_valid(make_nir(1, 1985, 3, f"{corsica}004", 12))


@pytest.mark.parametrize(
    "nir",
    [
        "255081416802539",  # key off by one
        "2 55 08 14 168 025 37",
        "25508141680253",  # one digit short
        "2550814168025XX",
    ],
)
def test_nir_with_a_wrong_key_or_shape_is_invalid(nir):
    assert not nir_is_valid(nir)


def test_nir_written_in_groups_is_valid():
    assert nir_is_valid("2 55 08 14 168 025 38")


@given(sex=st.sampled_from([1, 2]), year=st.integers(1900, 2026), month=st.integers(1, 12),
       departement=st.sampled_from(["01", "31", "2A", "2B", "75", "95"]), commune=st.integers(1, 999),
       order=st.integers(1, 999))
def test_every_made_nir_is_valid_and_changing_a_digit_breaks_it(sex, year, month, departement, commune, order):
    nir = make_nir(sex, year, month, f"{departement}{commune:03d}", order)
    assert len(nir) == 15 and nir_is_valid(nir)
    altered = nir[:10] + str((int(nir[10]) + 1) % 10) + nir[11:]
    assert not nir_is_valid(altered)


@pytest.mark.parametrize(
    ("nir", "has_shape"),
    [
        ("2 55 08 14 168 025 38", True),
        ("185032a00401299", True),  # Corsica in lower case; the key is not looked at
        ("255081416802539", True),  # a wrong key still has the shape: imports keep what the source holds
        ("955081416802538", False),  # no such sex digit
        ("25508141680253", False),  # one digit short
        ("2550814168025XX", False),
    ],
)
def test_an_imported_nir_needs_the_shape_of_one_whatever_its_key(nir, has_shape):
    assert nir_has_shape(nir) is has_shape
