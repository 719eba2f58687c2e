"""Regular expressions compiled once and kept: the programs a start compiles, handed back to Python at the next.

Starting the detector compiles some six hundred regular expressions: spaCy's French tokenizer's (one of them
1.5 million characters long, some three hundred branches each holding the whole Unicode alphabet, which `re`
takes 2.5 s to compile), presidio's (every recognizer it ships, other countries' included, compiled with the
`regex` module when presidio is imported) and Oubli's own. Together they were a third of the start of `oubli
detect` on one short text. Serializing the pipeline does not help: spaCy and presidio keep the patterns' text
and compile it again.

What `re` and `regex` make of a pattern is a program, a list of integers for their matching engine, kept in
their cache under the pattern's text and flags. Within `PatternFiles.kept()`, the programs already kept are
put in those caches before anything compiles, and whatever is compiled anew is recorded; at its end, the
programs still cached that the file lacks are added to it (the first start, or a new version of Oubli). A
program is only ever found again by its exact pattern and flags, so a kept program that nothing asks for
costs nothing and a pattern the file lacks is compiled as before.

The window is the detector's start alone: a pattern made of a case's participants (anonymizer.known_persons)
is compiled when a text is analysed, after it, and never reaches the file. The recording sees every compile of
the process, so a command starts its detector before it starts any thread (Oubli's do: `oubli detect` and the
access export, both single-threaded until their workers are forked). The programs are in the engines'
private format (_sre.compile, regex's _regex.compile and their caches), hence the file's name holds Python's
version and regex's; a program read back is the one compiled (tested). The file is written 0600 in a folder
only its owner opens (0700), and carries the SHA-256 of its content, checked before any program is taken:
_sre checks a program it is given, regex's engine does not."""

import _sre  # type: ignore[import-not-found]  # re's engine: no stubs
import hashlib
import marshal
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex  # type: ignore[import-untyped]
from regex import _main as regex_main
from regex import _regex

from casefiles.kernel.errors import InvalidInput

FILE_PREFIX = "compiled-patterns-"
# What the versions before kept alone, the tokenizer's patterns: replaced by this file.
FORMER_PREFIXES = (FILE_PREFIX, "tokenizer-patterns-")
DIGEST = hashlib.sha256().digest_size
# The engines' caches this module fills: a Python or a regex without them starts as if nothing were kept.
CACHES_THERE = hasattr(re, "_cache") and all(hasattr(regex_main, name)
                                             for name in ("_cache", "_named_args", "_locale_sensitive"))
# A kept program: the engine ("re" or "regex"), the pattern and the flags it was asked with, and what the
# engine's compile was given.
Kept = tuple[str, str | bytes, int, tuple]


@dataclass(frozen=True)
class PatternFiles:
    """Where the programs are kept: a folder of the data folder, written with the writer the shell hands in
    (the project's one writer of private files)."""

    folder: Path
    write: Callable[[Path, bytes], None]

    def file(self) -> Path:
        """This Python's and this regex's file: a new version of either, a new file."""
        python = f"{sys.implementation.name}-{'.'.join(map(str, sys.version_info[:3]))}"
        return self.folder / f"{FILE_PREFIX}{python}-regex-{regex.__version__}.marshal"

    @contextmanager
    def kept(self) -> Iterator[None]:
        """Within: the kept programs are in the engines' caches, and what is compiled anew is recorded; at the
        end, what the file lacks is added to it. A folder that cannot be written only costs the compiling."""
        if not CACHES_THERE:
            yield
            return
        path = self.file()
        known = _put_in_caches(_read(path))
        if not known:  # the first start: what this process compiled before is compiled again, to be kept
            re.purge()
            regex.purge()
        with _recording() as compiled:
            yield
        new = [entry for entry in _still_cached(compiled) if entry[:3] not in known]
        if new:
            self._keep(path, [*_read(path), *new])

    def _keep(self, path: Path, entries: list[Kept]) -> None:
        content = marshal.dumps(_exact(entries))
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.write(path, hashlib.sha256(content).digest() + content)
        except (OSError, InvalidInput):  # a folder not writable, a link in the way: nothing kept, nothing lost
            return
        for former in self.folder.iterdir():
            if former.name.startswith(FORMER_PREFIXES) and former != path:
                former.unlink(missing_ok=True)


def _read(path: Path) -> list[Kept]:
    """The kept programs; none when there is no file yet or it was damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return []
    digest, content = data[:DIGEST], data[DIGEST:]
    if hashlib.sha256(content).digest() != digest:
        return []
    return marshal.loads(content)


def _put_in_caches(entries: list[Kept]) -> set[tuple]:
    """Each program where its engine's compile looks first (re/__init__.py and regex/_main.py, `_compile`);
    what finds them. The entries, half a million numbers, are let go at once rather than held through the
    imports that follow, where the garbage collector would walk them at each of its passes."""
    for engine, pattern, flags, args in entries:
        if engine == "re":
            re._cache[type(pattern), pattern, flags] = _sre.compile(*args)  # type: ignore[attr-defined]
            continue
        default_version, program = args[0], _regex.compile(*args[1:])
        regex_main._cache[pattern, type(pattern), flags, frozenset(), default_version, None] = program
        regex_main._named_args[pattern, type(pattern), flags] = frozenset()
        regex_main._locale_sensitive[type(pattern), pattern] = False
    return {entry[:3] for entry in entries}


@contextmanager
def _recording() -> Iterator[dict[int, tuple[Any, tuple]]]:
    """Every program the engines compile within, by its identity: what their compile was given."""
    compiled: dict[int, tuple[Any, tuple]] = {}
    compile_re, compile_regex = _sre.compile, _regex.compile

    def recorded(compile_: Callable, *args):
        program = compile_(*args)
        if not _from_python_itself(sys._getframe(2)):
            compiled[id(program)] = (program, args)  # held: no other object takes its identity meanwhile
        return program

    _sre.compile = lambda *args: recorded(compile_re, *args)
    _regex.compile = lambda *args: recorded(compile_regex, *args)
    try:
        yield compiled
    finally:
        _sre.compile, _regex.compile = compile_re, compile_regex


def _from_python_itself(frame) -> bool:
    """Whether the first caller outside the engines is a module of Python's standard library: some of theirs are
    made anew at every start (tokenize's, from a set, in an order each process draws), and would have the file
    written again at every start. They are few and small, and compiled as before."""
    while frame and frame.f_globals.get("__name__", "").partition(".")[0] in ("re", "regex", "sre_compile"):
        frame = frame.f_back
    return bool(frame) and frame.f_globals.get("__name__", "").partition(".")[0] in sys.stdlib_module_names


def _still_cached(compiled: dict[int, tuple[Any, tuple]]) -> list[Kept]:
    """The recorded programs the engines' caches hold, with the pattern and flags they are found by. Of regex's,
    those without named lists nor locale, as are all of the detector's."""
    found: list[Kept] = []
    for (_kind, pattern, flags), program in list(re._cache.items()):  # type: ignore[attr-defined]
        if id(program) in compiled:  # both alive: the same identity, the same program
            found.append(("re", pattern, flags, compiled[id(program)][1]))
    for key, program in list(regex_main._cache.items()):
        pattern, kind, flags, named, default_version, locale = key
        if (id(program) in compiled and not named and locale is None
                and regex_main._locale_sensitive.get((kind, pattern)) is False):
            found.append(("regex", pattern, flags, (default_version, *compiled[id(program)][1])))
    return found


def _exact(value: Any) -> Any:
    """`value` in the exact built-in types marshal writes: a pattern may be a str of a subclass
    (anonymizer.recognizers.base.Alternation), flags an enum."""
    if isinstance(value, list | tuple):
        return (list if isinstance(value, list) else tuple)(_exact(item) for item in value)
    if isinstance(value, dict):
        return {_exact(key): _exact(item) for key, item in value.items()}
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bytes):
        return bytes(value)
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else value
