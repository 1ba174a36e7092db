import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A duration such as `87600h` (kubeseal's --key-ttl style), `3650d`, `10y`, or `1y6m`
/// (units: y = 365 days, w, d, h, m = minutes, s).
struct DurationArgument: ExpressibleByArgument {
    let seconds: TimeInterval

    init?(argument: String) {
        let units: [Character: TimeInterval] = ["y": 365 * 86400, "w": 7 * 86400, "d": 86400, "h": 3600, "m": 60, "s": 1]
        var total: TimeInterval = 0, digits = ""
        for character in argument {
            if character.isNumber {
                digits.append(character)
            } else if let unit = units[character], let value = Double(digits) {
                total += value * unit
                digits = ""
            } else {
                return nil
            }
        }
        guard digits.isEmpty, total > 0 else { return nil }
        seconds = total
    }
}
