"""The PDF answer cuts a document's text into lines itself: every line fits, no character is lost."""

from datetime import date

import pytest

from subject_requests.access_pdf import FONT, _Answer, font_files


@pytest.fixture
def page():
    regular, bold = font_files()
    answer = _Answer(1, date(2026, 12, 6))
    answer.add_font(FONT, "", str(regular))
    answer.set_font(FONT, size=10.5)
    return answer


@pytest.mark.parametrize("text", [
    "Visite au domicile de Mme [parent] le 12/03/2025 ; l'enfant ([un âge]) montre sa chambre. " * 20,
    "Premier paragraphe.\n\nSecond, après une ligne vide.\r\nTroisième.",
    "x" * 700 + " fin",  # a word wider than a line
    "",
    "deux  espaces gardés",
])
def test_every_line_fits_and_the_text_is_kept_whole(page, text):
    lines = list(page.lines(text, page.epw))
    assert all(page.get_string_width(line) <= page.epw + 1e-6 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace("\r\n", "\n").replace("\n", "").replace(" ", "")


def test_paragraphs_and_blank_lines_stay_where_they_were(page):
    assert list(page.lines("Un.\n\nDeux.", page.epw)) == ["Un.", "", "Deux."]
