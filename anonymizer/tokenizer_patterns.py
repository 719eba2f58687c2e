"""The French tokenizer's regular expressions, compiled once and kept in the data folder.

spaCy's French tokenizer keeps elisions and hyphenated words whole ('entr'abat', 'saut-de-ski') with one
regular expression 1.5 million characters long: some three hundred branches, each holding the whole
Unicode alphabet, case ignored. Python's `re` takes 2.5 s to compile it, at every start: spaCy's French
module compiles it when imported (spacy/lang/fr/tokenizer_exceptions.py), and the model's tokenizer asks
`re` again for the patterns the model stores (Tokenizer.from_bytes). Serializing the pipeline (`to_disk`,
`to_bytes`) does not help: spaCy stores the patterns' text and compiles them again when it reads them.

What `re` makes of a pattern is a list of integers for its matching engine. That list is kept in a file
under the data folder, keyed by the model's name and version, spaCy's version and Python's, and handed to
`re`'s cache before spaCy loads the model: both compiles above then find the pattern ready, in a few
milliseconds (spaCy's French module builds the very text the model stores, for both French models).
The list is Python's private format (re._parser, re._compiler, _sre.compile, re._cache), hence Python's
exact version in the key; a pattern read back compares equal, compiled program included, to the one
`re` compiles (tested), and _sre checks a program before it takes it. The file is written 0600 in a
folder only its owner opens (0700)."""

import _sre  # type: ignore[import-not-found]  # re's engine: no stubs
import platform
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import spacy
import srsly  # type: ignore[import-untyped]

from casefiles.kernel.errors import InvalidInput

# What Tokenizer.to_bytes stores as pattern text (spacy/tokenizer.pyx), read back with re.compile(text).
TOKENIZER_PATTERNS = ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match")
FILE_PREFIX = "tokenizer-patterns-"


@dataclass(frozen=True)
class PatternFiles:
    """Where the compiled patterns are kept: a folder of the data folder, written with the writer the shell
    hands in (the project's one writer of private files)."""

    folder: Path
    write: Callable[[Path, bytes], None]

    def file(self, model: str) -> Path:
        """This model's file for this spaCy and this Python: a new version of any of them, a new file."""
        version = spacy.util.get_package_version(model)
        python = f"{sys.implementation.name}-{platform.python_version()}"
        return self.folder / f"{FILE_PREFIX}{model}-{version}-spacy-{spacy.about.__version__}-{python}.msgpack"

    def prepare(self, model: str) -> None:
        """Puts the model tokenizer's compiled patterns in `re`'s cache, where spaCy's compiles find them."""
        for program in self.programs(model):
            re._cache[(str, program.pattern, 0)] = program  # type: ignore[attr-defined]

    def programs(self, model: str) -> list[re.Pattern]:
        """The model tokenizer's compiled patterns, read from this model's file; the first time (or after
        an upgrade, or when the file is damaged) compiled and written, in place of the model's former files.
        A folder that cannot be written only costs the compiling."""
        path = self.file(model)
        try:
            return _programs(path.read_bytes())
        except (FileNotFoundError, ValueError, TypeError, KeyError, RuntimeError):  # none yet, or damaged
            pass
        content = _compiled(model)
        self._keep(model, path, content)
        return _programs(content)

    def _keep(self, model: str, path: Path, content: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.write(path, content)
        except (OSError, InvalidInput):  # a folder not writable, a link in the way: nothing kept, nothing lost
            return
        for former in self.folder.glob(f"{FILE_PREFIX}{model}-*"):
            if former != path:
                former.unlink(missing_ok=True)


@cache
def _compiled(model: str) -> bytes:
    """Once per process, whatever the folder: the tests give every command a data folder of its own."""
    return srsly.msgpack_dumps([_compile(pattern) for pattern in _model_patterns(model)])


def _model_patterns(model: str) -> list[str]:
    """The pattern texts the model's tokenizer file holds, as spaCy's loader finds that file."""
    package = spacy.util.get_package_path(model)
    meta = spacy.util.get_model_meta(package)
    stored = srsly.msgpack_loads((package / f"{meta['lang']}_{meta['name']}-{meta['version']}" / "tokenizer")
                                 .read_bytes())
    return [stored[name] for name in TOKENIZER_PATTERNS if isinstance(stored.get(name), str)]


def _compile(pattern: str) -> dict[str, Any]:
    """What re._compiler.compile(pattern, 0) hands to _sre.compile, as plain values."""
    parsed = re._parser.parse(pattern, 0)  # type: ignore[attr-defined]
    return {"pattern": pattern, "flags": parsed.state.flags, "groups": parsed.state.groups,
            "groupindex": dict(parsed.state.groupdict),
            "code": [int(op) for op in re._compiler._code(parsed, 0)]}  # type: ignore[attr-defined]


def _programs(content: bytes) -> list[re.Pattern]:
    return [_program(entry) for entry in srsly.msgpack_loads(content)]


def _program(entry: dict[str, Any]) -> re.Pattern:
    names: list[str | None] = [None] * entry["groups"]
    for name, index in entry["groupindex"].items():
        names[index] = name
    return _sre.compile(entry["pattern"], entry["flags"], entry["code"], entry["groups"] - 1,
                        entry["groupindex"], tuple(names))

