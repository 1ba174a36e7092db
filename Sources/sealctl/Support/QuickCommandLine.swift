import ArgumentParser

/// The command lines of the commands people run in loops (`seal`, `unseal`, `cert`), read without
/// argument-parser.
///
/// argument-parser finds a command's options by reflection (`Mirror`, and a dynamic cast per
/// property, each of which scans every protocol conformance in the binary the first time): about
/// 14 M instructions, as much as the rest of a small `seal` beside OpenSSL's own work. This reads
/// the plain case of such a command line, every argument one of the command's options, and
/// builds the command by assigning its properties. Anything else (help, a typo, a missing or odd
/// value, an option given twice, `--`) is not read here, so argument-parser parses it and reports
/// it exactly as it always has. The option tables are checked against argument-parser's own
/// description of each command, and both parses against each other, by the tests.
struct QuickCommandLine: Sendable {
    /// How an option takes its value.
    enum Arity: Sendable { case flag, value, repeated }

    /// One option: every name it answers to (`-f`, `--file`), and its arity.
    struct Option: Sendable {
        let names: [String]
        let arity: Arity

        init(_ names: String..., arity: Arity = .value) {
            self.names = names
            self.arity = arity
        }
    }

    /// The values found, under each option's first name; a flag's value is empty.
    private var found: [String: [String]] = [:]

    /// The arguments read as `options`, or nil when they hold anything this does not read.
    ///
    /// Read: `--name value`, `--name=value`, `-n value`, a flag, a repeatable option any number of
    /// times. Not read: an unknown argument, a second value for a single option, a flag given
    /// twice or with a value, `--name=` (argument-parser: a missing value), a value that starts
    /// with `-` (bar `-` itself, standard input).
    init?(_ arguments: some Collection<String>, options: [Option]) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = options.first(where: { $0.names.contains(name) }) else { return nil }
            let key = option.names[0]
            if option.arity == .flag {
                guard inlineValue == nil, found[key] == nil else { return nil }
                found[key] = []
                continue
            }
            // `--name=` is a missing value to argument-parser; `--name ""` is an empty one.
            guard inlineValue != "", let value = inlineValue ?? remaining.popFirst(), value == "-" || !value.hasPrefix("-") else { return nil }
            if option.arity == .value, found[key] != nil { return nil }
            found[key, default: []].append(value)
        }
    }

    /// Whether the flag was given.
    func flag(_ option: Option) -> Bool { found[option.names[0]] != nil }

    /// The single option's value, if given.
    func value(_ option: Option) -> String? { found[option.names[0]]?.first }

    /// The repeatable option's values, in order.
    func values(_ option: Option) -> [String] { found[option.names[0]] ?? [] }

    /// The single option's value converted as argument-parser converts it, if given; a value
    /// that does not convert is not read, so that argument-parser reports it.
    func value<Value: ExpressibleByArgument>(_ option: Option, as type: Value.Type) throws(NotRead) -> Value? {
        guard let text = value(option) else { return nil }
        guard let converted = Value(argument: text) else { throw NotRead() }
        return converted
    }

    /// A command line this leaves to argument-parser.
    struct NotRead: Error {}
}

extension QuickCommandLine {
    /// A command this reads: its options and how it is built from them (nil: not read).
    struct Command: Sendable {
        let options: [Option]
        let build: @Sendable (QuickCommandLine) throws(NotRead) -> ParsableCommand
    }

    /// The commands read here, by name. A plain table, not a protocol: a conformance check
    /// (`as? QuicklyParsable`) would cost the very scan this avoids.
    static let commands: [String: Command] = [
        "seal": Command(options: SealCommand.quickOptions, build: SealCommand.built(from:)),
        "unseal": Command(options: UnsealCommand.quickOptions, build: UnsealCommand.built(from:)),
        "cert": Command(options: CertCommand.quickOptions, build: CertCommand.built(from:)),
    ]

    /// The command `arguments` (without the program's name) run, when this reads them and the
    /// command's own checks pass; nil otherwise, for argument-parser to parse and report.
    static func parsed(_ arguments: [String]) -> ParsableCommand? {
        guard let name = arguments.first, let command = commands[name],
              let line = QuickCommandLine(arguments.dropFirst(), options: command.options),
              var parsed = try? command.build(line), (try? parsed.validate()) != nil else { return nil }
        return parsed
    }
}
