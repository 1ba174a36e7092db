import ArgumentParser
import SealKit

/// A duration such as `87600h` (kubeseal's --key-ttl style), `3650d`, `10y`, or `1y6m`
/// (units: y = 365 days, w, d, h, m = minutes, s).
struct DurationArgument: ExpressibleByArgument {
    let seconds: TimeInterval

    init?(argument: String) {
        guard let seconds = DurationText.seconds(argument) else { return nil }
        self.seconds = seconds
    }
}
