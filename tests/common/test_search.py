from common.search import text_folded, words_match


def test_folding_drops_accents_capitals_and_the_stroke_of_d():
    assert text_folded("Phường Võ Thị Sáu") == "phuong vo thi sau"
    assert text_folded("ĐẤT ĐAI") == "dat dai"


def test_words_may_be_typed_in_part_and_without_accents():
    assert words_match("phuong vo", "Phường Võ Thị Sáu")
    assert words_match("", "Phường 1")
    assert not words_match("phuong 7", "Phường 1")


def test_a_number_is_a_whole_word():
    assert words_match("phuong 1", "Phường 1") and words_match("phường 01", "Phường 1")
    assert not words_match("phuong 1", "Phường 10")


def test_any_of_the_texts_may_match():
    assert words_match("p01", "Phường 1", "P01")
