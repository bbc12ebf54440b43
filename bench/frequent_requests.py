"""Time the grouping of a year's applications by what they asked for
(gongkai/yearly_review/frequent.py) on generated request texts.

    .venv/bin/python bench/frequent_requests.py --n 1000 5000 20000

Each request is 3–6 words drawn from 3,000 Zipf-distributed words (a few very common, most
rare), each by a different applicant, and goes through the real segmenter. Random texts are
harder than real ones: they share common words by chance. Prints the groups found, the largest
group and the seconds taken.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from gongkai.yearly_review.frequent import Request, group_requests  # noqa: E402

VOCABULARY = 3000


def requests(n: int, rng: random.Random) -> list[Request]:
    words = [f"词{i:04d}" for i in range(VOCABULARY)]
    weights = [1 / (rank + 1) for rank in range(VOCABULARY)]
    return [
        Request(
            id=i,
            applicant=f"p{i}",
            text="，".join(set(rng.choices(words, weights, k=rng.randint(3, 6)))),
        )
        for i in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for n in args.n:
        batch = requests(n, random.Random(args.seed))
        started = time.perf_counter()
        groups = group_requests(batch)
        seconds = time.perf_counter() - started
        largest = max((len(g.requests) for g in groups), default=0)
        print(f"{n:>7} requests: {len(groups):>5} groups, largest {largest:>4}, {seconds:.2f} s")


if __name__ == "__main__":
    main()
