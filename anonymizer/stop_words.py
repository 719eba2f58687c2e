"""The French stop words ("le", "de", "un"...): spaCy's own list for French, the one the detector
always used, read from the installed `spacy/lang/fr/stop_words.py` without importing spaCy.

Importing `spacy.lang.fr.stop_words` imports spaCy and its French language package (seconds); the
recognizers need only the words. The file holds one assignment, `STOP_WORDS = set(\"\"\"...\"\"\".split())`,
read here as a syntax tree, never executed."""

import ast
import importlib.util
from pathlib import Path


def _spacy_french_stop_words() -> frozenset[str]:
    spec = importlib.util.find_spec("spacy")  # finds the package without importing it
    if spec is None or spec.origin is None:
        raise ImportError("spaCy is not installed: the detector needs it (pip install -e .)")
    path = Path(spec.origin).parent / "lang" / "fr" / "stop_words.py"
    for node in ast.parse(path.read_text(encoding="utf-8"), str(path)).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "STOP_WORDS" for t in node.targets):
            words = node.value.args[0].func.value  # set("""...""".split())
            if isinstance(words, ast.Constant) and isinstance(words.value, str):
                return frozenset(words.value.split())
    raise ImportError(f"{path} no longer holds STOP_WORDS = set('''...'''.split()): read it another way")


STOP_WORDS = _spacy_french_stop_words()
