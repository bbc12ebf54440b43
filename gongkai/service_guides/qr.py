"""The QR code to a guide's own page, as inline SVG rendered on the server (no script, no
image request; the `qrcode` package already draws the staff's second-factor code)."""

import qrcode
import qrcode.image.svg


def qr_code(text: str) -> qrcode.QRCode:
    """The code that encodes `text` (tests read back its data)."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return code


def qr_svg(text: str) -> str:
    """The SVG element of the code; the page labels it for screen readers."""
    image = qr_code(text).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    # Sized by the page's CSS; the XML declaration has no place inside HTML.
    if svg.startswith("<?xml"):
        svg = svg.split("?>", 1)[1]
    return svg.replace('width="', 'data-width="', 1).replace('height="', 'data-height="', 1)
