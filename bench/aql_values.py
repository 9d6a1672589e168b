"""Cost of AQL value comparisons, as ratios measured in one run: string collation (cached and
uncached keys, ASCII and non-ASCII) against Python's plain ``<`` on the same strings, and a
SORT-like ``sorted(key=sort_key)`` of 10,000 mixed values. Run: ``python bench/aql_values.py``."""

from __future__ import annotations

import random
import timeit

from fake_arango_tasks._aql._values import collation_key, compare, compare_strings, sort_key


def main() -> None:
    rnd = random.Random(1)
    ascii_words = ["".join(rnd.choice("abcdefghijABCDEF 0123") for _ in range(12)) for _ in range(2000)]
    latin_words = ["".join(rnd.choice("aäbcdéeèfAÄBß ") for _ in range(12)) for _ in range(2000)]
    pairs = list(zip(ascii_words, ascii_words[1:]))
    plain = timeit.timeit(lambda: [a < b for a, b in pairs], number=20)
    for name, words in (("ascii", ascii_words), ("latin", latin_words)):
        collation_key.cache_clear()
        cold = timeit.timeit(lambda: [collation_key(w) for w in words], number=1)
        warm_pairs = list(zip(words, words[1:]))
        warm = timeit.timeit(lambda: [compare_strings(a, b) for a, b in warm_pairs], number=20)
        print(f"{name}: uncached key {cold / len(words) * 1e6:.1f} us/string; cached compare "
              f"{warm / plain:.1f}x plain str <")
    values = [rnd.choice([rnd.random(), rnd.randint(0, 99), rnd.choice(ascii_words), None, [1, 2]]) for _ in range(10_000)]
    mixed = timeit.timeit(lambda: sorted(values, key=sort_key), number=3) / 3
    numbers = [rnd.random() for _ in range(10_000)]
    base = timeit.timeit(lambda: sorted(numbers), number=3) / 3
    print(f"sort 10,000 mixed values: {mixed * 1000:.1f} ms ({mixed / base:.0f}x sorting 10,000 floats natively)")
    print(f"compare(1, 2.5): {timeit.timeit(lambda: compare(1, 2.5), number=100_000) * 10:.2f} us")


if __name__ == "__main__":
    main()
