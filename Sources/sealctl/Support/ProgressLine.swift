import SealKit

/// A status line on stderr that rewrites itself, shown only when stderr is a terminal.
final class ProgressLine {
    private let enabled = POSIX.isTerminal(.error)
    private var shown = false

    func show(_ text: String) {
        guard enabled else { return }
        Console.standardError("\r\u{1B}[K" + String(text.prefix(120)))
        shown = true
    }

    func clear() {
        guard enabled, shown else { return }
        Console.standardError("\r\u{1B}[K")
        shown = false
    }
}
