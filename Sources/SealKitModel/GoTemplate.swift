#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The part of Go's `text/template` that `spec.template.data` entries use: field references
/// (`{{ .password }}`), `index` (`{{ index . "tls.crt" }}`), pipelines, and a few of the sprig
/// functions the controller offers (`b64enc`, `b64dec`, `upper`, `lower`, `trim`, `quote`,
/// `squote`). Anything else is an error that names it, never a silent difference from the
/// controller.
public struct GoTemplate: Sendable {
    /// The functions SealKit renders.
    public static let supportedFunctions = ["index", "b64enc", "b64dec", "upper", "lower", "trim", "quote", "squote"]

    private enum Operand: Sendable {
        case dot, field(String), string(String), function(String)
    }

    private enum Segment: Sendable {
        case text(String)
        case pipeline([[Operand]])
    }

    private let segments: [Segment]

    /// Parses a template.
    public init(_ source: String) throws {
        var segments: [Segment] = []
        var rest = Substring(source)
        while let open = rest.firstRange(of: "{{") {
            var text = String(rest[..<open.lowerBound])
            var body = rest[open.upperBound...]
            if body.hasPrefix("-") {  // `{{-` trims white space before the action
                text = String(text.reversed().drop { $0.isWhitespace }.reversed())
                body = body.dropFirst()
            }
            guard let close = body.firstRange(of: "}}") else { throw SealingError.templateSyntax(message: "unclosed action") }
            var action = body[..<close.lowerBound]
            rest = body[close.upperBound...]
            if action.hasSuffix("-") {  // `-}}` trims white space after the action
                action = action.dropLast()
                rest = rest.drop { $0.isWhitespace }
            }
            if !text.isEmpty { segments.append(.text(text)) }
            let trimmed = action.trimmingWhitespace()
            if trimmed.hasPrefix("/*") { continue }  // a comment
            segments.append(.pipeline(try Self.parsePipeline(trimmed)))
        }
        if !rest.isEmpty { segments.append(.text(String(rest))) }
        self.segments = segments
    }

    /// Renders the template with `values` as its data (`.key`). A missing key renders as
    /// `<no value>`, as Go's default does.
    public func render(_ values: [String: String]) throws -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case .text(let text): output += text
            case .pipeline(let commands): output += try evaluate(commands, values)
            }
        }
        return output
    }

    /// The keys that field references and `index` read, for checks.
    public var referencedKeys: [String] {
        segments.flatMap { segment -> [String] in
            guard case .pipeline(let commands) = segment else { return [] }
            return commands.flatMap { command -> [String] in
                if case .function("index")? = command.first, command.count == 3, case .string(let key) = command[2] { return [key] }
                return command.compactMap { if case .field(let key) = $0 { return key } else { return nil } }
            }
        }
    }

    private static func parsePipeline(_ text: String) throws -> [[Operand]] {
        var commands: [[Operand]] = [[]]
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace { index = text.index(after: index); continue }
            if character == "|" {
                commands.append([])
                index = text.index(after: index)
                continue
            }
            if character == "\"" || character == "`" {
                let (literal, next) = try parseString(text, from: index)
                commands[commands.count - 1].append(.string(literal))
                index = next
                continue
            }
            let end = text[index...].firstIndex { $0.isWhitespace || $0 == "|" } ?? text.endIndex
            let word = String(text[index..<end])
            index = end
            if word == "." {
                commands[commands.count - 1].append(.dot)
            } else if word.hasPrefix(".") {
                commands[commands.count - 1].append(.field(String(word.dropFirst())))
            } else if ["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"].contains(word) {
                throw SealingError.unsupportedTemplateAction(name: word)
            } else if word.first?.isLetter == true || word.first == "_" {
                guard supportedFunctions.contains(word) else { throw SealingError.unsupportedTemplateFunction(name: word) }
                commands[commands.count - 1].append(.function(word))
            } else {
                throw SealingError.templateSyntax(message: "unexpected \"\(word)\"")
            }
        }
        guard !commands.contains(where: \.isEmpty) else { throw SealingError.templateSyntax(message: "empty command in pipeline") }
        return commands
    }

    private static func parseString(_ text: String, from start: String.Index) throws -> (String, String.Index) {
        let quote = text[start]
        var index = text.index(after: start)
        var value = ""
        while index < text.endIndex {
            let character = text[index]
            if character == quote { return (value, text.index(after: index)) }
            if character == "\\", quote == "\"" {
                index = text.index(after: index)
                guard index < text.endIndex else { break }
                switch text[index] {
                case "n": value.append("\n")
                case "t": value.append("\t")
                default: value.append(text[index])
                }
            } else {
                value.append(character)
            }
            index = text.index(after: index)
        }
        throw SealingError.templateSyntax(message: "unterminated string")
    }

    private func evaluate(_ commands: [[Operand]], _ values: [String: String]) throws -> String {
        var previous: String?
        for command in commands {
            previous = try run(command, values, piped: previous)
        }
        return previous ?? ""
    }

    private func run(_ command: [Operand], _ values: [String: String], piped: String?) throws -> String {
        guard case .function(let name) = command.first else {
            guard command.count == 1, piped == nil else { throw SealingError.templateSyntax(message: "cannot give arguments to a non-function") }
            return try value(command[0], values)
        }
        if name == "index" {
            guard command.count == 3, piped == nil, case .dot = command[1], case .string(let key) = command[2] else {
                throw SealingError.templateSyntax(message: "index takes . and a quoted key")
            }
            return values[key] ?? "<no value>"
        }
        var arguments = try command.dropFirst().map { try value($0, values) }
        if let piped { arguments.append(piped) }
        do {
            guard arguments.count == 1 else { throw SealingError.templateSyntax(message: "\(name) takes one argument") }
            let argument = arguments[0]
            switch name {
            case "b64enc": return Data(argument.utf8).base64EncodedString()
            case "b64dec": return Data(base64Encoded: argument).map { String(decoding: $0, as: UTF8.self) } ?? ""
            case "upper": return argument.uppercased()
            case "lower": return argument.lowercased()
            case "trim": return argument.trimmingWhitespace()
            case "quote": return "\"" + argument.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
            case "squote": return "'" + argument + "'"
            default: throw SealingError.unsupportedTemplateFunction(name: name)
            }
        }
    }

    private func value(_ operand: Operand, _ values: [String: String]) throws -> String {
        switch operand {
        case .field(let key): return values[key] ?? "<no value>"
        case .string(let text): return text
        case .dot: throw SealingError.templateSyntax(message: "cannot print the whole data map")
        case .function(let name): throw SealingError.templateSyntax(message: "\(name) used as a value")
        }
    }
}
