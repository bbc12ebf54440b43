"""Real-shaped numbers for tests, their check characters computed from the standards
(GB 11643-1999, GB 32100-2015, Luhn) independently of the library the detector uses, so
that a wrong table on either side shows. Never guess a check character: compute it."""

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def id_number(first17: str) -> str:
    """GB 11643-1999: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 is X."""
    total = sum(int(digit) * (2 ** (17 - i) % 11) for i, digit in enumerate(first17))
    return first17 + "10X98765432"[total % 11]


def credit_code(first17: str) -> str:
    """GB 32100-2015: weights 3^i mod 31 over the 31-character alphabet."""
    total = sum(CREDIT_ALPHABET.index(c) * (3**i % 31) for i, c in enumerate(first17))
    return first17 + CREDIT_ALPHABET[(31 - total % 31) % 31]


def luhn(prefix: str) -> str:
    """The number completed with its Luhn check digit."""
    total = 0
    for i, digit in enumerate(reversed(prefix)):
        value = int(digit) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return prefix + str((10 - total % 10) % 10)


def wrong_last(number: str) -> str:
    """The same number with another check character."""
    return number[:-1] + ("1" if number[-1] != "1" else "2")
