"""The detector as a command starts it: its imports, its pipeline and its recognizers' first text within
PatternFiles.kept() (anonymizer.compiled_patterns), so that the regular expressions they compile are
compiled once, at the first start, and read back at every other."""

from anonymizer.compiled_patterns import PatternFiles
from anonymizer.config import DetectionConfig

# Some recognizers compile their patterns on their first text (presidio's PatternRecognizer): this one,
# a sentence of no one, is analysed at the start, so that it is theirs and not a case's.
FIRST_TEXT = "Mme Martin a appelé le 06 12 34 56 78 depuis Toulouse le 3 mars."


def started_detector(files: PatternFiles, config: DetectionConfig | None = None):
    """A Detector (anonymizer.engine, imported here: spaCy's and presidio's imports compile most patterns)."""
    with files.kept():
        from anonymizer.engine import Detector

        detector = Detector(config)
        detector.analyze(FIRST_TEXT)
    return detector
