"""GSM 03.38 (3GPP TS 23.038) character tables, and byte tables that let segments.py use them at C speed."""

import re

# The basic table in GSM code order, without 0x1B (the escape to the extension table). Upper-case C-cedilla
# (U+00C7) sits at 0x09; lower-case c-cedilla is not in the alphabet at all.
GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table: each costs the escape septet plus its own, 2 septets in GSM-7 (1 unit in UCS-2).
GSM7_EXTENSION = "\f^{}\\[~]|€"

GSM7_CHARACTERS = frozenset(GSM7_BASIC + GSM7_EXTENSION)

# Everything that is not in either table: one search finds the first character that forces UCS-2.
NON_GSM7 = re.compile("[^" + re.escape(GSM7_BASIC + GSM7_EXTENSION) + "]")
NON_GSM7_RUN = re.compile("[^" + re.escape(GSM7_BASIC + GSM7_EXTENSION) + "]+")

# Byte tables over ASCII / Latin-1 encodings of the text.
# - PLAIN_ASCII: the ASCII characters of the basic table (delete them: extension/non-GSM bytes remain).
# - EXTENSION_ASCII: the ASCII characters of the extension table (all of them but the euro sign).
# - EXTENSION_MARK: maps an extension byte to 0x80 and every other byte to 0x00; decoded as Latin-1 and
#   encoded as UTF-8, 0x80 becomes C2 80: one byte per septet, 0x80 marking an extension character's second.
PLAIN_ASCII = bytes(sorted(ord(c) for c in GSM7_BASIC if ord(c) < 0x80))
EXTENSION_ASCII = bytes(sorted(ord(c) for c in GSM7_EXTENSION if ord(c) < 0x80))
EXTENSION_MARK = bytes(0x80 if i in EXTENSION_ASCII else 0 for i in range(256))
SECOND_SEPTET = 0x80
