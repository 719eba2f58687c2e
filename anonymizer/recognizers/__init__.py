"""One recognizer per file; `build_recognizers` gives those the configuration enables."""

from anonymizer.config import DetectionConfig
from anonymizer.recognizers.age import AgeRecognizer
from anonymizer.recognizers.email import OfflineEmailRecognizer
from anonymizer.recognizers.fr_address import AddressRecognizer
from anonymizer.recognizers.fr_caf import CafNumberRecognizer
from anonymizer.recognizers.fr_date import FrenchDateRecognizer
from anonymizer.recognizers.fr_nir import NirRecognizer
from anonymizer.recognizers.fr_person import FrenchPersonRecognizer
from anonymizer.recognizers.fr_phone import FrenchPhoneRecognizer
from anonymizer.recognizers.fr_place import PlaceRecognizer
from anonymizer.recognizers.iban import FrenchIbanRecognizer
from anonymizer.recognizers.ner_location import NerLocationRecognizer
from anonymizer.recognizers.organization import OrganizationRecognizer

RECOGNIZERS = {
    "FR_NIR": (NirRecognizer,),
    "PHONE_NUMBER": (FrenchPhoneRecognizer,),
    "FR_CAF_NUMBER": (CafNumberRecognizer,),
    "DATE_TIME": (FrenchDateRecognizer,),
    "LOCATION": (AddressRecognizer, PlaceRecognizer, NerLocationRecognizer),
    "PERSON": (FrenchPersonRecognizer,),
    "EMAIL_ADDRESS": (OfflineEmailRecognizer,),
    "IBAN_CODE": (FrenchIbanRecognizer,),
    "AGE": (AgeRecognizer,),
    "ORGANIZATION": (OrganizationRecognizer,),
}


def build_recognizers(config: DetectionConfig) -> list:
    return [recognizer(context=config.context.get(label))
            for label in config.labels for recognizer in RECOGNIZERS[label]]
