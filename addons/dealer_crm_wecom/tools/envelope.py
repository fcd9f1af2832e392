"""Reading WeCom's XML safely: no DTD, no entities, no network, bounded size."""
from lxml import etree

MAX_BODY = 1024 * 1024


class WeComEnvelopeError(ValueError):
    """A body that is not one WeCom would send."""


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False,
)


def read_xml(body):
    """The fields of a flat ``<xml>`` document (bytes or str) as a dict of texts."""
    if isinstance(body, str):
        body = body.encode()
    if len(body) > MAX_BODY:
        raise WeComEnvelopeError("body over 1 MB")
    if b"<!DOCTYPE" in body.upper() or b"<!ENTITY" in body.upper():
        raise WeComEnvelopeError("DTD or entity declaration")
    try:
        root = etree.fromstring(body, parser=_PARSER)
    except etree.XMLSyntaxError as error:
        raise WeComEnvelopeError("not well-formed XML") from error
    if root.tag != "xml" or root.getroottree().docinfo.internalDTD is not None:
        raise WeComEnvelopeError("not a WeCom envelope")
    return {child.tag: (child.text or "") for child in root if isinstance(child.tag, str)}
