import io

from PIL import Image


def make_photo(width=640, height=480, taken=None, orientation=None, color=(40, 120, 200), image_format="JPEG"):
    """A camera-like photo: a plain colour, with an EXIF capture time (a naive
    local datetime) and orientation when given."""
    image = Image.new("RGB", (width, height), color)
    exif = Image.Exif()
    if taken:
        exif[0x8769] = {36867: taken.strftime("%Y:%m:%d %H:%M:%S")}
    if orientation:
        exif[0x0112] = orientation
    output = io.BytesIO()
    image.save(output, image_format, exif=exif.tobytes()) if image_format == "JPEG" else image.save(output, image_format)
    return output.getvalue()
