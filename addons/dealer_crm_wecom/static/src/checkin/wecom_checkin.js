import { _t } from "@web/core/l10n/translation";
import { loadJS } from "@web/core/assets";
import { rpc } from "@web/core/network/rpc";
import { patch } from "@web/core/utils/patch";
import { onWillStart } from "@odoo/owl";
import { DealerCheckinAction } from "@dealer_crm_field/checkin/checkin_action";

const JSSDK_URL = "https://res.wx.qq.com/open/js/jweixin-1.2.0.js";

/** Whether the page runs in WeCom's own browser. */
export function inWeCom() {
    return /wxwork/i.test(navigator.userAgent);
}

/** WeCom's JS-SDK, configured for this page with the server's signature. */
async function configureWeCom() {
    if (!window.wx) {
        await loadJS(JSSDK_URL);
    }
    const config = await rpc("/dealer_crm/wecom/jsapi_config", { url: window.location.href.split("#")[0] });
    if (config.error) {
        throw new Error(config.error);
    }
    await new Promise((resolve, reject) => {
        window.wx.config({
            beta: true,
            debug: false,
            appId: config.appId,
            timestamp: config.timestamp,
            nonceStr: config.nonceStr,
            signature: config.signature,
            jsApiList: ["getLocation", "chooseImage", "uploadImage"],
        });
        window.wx.ready(resolve);
        window.wx.error((result) => reject(new Error(result.errMsg)));
    });
    return window.wx;
}

/**
 * Inside WeCom the check-in screen takes the position from wx.getLocation
 * (WGS-84) and photos from WeCom's camera (chooseImage + uploadImage): the
 * server fetches each photo by its media id. Elsewhere it works as before.
 */
patch(DealerCheckinAction.prototype, {
    setup() {
        this.wecom = inWeCom() ? { ready: null, error: "" } : null;
        super.setup(...arguments);
        if (this.wecom) {
            this.wecom.ready = configureWeCom().catch((error) => {
                this.wecom.error = error.message;
                return null;
            });
            onWillStart(() => this.wecom.ready);
        }
    },

    async locate() {
        if (!this.wecom) {
            return super.locate();
        }
        const wx = await this.wecom.ready;
        if (!wx) {
            return super.locate();
        }
        this.state.locating = true;
        this.state.locationError = "";
        wx.getLocation({
            type: "wgs84",
            success: (result) => {
                this.state.position = {
                    latitude: Number(result.latitude),
                    longitude: Number(result.longitude),
                    accuracy: Number(result.accuracy) || 0,
                };
                this.state.locating = false;
            },
            fail: () => {
                this.state.locating = false;
                this.state.locationError = _t(
                    "WeCom could not tell your position: allow location for WeCom and try again."
                );
            },
            cancel: () => {
                this.state.locating = false;
            },
        });
    },

    async takeWeComPhotos() {
        const wx = await this.wecom.ready;
        if (!wx) {
            return;
        }
        wx.chooseImage({
            count: 9,
            sizeType: ["original"],
            sourceType: ["camera"],
            success: (chosen) => {
                for (const localId of chosen.localIds) {
                    wx.uploadImage({
                        localId,
                        isShowProgressTips: 1,
                        success: (uploaded) => {
                            this.state.photos.push({
                                name: `wecom-${this.state.photos.length + 1}.jpg`,
                                dataUrl: localId,
                                mediaId: uploaded.serverId,
                            });
                        },
                        fail: () => {
                            this.notification.add(_t("A photo could not be uploaded to WeCom; take it again."), {
                                type: "danger",
                            });
                        },
                    });
                }
            },
        });
    },

    photoValues(photo) {
        if (photo.mediaId) {
            return { name: photo.name, dealer_wecom_media_id: photo.mediaId };
        }
        return super.photoValues(photo);
    },
});
