"""`gongkai screenshots DIR` photographs the demo site, desktop and phone, and lists the
pictures in an index.html."""

import struct

import pytest
from django.core.management import CommandError, call_command

from gongkai.demo.screenshots import VIEWPORTS


def png_size(path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_a_missing_chromium_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No Chromium at /nowhere/chromium"):
        call_command(
            "screenshots",
            str(tmp_path),
            base_url="http://127.0.0.1:1",
            chromium="/nowhere/chromium",
        )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_pages_desktop_and_phone(chromium_path, live_server, tmp_path, restore_demo):
    restore_demo()
    call_command(
        "screenshots",
        str(tmp_path),
        base_url=live_server.url,
        only=["home", "record"],
        chromium=chromium_path,
    )
    pngs = sorted(p.name for p in tmp_path.glob("*.png"))
    assert pngs == [
        "01-home-desktop.png",
        "01-home-phone.png",
        "04-record-desktop.png",
        "04-record-phone.png",
    ]
    for name in pngs:
        path = tmp_path / name
        width, height = png_size(path)
        viewport = VIEWPORTS[name.removesuffix(".png").rsplit("-", 1)[1]]
        assert width == viewport[0]
        assert height >= viewport[1]  # the full page, at least one screen
        assert path.stat().st_size > 20_000, f"{name} looks blank"
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert all(f'src="{name}"' in index for name in pngs)
