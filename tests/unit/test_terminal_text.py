import json

import pytest

from oubli.cli.output import json_text, visible


@pytest.mark.parametrize(("text", "shown"), [
    ("Marie Dupont", "Marie Dupont"),
    ("Évelyne Ñúñez-Łukasz", "Évelyne Ñúñez-Łukasz"),  # letters of any script are letters
    ("a\x1b[2Jb", "a\\x1b[2Jb"),  # an escape sequence
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),  # an OSC ended by BEL
    ("\x9b31m", "\\x9b31m"),  # the C1 CSI
    ("\x7f\x00", "\\x7f\\x00"),
    ("abc\u202edef", "abc\\u202edef"),  # a right-to-left override
    ("one\ntwo\tthree", "one\ntwo\tthree"),  # line ends and tabs are kept
    ("a,b\r\n", "a,b\r\n"),  # and CSV's line ends
    ("over\rwrite", "over\\x0dwrite"),  # a lone carriage return would overwrite the line
])
def test_control_characters_are_written_out_and_text_kept(text, shown):
    assert visible(text) == shown


def test_json_escapes_every_control_character_and_reads_back_the_same():
    value = {"name": "a\x1b\x9b\u202e\x7fz"}
    text = json_text(value)
    assert not any(control in text for control in "\x1b\x9b\u202e\x7f")
    assert json.loads(text) == value
