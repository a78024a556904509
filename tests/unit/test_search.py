from portal.customers import search


def test_words_are_folded_and_keep_nordic_letters() -> None:
    assert search.words("Bjørn Ærlig Åsen", "Sörén Café") == [
        "bjørn",
        "ærlig",
        "åsen",
        "sörén".replace("é", "e"),
        "cafe",
    ]


def test_words_split_e_mail_addresses_and_drop_duplicates() -> None:
    assert search.words("post@storo.no", "Storo AS") == ["post", "storo", "no", "as"]


def test_every_term_must_prefix_some_word() -> None:
    words = search.words("Rema 1000 Storo", "kari@rema.no")
    assert search.matches_all(["rem", "sto"], words)
    assert search.matches_all(["100"], words)
    assert not search.matches_all(["rem", "oslo"], words)
    assert search.matches_all([], words)


def test_the_bucket_is_the_first_two_letters() -> None:
    assert search.bucket("nordlys") == "no"
    assert search.bucket("a") == "a"


def test_sort_key_ignores_case_and_punctuation() -> None:
    assert search.sort_key("  ÅSEN, Bakeri-AS ") == "åsen bakeri as"
