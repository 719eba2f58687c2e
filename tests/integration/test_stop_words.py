from anonymizer.stop_words import STOP_WORDS


def test_the_stop_words_read_without_spacy_are_spacys_french_stop_words():
    from spacy.lang.fr.stop_words import STOP_WORDS as SPACY_STOP_WORDS

    assert STOP_WORDS == SPACY_STOP_WORDS
    assert {"le", "de", "un"} <= STOP_WORDS and "martin" not in STOP_WORDS
