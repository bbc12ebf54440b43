"""Enforcement publicity: licensing and penalty decisions (双公示), enforcement lists (事前公开),
and double-random inspections (双随机一公开) with a draw anyone can check. See README.md."""
