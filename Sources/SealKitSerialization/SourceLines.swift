/// The lines of a source text, by byte offset: what the byte-splicing editors (a SealedSecret's
/// entries, a kustomization's resources) ask of the text they edit. Line starts are found once,
/// so that a line number is a binary search, not a count from the start of the file: an edit of
/// every key of a 20,000-key document stays linear.
package struct SourceLines {
    let bytes: [UInt8]
    /// The offset at which each line starts; the first is 0.
    private let starts: [Int]

    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        self.starts = starts
    }

    /// The line break a text writes new lines with: CRLF when its first line ends with one, else
    /// LF. One rule for every editor, so that a file with one stray CR inside (a document holding
    /// only a CR) does not get CRLF lines among its LF ones.
    package static func lineBreak(of bytes: some Collection<UInt8>) -> String {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\n") { return previous == UInt8(ascii: "\r") ? "\r\n" : "\n" }
            previous = byte
        }
        return "\n"
    }

    /// The 0-based line that holds `offset`.
    package func line(of offset: Int) -> Int {
        var low = 0, high = starts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= offset { low = middle } else { high = middle }
        }
        return low
    }

    /// The start of the line that holds `offset`.
    package func lineStart(_ offset: Int) -> Int { starts[line(of: offset)] }

    /// The start of the line after the one that holds `offset`, or the end of the text.
    package func nextLineStart(_ offset: Int) -> Int {
        let next = line(of: offset) + 1
        return next < starts.count ? starts[next] : bytes.count
    }

    /// The column (in bytes) of `offset` on its line.
    package func column(of offset: Int) -> Int { offset - lineStart(offset) }
}
