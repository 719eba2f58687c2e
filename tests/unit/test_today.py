from datetime import UTC, date, datetime

from oubli.bootstrap import bootstrap
from oubli.settings import Settings


def app_at(moment: datetime):
    settings = Settings(db_url="sqlite://", keys_dir="/nonexistent", actor="test")
    return bootstrap(settings, clock=lambda: moment)


def test_today_is_the_day_in_paris_not_in_utc():
    assert app_at(datetime(2026, 11, 22, 23, 30, tzinfo=UTC)).today() == date(2026, 11, 23)
    assert app_at(datetime(2026, 7, 1, 21, 59, tzinfo=UTC)).today() == date(2026, 7, 1)
    assert app_at(datetime(2026, 7, 1, 22, 0, tzinfo=UTC)).today() == date(2026, 7, 2)  # summer time
