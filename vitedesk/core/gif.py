"""GIF metadata removal without re-encoding: an animation that fits goes as it is, minus what it says about
where and by whom it was made (comments, XMP and other application blocks)."""

from __future__ import annotations

# Application extensions that carry playback settings (loop count), not metadata.
_PLAYBACK_APPLICATIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


class GifFormatError(ValueError):
    """The bytes are not a well-formed GIF."""


def strip_gif_metadata(data: bytes) -> bytes:
    """The same GIF without comment blocks and application blocks other than the loop setting.

    Contract: frames, palettes, timing, transparency and loop count are copied byte for byte; anything after
    the trailer is dropped. Raises GifFormatError for bytes that are not a complete GIF.
    """
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise GifFormatError("not a GIF")
    flags = data[10]
    position = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    kept = bytearray(data[:position])
    while True:
        if position >= len(data):
            raise GifFormatError("no trailer")
        introducer = data[position]
        if introducer == 0x3B:  # trailer
            kept.append(0x3B)
            return bytes(kept)
        if introducer == 0x2C:  # image descriptor, optional local colour table, LZW data
            if position + 10 > len(data):
                raise GifFormatError("cut image descriptor")
            local = data[position + 9]
            end = position + 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1
            end = _skip_sub_blocks(data, end)
            kept += data[position:end]
            position = end
            continue
        if introducer != 0x21 or position + 2 > len(data):
            raise GifFormatError("unknown block")
        label = data[position + 1]
        end = _skip_sub_blocks(data, position + 2)
        block = data[position:end]
        if label == 0xFE:  # comment
            pass
        elif label == 0xFF:  # application: keep only the loop setting
            if block[3:14] in _PLAYBACK_APPLICATIONS and block[2] == 11:
                kept += block
        else:  # graphic control (timing, transparency) and plain text
            kept += block
        position = end


def _skip_sub_blocks(data: bytes, position: int) -> int:
    """Index just after the zero-length block that ends the sub-blocks starting at ``position``."""
    while True:
        if position >= len(data):
            raise GifFormatError("cut data blocks")
        length = data[position]
        position += 1 + length
        if length == 0:
            return position
