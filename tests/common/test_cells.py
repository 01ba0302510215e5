import datetime as dt

import pytest

from common.cells import cell_neutralise, cell_unquote


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"])
def test_formula_texts_get_an_apostrophe_and_lose_it_again(value):
    assert cell_neutralise(value) == "'" + value
    assert cell_unquote(cell_neutralise(value)) == value


@pytest.mark.parametrize("value", ["Phường 1", "", "'quoted", 5, 2.5, None, dt.date(2021, 1, 2)])
def test_other_values_are_kept(value):
    assert cell_neutralise(value) == value


def test_unquote_keeps_an_apostrophe_before_plain_text():
    assert cell_unquote("'Phường 1") == "'Phường 1"
    assert cell_unquote("Phường 1") == "Phường 1"
