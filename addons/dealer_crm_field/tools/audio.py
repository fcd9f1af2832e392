"""Recognising sound recordings by their content, not their name."""

# Leading bytes of the containers phones and browsers record into.
_SIGNATURES = (
    (0, b"ID3"),  # MP3 with tags
    (0, b"OggS"),  # Ogg (Opus, Vorbis)
    (0, b"\x1a\x45\xdf\xa3"),  # WebM / Matroska (browsers' MediaRecorder)
    (0, b"#!AMR"),  # AMR (WeChat, older phones)
    (0, b"fLaC"),  # FLAC
    (4, b"ftyp"),  # MP4 / M4A (iPhone voice memos)
)


def is_audio(content):
    """Whether ``content`` (bytes) starts like a sound recording."""
    if content[:4] == b"RIFF" and content[8:12] == b"WAVE":
        return True
    if any(content[offset:offset + len(magic)] == magic for offset, magic in _SIGNATURES):
        return True
    # MPEG audio (MP3) or ADTS (AAC) frame without tags: an 11-bit or 12-bit sync word.
    return len(content) > 1 and content[0] == 0xFF and (content[1] & 0xE0) == 0xE0
