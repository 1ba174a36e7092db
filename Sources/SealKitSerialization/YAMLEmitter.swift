internal import CYAML
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes ``YAMLNode`` trees as YAML through libyaml's emitter: block style, two-space indent,
/// UTF-8, sequences in mappings not indented (as kubectl and kubeseal write them).
///
/// Each scalar is written in the style ``styleForScalar`` picks; libyaml still falls back to a
/// quoted style where the requested one cannot represent the text. Comments are not kept.
public struct YAMLEmitter: Sendable {
    /// Line width at which libyaml folds long scalars at spaces; nil for never.
    public var lineWidth: Int?
    /// Picks the style of each scalar; `isKey` is true for mapping keys.
    public var styleForScalar: @Sendable (_ scalar: YAMLNode.Scalar, _ isKey: Bool) -> YAMLNode.ScalarStyle

    /// An emitter that keeps each scalar's own style, quoting plain strings that would
    /// otherwise read back as another type.
    public init(lineWidth: Int? = nil) {
        self.lineWidth = lineWidth
        self.styleForScalar = { scalar, _ in
            if scalar.style == .plain, scalar.tag == YAMLNode.stringTag, YAMLResolver.needsQuotes(scalar.value) {
                return .doubleQuoted
            }
            return scalar.style
        }
    }

    /// An emitter with a custom style rule.
    public init(lineWidth: Int?, styleForScalar: @escaping @Sendable (_ scalar: YAMLNode.Scalar, _ isKey: Bool) -> YAMLNode.ScalarStyle) {
        self.lineWidth = lineWidth
        self.styleForScalar = styleForScalar
    }

    /// The YAML text of one document, without `---`, ending in a newline.
    public func emit(_ root: YAMLNode) throws(ManifestError) -> String {
        let sink = OutputSink()
        var emitter = yaml_emitter_t()
        guard yaml_emitter_initialize(&emitter) == 1 else { throw ManifestError(.syntax("libyaml emitter could not start")) }
        defer { yaml_emitter_delete(&emitter) }
        yaml_emitter_set_unicode(&emitter, 1)
        yaml_emitter_set_indent(&emitter, 2)
        yaml_emitter_set_width(&emitter, Int32(lineWidth ?? -1))
        yaml_emitter_set_break(&emitter, YAML_LN_BREAK)
        yaml_emitter_set_output(&emitter, { context, buffer, size in
            guard let context, let buffer else { return 0 }
            Unmanaged<OutputSink>.fromOpaque(context).takeUnretainedValue()
                .bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, Unmanaged.passUnretained(sink).toOpaque())

        try withExtendedLifetime(sink) { () throws(ManifestError) in
            let writer = EventWriter(emitter: &emitter, style: styleForScalar)
            try writer.emit { event in yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING) }
            try writer.emit { event in yaml_document_start_event_initialize(&event, nil, nil, nil, 1) }
            try writer.node(root, isKey: false)
            try writer.emit { event in yaml_document_end_event_initialize(&event, 1) }
            try writer.emit { event in yaml_stream_end_event_initialize(&event) }
            guard yaml_emitter_flush(&emitter) == 1 else { throw ManifestError(.syntax("libyaml could not flush its output")) }
        }
        var text = String(decoding: sink.bytes, as: UTF8.self)
        // libyaml ends a stream whose last scalar keeps trailing blank lines (`|+`) with `...`;
        // kubeseal never writes it, and a plain `...` line cannot be content (it would be quoted).
        if text.hasSuffix("\n...\n") { text.removeLast(4) }
        return text
    }

    private final class OutputSink {
        var bytes: [UInt8] = []
    }

    private struct EventWriter {
        let emitter: UnsafeMutablePointer<yaml_emitter_t>
        let style: @Sendable (YAMLNode.Scalar, Bool) -> YAMLNode.ScalarStyle

        init(emitter: UnsafeMutablePointer<yaml_emitter_t>, style: @escaping @Sendable (YAMLNode.Scalar, Bool) -> YAMLNode.ScalarStyle) {
            self.emitter = emitter
            self.style = style
        }

        func emit(_ initialize: (inout yaml_event_t) -> Int32) throws(ManifestError) {
            var event = yaml_event_t()
            guard initialize(&event) == 1 else { throw ManifestError(.syntax("libyaml could not create an event")) }
            // yaml_emitter_emit takes ownership of the event, even when it fails.
            guard yaml_emitter_emit(emitter, &event) == 1 else {
                let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown problem"
                throw ManifestError(.syntax("YAML output failed: \(problem)"))
            }
        }

        func node(_ node: YAMLNode, isKey: Bool) throws(ManifestError) {
            switch node.content {
            case .scalar(let scalar):
                let chosen = Self.libyamlStyle(style(scalar, isKey))
                // A trailing NUL keeps the buffer non-empty for "" (libyaml copies `count` bytes).
                var value = Array(scalar.value.utf8)
                let count = Int32(value.count)
                value.append(0)
                try value.withUnsafeMutableBufferPointer { (buffer) throws(ManifestError) in
                    try emit { event in
                        yaml_scalar_event_initialize(&event, nil, nil, buffer.baseAddress, count, 1, 1, chosen)
                    }
                }
            case .sequence(let items):
                try emit { event in yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE) }
                for item in items { try self.node(item, isKey: false) }
                try emit { event in yaml_sequence_end_event_initialize(&event) }
            case .mapping(let pairs):
                try emit { event in yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE) }
                for pair in pairs {
                    try self.node(pair.key, isKey: true)
                    try self.node(pair.value, isKey: false)
                }
                try emit { event in yaml_mapping_end_event_initialize(&event) }
            }
        }

        static func libyamlStyle(_ style: YAMLNode.ScalarStyle) -> yaml_scalar_style_t {
            switch style {
            case .plain: return YAML_PLAIN_SCALAR_STYLE
            case .singleQuoted: return YAML_SINGLE_QUOTED_SCALAR_STYLE
            case .doubleQuoted: return YAML_DOUBLE_QUOTED_SCALAR_STYLE
            case .literal: return YAML_LITERAL_SCALAR_STYLE
            case .folded: return YAML_FOLDED_SCALAR_STYLE
            }
        }
    }
}
