import ArgumentParser
import Foundation
import SealKit

/// Runs sealctl. Parsing errors, --help and --version go through argument-parser's own
/// reporting; errors from running a command become one `error:` line on stderr and exit 1.
func runSealctl() async -> Never {
    var command: ParsableCommand
    do {
        command = try SealCtl.parseAsRoot(Array(CommandLine.arguments.dropFirst()))
    } catch {
        SealCtl.exit(withError: error)
    }
    do {
        if var asyncCommand = command as? AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    } catch let exitCode as ExitCode {
        Foundation.exit(exitCode.rawValue)
    } catch let error where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
        // Help, usage and validation errors, reported (and exit-coded) by argument-parser.
        SealCtl.exit(withError: error)
    } catch {
        Console.error(error)
        Foundation.exit(1)
    }
    Foundation.exit(0)
}

await runSealctl()
