import pytest

from app.clients.identity import is_valid_nik, is_valid_nip, normalise_digits


@pytest.mark.parametrize("nik", ["3171011403100001", "3171015403100002"])  # day 14, and 54 = woman born on 14th
def test_well_formed_nik(nik):
    assert is_valid_nik(nik)


@pytest.mark.parametrize("nik", ["317101140310000", "31710114031000011", "31710114031000AB", "3171013203100001",
                                 "3171010003100001"])
def test_malformed_nik(nik):
    assert not is_valid_nik(nik)


def test_spaces_and_dots_typed_in_long_numbers_are_ignored():
    assert normalise_digits("3171 0114.0310 0001") == "3171011403100001"
    assert normalise_digits("  ") is None


def test_nip_is_eighteen_digits():
    assert is_valid_nip("199001012015011001")
    assert not is_valid_nip("19900101201501100")
