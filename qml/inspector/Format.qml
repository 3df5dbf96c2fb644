// SPDX-License-Identifier: Apache-2.0
pragma Singleton
import QtQuick

// Format turns raw model values into short text for humans (the models' display role does the
// same for table cells; cards and charts format raw numbers themselves).
QtObject {
    function bytes(value) {
        const n = Number(value) || 0
        const units = ["B", "KiB", "MiB", "GiB", "TiB"]
        let v = Math.abs(n), u = 0
        while (v >= 1024 && u < units.length - 1) { v /= 1024; ++u }
        const digits = u === 0 ? 0 : (v < 10 ? 2 : (v < 100 ? 1 : 0))
        return (n < 0 ? "-" : "") + v.toFixed(digits) + " " + units[u]
    }
    function byteRate(value) { return bytes(value) + "/s" }
    function count(value) {
        const n = Number(value) || 0
        if (Math.abs(n) >= 1e9) return (n / 1e9).toFixed(1) + " G"
        if (Math.abs(n) >= 1e6) return (n / 1e6).toFixed(1) + " M"
        if (Math.abs(n) >= 1e4) return (n / 1e3).toFixed(1) + " k"
        return Number.isInteger(n) ? String(n) : n.toFixed(1)
    }
    function rate(value) { return count(value) + "/s" }
    function percent(value) { return (Number(value) || 0).toFixed(1) + " %" }
}
