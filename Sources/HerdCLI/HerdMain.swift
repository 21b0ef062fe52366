import ArgumentParser
import Foundation
import HerdCore
import HerdStore

/// The process entry: parses, runs, and turns every error into one line on stderr and herd's exit codes.
public enum HerdMain {
    /// Runs herd with the process arguments and exits.
    public static func run() async -> Never {
        do {
            var command = try Herd.parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let error as HerdError {
            CLIContext.warn(error.description)
            exit(error.exitCode)
        } catch let error as StoreError {
            CLIContext.warn(error.description)
            exit(2)
        } catch {
            let code = Herd.exitCode(for: error)
            let message = Herd.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { CLIContext.out(message + "\n") }
                exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            // Usage errors are bad input: herd's code for those is 2, not sysexits' 64.
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
