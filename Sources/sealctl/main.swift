import ArgumentParser
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
        command = try SealCtl.parseAsRoot(Array(CommandLine.arguments.dropFirst()))
    } catch {
        SealCtl.exit(withError: error)
    }
    // argument-parser answers --help, help and completion requests with commands of its own,
    // whose run() reports through it.
    guard SealCtl.commandTypes.contains(ObjectIdentifier(type(of: command))) else {
        do { try command.run() } catch { SealCtl.exit(withError: error) }
        exit(0)
    }
    do {
        try command.run()
    } catch let exitCode as ExitCode {
        exit(exitCode.rawValue)
    } catch let failure as StandardOutputError {
        if failure.isBrokenPipe { POSIX.endByBrokenPipe() }
        Console.error(failure)
        exit(1)
    } catch where error is ValidationError || error is CleanExit {
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
        if failure == POSIX.brokenPipe { POSIX.endByBrokenPipe() }
        POSIX.exitProcess(status == 0 ? 1 : status)
    }
    POSIX.exitProcess(status)
}

runSealctl()
