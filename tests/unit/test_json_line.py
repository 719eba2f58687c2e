"""One import line decoded whatever it holds: a hostile line is a problem named for its line, never a traceback."""

import pytest

from casefiles.ingest.json_line import MAX_DEPTH, JsonObject, Number, decode


def test_a_case_line_decodes_to_plain_objects():
    value, wrong = decode(b'{"id": "D-1", "persons": [{"id": "P-1", "last_name": "Martin"}]}\n')
    assert wrong is None and value == {"id": "D-1", "persons": [{"id": "P-1", "last_name": "Martin"}]}
    assert not isinstance(value, JsonObject) and not isinstance(value["persons"][0], JsonObject)


def test_a_key_given_twice_is_remembered_not_silently_merged():
    value, _ = decode(b'{"id": "D-1", "persons": [{"last_name": "A", "id": "P", "last_name": "B"}]}')
    assert isinstance(value["persons"][0], JsonObject) and value["persons"][0].repeated == ("last_name",)


@pytest.mark.parametrize("number", [b"1" * 5000, b"-1.5e999999", b"NaN", b"Infinity", b"12"])
def test_a_number_is_never_converted_whatever_its_size(number):
    value, wrong = decode(b'{"phone": ' + number + b"}")
    assert wrong is None and isinstance(value["phone"], Number)


@pytest.mark.parametrize(("line", "wrong"), [
    (b"[" * 200_000 + b"]" * 200_000, f"is nested more than {MAX_DEPTH} levels deep"),
    (b'{"a": ' + b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1) + b"}", "is nested more than"),
    (b'{"last_name": "Mart\xe9"}', "is not UTF-8 text"),
    (b'{"last_name": "Martin"', "is not valid JSON: Expecting ',' delimiter at column 23"),
])
def test_a_line_that_cannot_be_read_says_why_without_its_text(line, wrong):
    value, problem = decode(line)
    assert value is None and problem.startswith(wrong) and "Mart" not in problem


@pytest.mark.parametrize("text", [
    '{"text": "[[[[[[[[[[{{{{{{{{{ \\" ]]]"}',  # an escaped quote inside a string
    '{"text": "a\\\\", "b": "[[[[[[[[[[[[[["}',  # an escaped backslash just before the closing quote
    '{"text": "\\\\\\"[[[[[[[[[[[[[[\\\\"}',  # an escaped backslash then an escaped quote
])
def test_brackets_inside_strings_do_not_count_for_depth(text):
    value, wrong = decode(text.encode())
    assert wrong is None and value, text


def test_depth_is_counted_after_strings_with_escapes():
    deep = b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1)
    value, wrong = decode(b'{"text": "a\\\\", "deep": ' + deep + b"}")
    assert value is None and wrong.startswith("is nested more than")
