import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useFileUploader } from "@web/core/utils/files";
import {
    Many2ManyBinaryField,
    many2ManyBinaryField,
} from "@web/views/fields/many2many_binary/many2many_binary_field";
import { onWillUnmount, useState } from "@odoo/owl";

/**
 * Voice notes of a follow-up: the attachments field, plus a record button
 * where the device has a microphone and MediaRecorder. Files can always be
 * uploaded instead; the server checks that they are sound.
 */
export class VoiceNotesField extends Many2ManyBinaryField {
    static template = "dealer_crm_field.VoiceNotesField";

    setup() {
        super.setup();
        this.uploadFile = useFileUploader();
        this.recording = useState({ active: false, seconds: 0 });
        this.canRecord = Boolean(window.MediaRecorder && navigator.mediaDevices?.getUserMedia);
        onWillUnmount(() => this.stopTracks());
    }

    get stopText() {
        return _t("Stop (%(seconds)s s)", { seconds: this.recording.seconds });
    }

    async startRecording() {
        let stream;
        try {
            stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        } catch {
            this.notification.add(_t("The microphone is not available: allow it, or upload a recording."), {
                type: "warning",
            });
            return;
        }
        this.stream = stream;
        this.chunks = [];
        this.recorder = new MediaRecorder(stream);
        this.recorder.addEventListener("dataavailable", (event) => this.chunks.push(event.data));
        this.recorder.addEventListener("stop", () => this.upload());
        this.recorder.start();
        this.recording.active = true;
        this.recording.seconds = 0;
        this.timer = setInterval(() => this.recording.seconds++, 1000);
    }

    stopRecording() {
        clearInterval(this.timer);
        this.recording.active = false;
        this.recorder?.stop();
        this.stopTracks();
    }

    stopTracks() {
        clearInterval(this.timer);
        this.stream?.getTracks().forEach((track) => track.stop());
        this.stream = null;
    }

    async upload() {
        const type = this.recorder.mimeType || "audio/webm";
        const extension = type.includes("mp4") ? "m4a" : type.includes("ogg") ? "ogg" : "webm";
        const stamp = luxon.DateTime.now().toFormat("yyyyLLdd-HHmmss");
        const file = new File(this.chunks, `voice-${stamp}.${extension}`, { type });
        const uploaded = await this.uploadFile("/web/binary/upload_attachment", {
            csrf_token: odoo.csrf_token,
            ufile: [file],
            model: this.props.record.resModel,
            id: this.props.record.resId || 0,
        });
        if (uploaded) {
            await this.onFileUploaded(uploaded);
        }
    }

    isAudio(file) {
        return file.mimetype?.startsWith("audio/") || file.mimetype === "video/webm";
    }
}

registry.category("fields").add("dealer_voice_notes", {
    ...many2ManyBinaryField,
    component: VoiceNotesField,
    extractProps: (fieldInfo) => ({
        ...many2ManyBinaryField.extractProps(fieldInfo),
        acceptedFileExtensions: "audio/*,.webm,.m4a,.mp3,.amr,.ogg,.wav,.aac",
    }),
});
