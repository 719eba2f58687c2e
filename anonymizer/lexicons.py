"""Word lists shipped as data files beside the code (anonymizer/data/*.txt, in the wheel), each read once,
on first use: one entry a line, lines starting with '#' (where each list comes from) skipped."""

from functools import cache
from importlib import resources

from anonymizer.text import fold


@cache
def folded_words(name: str) -> frozenset[str]:
    """The entries of anonymizer/data/`name`, folded ('Ngọc' -> 'ngoc')."""
    text = resources.files("anonymizer").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(fold(line.strip()) for line in text.splitlines() if line.strip() and not line.startswith("#"))
