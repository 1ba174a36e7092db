#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Go's `strconv.FormatFloat(v, 'g', -1, 32)`: the text Kubernetes' YAML decoding gives a float
/// that lands in a string field (`1.10` → `1.1`, `100000000.0` → `1e+08`, `.inf` → `+Inf`).
package enum GoFloatText {
    static func float32(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        let single = Float(value)
        if single.isInfinite { return single < 0 ? "-Inf" : "+Inf" }
        let negative = single.sign == .minus
        // Swift's description is the shortest text that round-trips the Float, as Go's is.
        let text = "\(single.magnitude)"
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(mantissa[0])
        let fraction = mantissa.count > 1 ? String(mantissa[1]) : ""
        var digits = Array(integerPart + fraction)
        var decimalPoint = integerPart.count + exponent
        while digits.first == "0" { digits.removeFirst(); decimalPoint -= 1 }
        while digits.last == "0" { digits.removeLast() }
        let sign = negative ? "-" : ""
        guard !digits.isEmpty else { return sign + "0" }

        let exponent10 = decimalPoint - 1
        if exponent10 < -4 || exponent10 >= 6 {
            let head = String(digits[0]), tail = String(digits.dropFirst())
            let exponentText = abs(exponent10) < 10 ? "0\(abs(exponent10))" : "\(abs(exponent10))"
            return sign + head + (tail.isEmpty ? "" : "." + tail) + "e" + (exponent10 < 0 ? "-" : "+") + exponentText
        }
        if decimalPoint <= 0 {
            return sign + "0." + String(repeating: "0", count: -decimalPoint) + String(digits)
        }
        if decimalPoint >= digits.count {
            return sign + String(digits) + String(repeating: "0", count: decimalPoint - digits.count)
        }
        return sign + String(digits[..<decimalPoint]) + "." + String(digits[decimalPoint...])
    }
}
