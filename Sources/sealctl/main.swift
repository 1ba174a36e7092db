import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SealKit

/// Runs sealctl. Parsing errors, --help and --version go through argument-parser's own
/// reporting; errors from running a command become one `error:` line on stderr and exit 1.
///
/// Synchronous on purpose: no command waits on anything asynchronous, and an async entry point
/// would start the concurrency runtime and three threads before `--version` could print.
func runSealctl() -> Never {
    // The statically linked Swift runtime reads the arguments from /proc/self/cmdline; where /proc
    // is not mounted (a bare chroot) it gets none, and sealctl would print its help and exit 0 as
    // if asked to. Refuse instead.
    guard !CommandLine.arguments.isEmpty else {
        Console.standardError("error: sealctl cannot read its command line: /proc is not mounted (mount -t proc proc /proc)\n")
        POSIX.exitProcess(2)
    }
    var command: ParsableCommand
    do {
        // kubectl's connection flags are kubectl's: taken out here, passed to it unchanged.
        let (connection, arguments) = try Kubectl.ConnectionFlags.extracting(from: Array(CommandLine.arguments.dropFirst()), environment: Environment.values)
        Environment.connection = connection
        command = try QuickCommandLine.parsed(arguments) ?? directlyParsed(arguments) ?? SealCtl.parseAsRoot(arguments)
    } catch let error as SealingError {
        Console.error(error)
        POSIX.exitProcess(64)
    } catch {
        SealCtl.exit(withError: error)
    }
    do {
        try command.run()
    } catch let exitCode as ExitCode {
        exit(exitCode.rawValue)
    } catch let failure as StandardOutputError {
        if failure.isBrokenPipe { POSIX.endByBrokenPipe() }
        Console.error(failure)
        exit(1)
    } catch let error where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
        // Help, usage and validation errors, reported (and exit-coded) by argument-parser.
        SealCtl.exit(withError: error)
    } catch {
        Console.error(error)
        exit(1)
    }
    exit(0)
}

/// Ends sealctl with `status`, unless a message could not be written to standard error: then
/// the run did not say what it meant to, and ends by SIGPIPE (a closed pipe) or with 1.
func exit(_ status: Int32) -> Never {
    if let failure = Console.standardErrorFailure {
        if failure == EPIPE { POSIX.endByBrokenPipe() }
        POSIX.exitProcess(status == 0 ? 1 : status)
    }
    POSIX.exitProcess(status)
}

/// The command named by the first argument, parsed on its own when that parse succeeds.
/// `parseAsRoot` builds the tree of all twenty commands first, a sixth of a small seal's
/// instructions; one command without subcommands needs none of it. Anything else (help, a usage
/// error) goes through the root, so messages and help are exactly the root's.
/// (`parseAsRoot` on one command answers `--help` itself, under that command's name alone.)
func directlyParsed(_ arguments: [String]) -> ParsableCommand? {
    // Help is argument-parser's to print, naming the root: it goes the long way.
    let helpFlags: Set = ["-h", "--help", "--help-hidden", "--experimental-dump-help", "--version"]
    guard let name = arguments.first, !name.hasPrefix("-"), !arguments.contains(where: helpFlags.contains),
          let type = SealCtl.configuration.subcommands.first(where: { $0._commandName == name }),
          type.configuration.subcommands.isEmpty else { return nil }
    return try? type.parseAsRoot(Array(arguments.dropFirst()))
}

runSealctl()
