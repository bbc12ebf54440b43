import pytest

from gongkai.opendata import sources


def _build(agency):
    return sources.Table(columns=(sources.Column("year", "年度", "year"),), rows=[(2025,)])


def test_a_registered_source_is_found_by_its_key():
    source = sources.Source("tests.years", "年度", _build)
    sources.register(source)
    sources.register(source)  # the same registration again (ready() twice) is harmless
    assert sources.get("tests.years") is source
    assert source in sources.all_sources()
    assert sources.get("tests.years").build(None).rows == [(2025,)]


def test_two_sources_cannot_share_a_key():
    sources.register(sources.Source("tests.twice", "一", _build))
    with pytest.raises(ValueError, match="twice"):
        sources.register(sources.Source("tests.twice", "二", lambda agency: _build(agency)))


def test_an_unknown_key_says_which():
    with pytest.raises(KeyError, match=r"tests\.none"):
        sources.get("tests.none")


@pytest.mark.parametrize(
    ("name", "kind"), [("金额", "number"), ("amount", "money"), ("a-b", "string")]
)
def test_a_column_has_an_ascii_name_and_a_known_type(name, kind):
    with pytest.raises(ValueError, match="column"):
        sources.Column(name, "金额", kind)


def test_every_row_is_as_wide_as_the_columns():
    columns = (sources.Column("a", "甲"), sources.Column("b", "乙", "integer"))
    assert len(sources.Table(columns, [("x", 1)]).rows) == 1
    with pytest.raises(ValueError, match="row 2"):
        sources.Table(columns, [("x", 1), ("y",)])
