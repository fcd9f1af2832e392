import logging

import requests

from odoo import api, models

_logger = logging.getLogger(__name__)

SERVICE_PARAMETER = "dealer_crm.wecom_speech_to_text_url"
TIMEOUT = 30


class DealerWecomTranscriber(models.AbstractModel):
    """Speech to text for voice follow-ups. The one implementation posts the
    recording to an HTTP service (system parameter
    ``dealer_crm.wecom_speech_to_text_url``) that answers ``{"text": "…"}``;
    another engine overrides ``_transcribe``."""

    _name = "dealer.wecom.transcriber"
    _description = "WeCom Voice Transcription"

    @api.model
    def _transcribe(self, audio, audio_format, seconds):
        """The text of ``audio`` (bytes in ``audio_format``), or None when it cannot be transcribed."""
        url = self.env["ir.config_parameter"].sudo().get_param(SERVICE_PARAMETER)
        if not url:
            return None
        try:
            response = requests.post(url, data=audio, timeout=TIMEOUT, headers={
                "Content-Type": f"audio/{audio_format}", "X-Audio-Seconds": str(seconds),
            })
            response.raise_for_status()
            text = response.json().get("text")
        except (requests.RequestException, ValueError, AttributeError) as error:
            _logger.warning("Speech to text failed: %s", type(error).__name__)
            return None
        return text.strip()[:100_000] if isinstance(text, str) and text.strip() else None
