"""Synthetic shop-front photos for the tests: no image file in the repository.

``shop_photo(seed)`` draws a shop front as a phone would photograph it: sky,
a brick wall with the upper floor's windows, a sign with the shop's name, an
awning, a door, shop windows full of goods, posters, a plant, the pavement,
then a little lens blur and sensor noise. The same ``seed`` is the same shop;
``viewpoint``, ``brightness`` and ``obstacle`` make another photo of it.
Everything is drawn from ``random.Random`` and Pillow's own font (Pillow 10.1
or later): a photo depends on its arguments only, not on the machine's fonts.
"""
import random

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

SHOP_NAMES = [
    "HUANG HARDWARE", "GOLDEN PAINTS", "LI TILES & BATH", "EAST RIVER TOOLS",
    "SUN LIGHTING", "ZHOU DOORS", "PEARL PLUMBING", "NORTH STAR PAINT",
]
# The scene is drawn this much larger than the photo, so that the camera can
# move in it; the photo from ``viewpoint=0`` shows the FRAME of it in the
# centre, a margin of 1/12 of the scene left on each side.
SCENE_SCALE = 1.4
FRAME = 1 / 1.2


def shop_photo(seed, viewpoint=0.0, brightness=1.0, obstacle=False, size=(1600, 1200)):
    """An RGB photo of the shop front ``seed``.

    :param viewpoint: how far the photographer stepped closer and to the
        side, from 0 to 0.2: 0.15 draws the shop 15 % larger, the frame moved
        right by 7.5 % of its width, seen at an angle (its left side smaller)
    :param brightness: the light, 1 as in the reference photo
    :param obstacle: a car parked in front of the shop
    :param size: the photo's size in pixels
    """
    width, height = size
    # Details (frames, tiles, leaves) are sized for a 1600 pixel wide photo.
    unit = width / 1600
    scene = _draw_scene(seed, round(width * SCENE_SCALE), round(height * SCENE_SCALE), unit)
    photo = _camera(scene, size, viewpoint)
    if obstacle:
        _draw_car(photo, random.Random(f"{seed}-car"), unit)
    if brightness != 1.0:
        photo = ImageEnhance.Brightness(photo).enhance(brightness)
    noise = random.Random(f"{seed}-{viewpoint}-{brightness}-{obstacle}")
    return _sensor(photo, noise, unit)


def _jitter(rng, color, spread):
    """``color`` lighter or darker by up to ``spread``, its hue nearly kept."""
    shade = rng.randint(-spread, spread)
    return tuple(max(0, min(255, channel + shade + rng.randint(-4, 4))) for channel in color)


def _random_color(rng, low=0, high=255):
    return tuple(rng.randint(low, high) for _channel in range(3))


def _draw_scene(seed, width, height, unit):
    """The shop front, each part drawn from a random generator of its own:
    how many bricks or tiles fit depends on the size, the shop does not."""
    def rng(part):
        return random.Random(f"{seed}-{part}")

    scene = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(scene)
    _draw_sky(draw, rng("sky"), width, height)
    wall_top, shop_top, ground = round(height * 0.1), round(height * 0.36), round(height * 0.84)
    _draw_bricks(draw, rng("wall"), (0, wall_top, width, ground))
    _draw_upper_windows(draw, rng("upper floor"), width, wall_top, shop_top, unit)
    _draw_light_spot(scene, rng("light"), (0, wall_top, width, ground))
    sign = (round(width * 0.14), shop_top, round(width * 0.86), round(height * 0.47))
    _draw_sign(draw, rng("sign"), sign, unit)
    door_left = round(width * rng("door").uniform(0.38, 0.5))
    door = (door_left, round(height * 0.52), door_left + round(width * 0.14), ground)
    _draw_door(draw, rng("door"), door, unit)
    shop_window_bottom = round(height * 0.8)
    gap = round(width * 0.02)
    _draw_shop_window(draw, rng("left window"), (sign[0], door[1], door[0] - gap, shop_window_bottom), unit)
    _draw_shop_window(draw, rng("right window"), (door[2] + gap, door[1], sign[2], shop_window_bottom), unit)
    _draw_awning(draw, rng("awning"), (sign[0], sign[3], sign[2], door[1]))
    _draw_posters(draw, rng("posters"), width, height, sign, unit)
    _draw_pavement(draw, rng("pavement"), width, ground, height, unit)
    return scene


def _draw_sky(draw, rng, width, height):
    top, bottom = _random_color(rng, 60, 140), _random_color(rng, 170, 240)
    sky_height = round(height * 0.12)
    for y in range(sky_height):
        t = y / sky_height
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    for _cloud in range(rng.randint(2, 5)):
        x, y = rng.uniform(0, width), rng.uniform(0, sky_height)
        rx, ry = rng.uniform(width * 0.04, width * 0.1), rng.uniform(sky_height * 0.1, sky_height * 0.3)
        draw.ellipse([x - rx, y - ry, x + rx, y + ry], fill=_random_color(rng, 215, 250))


def _draw_bricks(draw, rng, box):
    left, top, right, bottom = box
    base = _random_color(rng, 90, 200)
    draw.rectangle(box, fill=_jitter(rng, base, 30))
    brick_height = max(4, (bottom - top) // 48)
    brick_width = brick_height * 3
    for row, y in enumerate(range(top, bottom, brick_height)):
        offset = (brick_width // 2) * (row % 2)
        for x in range(left - offset, right, brick_width):
            draw.rectangle([x + 1, y + 1, x + brick_width - 2, y + brick_height - 2], fill=_jitter(rng, base, 22))


def _draw_upper_windows(draw, rng, width, top, bottom, unit):
    count = rng.randint(3, 5)
    frame = _random_color(rng, 180, 250)
    step = width / count
    for index in range(count):
        left = round(step * index + step * rng.uniform(0.2, 0.3))
        right = round(step * (index + 1) - step * rng.uniform(0.2, 0.3))
        box = [left, round(top + (bottom - top) * 0.2), right, round(bottom - (bottom - top) * 0.15)]
        draw.rectangle(box, fill=frame)
        glass = _random_color(rng, 30, 110)
        inset = round(8 * unit)
        draw.rectangle([box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset], fill=glass)
        middle = (box[0] + box[2]) // 2
        draw.line([(middle, box[1]), (middle, box[3])], fill=frame, width=max(1, round(6 * unit)))
        if rng.random() < 0.5:
            curtain = _random_color(rng, 120, 240)
            draw.rectangle([box[0] + inset, box[1] + inset, middle - inset // 2, box[3] - inset], fill=curtain)


def _draw_light_spot(scene, rng, box):
    """Sunlight or a lamp's glow on the wall: a soft radial gradient."""
    left, top, right, bottom = box
    size = round(rng.uniform(0.4, 0.8) * (right - left))
    mask = Image.radial_gradient("L").resize((size, size)).point(lambda value: (255 - value) * 0.35)
    light = Image.new("RGB", (size, size), _random_color(rng, 200, 255))
    x, y = round(rng.uniform(left, right - size)), round(rng.uniform(top - size / 2, bottom - size / 2))
    scene.paste(light, (x, y), mask)


def _draw_sign(draw, rng, box, unit):
    background = _random_color(rng, 0, 200)
    draw.rectangle(box, fill=background, outline=_random_color(rng), width=max(1, round(10 * unit)))
    text_color = tuple(255 - channel for channel in background)
    name = rng.choice(SHOP_NAMES)
    font = ImageFont.load_default(round((box[3] - box[1]) * 0.6))
    draw.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), name, fill=text_color, font=font, anchor="mm")


def _draw_awning(draw, rng, box):
    left, top, right, bottom = box
    colors = [_random_color(rng, 0, 255), _random_color(rng, 200, 255)]
    stripe = max(10, (right - left) // rng.randint(14, 24))
    for index, x in enumerate(range(left, right, stripe)):
        end, slant = min(x + stripe, right), stripe // 4
        draw.polygon([(x, top), (end, top), (end + slant, bottom), (x + slant, bottom)], fill=colors[index % 2])


def _draw_door(draw, rng, box, unit):
    frame = _random_color(rng, 20, 90)
    draw.rectangle(box, fill=frame)
    inset = (box[2] - box[0]) // 10
    panel = [box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset * 3]
    draw.rectangle(panel, fill=_random_color(rng, 40, 120))
    handle_x = box[2] - inset * 2
    middle = (box[1] + box[3]) // 2
    handle = [handle_x - 4 * unit, middle - 40 * unit, handle_x + 4 * unit, middle + 40 * unit]
    draw.rectangle(handle, fill=(200, 200, 190))


def _draw_shop_window(draw, rng, box, unit):
    """A window onto shelves of goods: tins, boxes and bottles."""
    draw.rectangle(box, fill=_random_color(rng, 150, 230))
    frame, board = round(12 * unit), max(1, round(6 * unit))
    inner = [box[0] + frame, box[1] + frame, box[2] - frame, box[3] - frame]
    draw.rectangle(inner, fill=_random_color(rng, 20, 70))
    shelves = rng.randint(3, 5)
    shelf_height = (inner[3] - inner[1]) / shelves
    for shelf in range(shelves):
        floor = round(inner[1] + shelf_height * (shelf + 1))
        draw.rectangle([inner[0], floor - board, inner[2], floor], fill=(170, 160, 150))
        x = inner[0] + rng.randint(2, 20) * unit
        while x < inner[2] - 10 * unit:
            item_width = rng.randint(14, 60) * unit
            item_height = round(shelf_height * rng.uniform(0.3, 0.85))
            right = min(x + item_width, inner[2] - 2 * unit)
            color = _random_color(rng)
            shape = draw.ellipse if rng.random() < 0.3 else draw.rectangle
            shape([x, floor - board - item_height, right, floor - board], fill=color)
            x = right + rng.randint(2, 12) * unit
    reflection = _random_color(rng, 200, 255)
    x = rng.randint(inner[0], inner[2])
    glint = [(x, inner[1]), (x - (inner[3] - inner[1]) // 2, inner[3])]
    draw.line(glint, fill=reflection, width=max(1, round(5 * unit)))


def _draw_posters(draw, rng, width, height, sign, unit):
    """Posters on the wall beside the shop, and a potted plant."""
    for _poster in range(rng.randint(2, 4)):
        poster_width, poster_height = rng.randint(width // 30, width // 14), rng.randint(height // 20, height // 9)
        x = rng.choice([rng.randint(0, max(1, sign[0] - poster_width)), rng.randint(sign[2], width - poster_width)])
        y = rng.randint(sign[1], round(height * 0.8) - poster_height)
        draw.rectangle([x, y, x + poster_width, y + poster_height], fill=_random_color(rng))
        draw.polygon(
            [(x + rng.randint(0, poster_width), y + rng.randint(0, poster_height)) for _corner in range(3)],
            fill=_random_color(rng),
        )
    pot_x = rng.choice([sign[0] - width // 20, sign[2] + width // 60])
    pot_y = round(height * 0.84)
    pot = [(0, -90), (70, -90), (60, 0), (10, 0)]
    draw.polygon([(pot_x + x * unit, pot_y + y * unit) for x, y in pot], fill=(150, 80, 50))
    for _leaf in range(12):
        leaf_x = pot_x + (35 + rng.randint(-60, 60)) * unit
        leaf_y = pot_y - (90 + rng.randint(10, 150)) * unit
        draw.ellipse(
            [leaf_x - 25 * unit, leaf_y - 12 * unit, leaf_x + 25 * unit, leaf_y + 12 * unit],
            fill=_jitter(rng, (50, 130, 50), 30),
        )


def _draw_pavement(draw, rng, width, top, bottom, unit):
    base = _random_color(rng, 110, 180)
    draw.rectangle([0, top, width, bottom], fill=base)
    kerb, tile = max(1, round(8 * unit)), max(4, round(40 * unit))
    draw.rectangle([0, top, width, top + kerb], fill=_jitter(rng, base, 50))
    for row, y in enumerate(range(top + kerb, bottom, tile)):
        for x in range(-(row % 2) * tile, width, 2 * tile):
            draw.rectangle([x + 1, y + 1, x + 2 * tile - 2, y + tile - 2], fill=_jitter(rng, base, 12))


def _camera(scene, size, viewpoint):
    """The part of the scene the camera sees, as a quadrilateral: the frame
    of ``viewpoint=0`` shrunk by ``1 + viewpoint``, moved right, and taller on
    its left, which makes the left of the shop look farther away."""
    scene_width, scene_height = scene.size
    frame_width = scene_width * FRAME / (1 + viewpoint)
    frame_height = scene_height * FRAME / (1 + viewpoint)
    center_x = scene_width / 2 + frame_width * viewpoint / 2
    center_y = scene_height / 2
    left, right = center_x - frame_width / 2, center_x + frame_width / 2
    top, bottom = center_y - frame_height / 2, center_y + frame_height / 2
    keystone = frame_height * viewpoint / 4
    quad = (left, top - keystone, left, bottom + keystone, right, bottom, right, top)
    return scene.transform(size, Image.Transform.QUAD, quad, Image.Resampling.BICUBIC)


def _draw_car(photo, rng, unit):
    width, height = photo.size
    draw = ImageDraw.Draw(photo)
    body_left = round(width * rng.uniform(0.02, 0.3))
    body_right = body_left + round(width * 0.5)
    body_bottom, body_top = round(height * 0.95), round(height * 0.74)
    body = _random_color(rng, 20, 235)
    roof_top = round(height * 0.58)
    length = body_right - body_left
    cabin = [
        (body_left + length * 0.2, body_top), (body_left + length * 0.32, roof_top),
        (body_left + length * 0.7, roof_top), (body_left + length * 0.85, body_top),
    ]
    draw.polygon(cabin, fill=body)
    inset = 8 * unit
    glass = [
        (x + (inset if index < 2 else -inset), y + (inset if y == roof_top else 0))
        for index, (x, y) in enumerate(cabin)
    ]
    draw.polygon(glass, fill=(40, 50, 60))
    draw.rounded_rectangle([body_left, body_top, body_right, body_bottom], radius=round(40 * unit), fill=body)
    radius = height * 0.065
    for wheel_x in (body_left + length * 0.2, body_left + length * 0.8):
        for size, color in ((radius, (15, 15, 15)), (radius / 2, (170, 170, 170))):
            draw.ellipse([wheel_x - size, body_bottom - size, wheel_x + size, body_bottom + size], fill=color)


def _sensor(photo, rng, unit):
    """What the lens and the sensor add: a slight blur, then grain."""
    photo = photo.filter(ImageFilter.GaussianBlur(unit))
    grain = Image.frombytes("L", photo.size, rng.randbytes(photo.width * photo.height))
    return Image.blend(photo, Image.merge("RGB", (grain, grain, grain)), 0.08)
