"""Voice messages: WeCom sends AMR, which browsers do not play."""
import subprocess
import tempfile

AMR_MAGIC = b"#!AMR\n"
# Bytes of one AMR-NB frame by its frame type (20 ms each).
_AMR_FRAME_SIZES = (13, 14, 16, 18, 20, 21, 27, 32, 6, 0, 0, 0, 0, 0, 0, 1)


class VoiceConversionError(Exception):
    """ffmpeg is missing or could not read the recording."""


def amr_seconds(content):
    """The length in seconds of an AMR-NB recording, counted by its frames."""
    if not content.startswith(AMR_MAGIC):
        return 0
    position, frames = len(AMR_MAGIC), 0
    while position < len(content):
        size = _AMR_FRAME_SIZES[(content[position] >> 3) & 0x0F]
        position += size or 1
        frames += 1
    return round(frames * 0.02)


def browser_copy(content, suffix=".amr"):
    """An MP3 copy of a recording, made by ffmpeg."""
    with tempfile.NamedTemporaryFile(suffix=suffix) as source, tempfile.NamedTemporaryFile(suffix=".mp3") as target:
        source.write(content)
        source.flush()
        try:
            subprocess.run(
                ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", source.name, "-codec:a", "libmp3lame",
                 "-b:a", "32k", target.name],
                check=True, capture_output=True, timeout=60,
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise VoiceConversionError(str(error)) from None
        target.seek(0)
        mp3 = target.read()
    if not mp3:
        raise VoiceConversionError("ffmpeg gave no sound")
    return mp3
