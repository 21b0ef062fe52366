import ArgumentParser
import Foundation
import HerdCore
import HerdRemote
import HerdStore

/// The process entry: parses, runs, and turns every error into one line on stderr and herd's exit codes.
public enum HerdMain {
    /// `--gpu` with no number means one GPU (argument-parser has no optional option values): insert the 1.
    /// Words after `--` are the user's command and stay as they are.
    static func normalizedArguments(_ args: [String]) -> [String] {
        var out: [String] = []
        var passthrough = false
        for (i, a) in args.enumerated() {
            out.append(a)
            if passthrough { continue }
            if a == "--" { passthrough = true; continue }
            if a == "--gpu", i + 1 >= args.count || Int(args[i + 1]) == nil { out.append("1") }
        }
        return out
    }

    /// axis's `--format json|yaml` (or `--format=json`) spelled as herd's `--json` / `--yaml`, so every command
    /// with those flags takes both spellings. Words after `--` are the user's command and stay as they are.
    static func formatSynonyms(_ args: [String]) throws -> [String] {
        var out: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" { out += args[i...]; break }
            var value: String?
            if a == "--format" {
                guard i + 1 < args.count else { throw HerdError.invalidInput("--format needs a value: json or yaml") }
                value = args[i + 1]
                i += 1
            } else if a.hasPrefix("--format=") {
                value = String(a.dropFirst("--format=".count))
            }
            if let v = value {
                guard ["json", "yaml"].contains(v.lowercased()) else {
                    throw HerdError.invalidInput("--format: '\(TerminalText.line(String(v.prefix(40))))' is not json or yaml")
                }
                out.append("--" + v.lowercased())
            } else {
                out.append(a)
            }
            i += 1
        }
        return out
    }

    /// Runs herd with the process arguments and exits.
    public static func run() async -> Never {
        // The loader is done with the relocation table: its 3 MB would otherwise stay resident all run long.
        RelocationPages.release()
        if let warning = HerdHome.fromEnvironment().permissionWarning() { CLIContext.warn(warning) }
        do {
            var command = try Herd.parseAsRoot(normalizedArguments(try formatSynonyms(Array(CommandLine.arguments.dropFirst()))))
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
            if !message.isEmpty { StandardStream.err(message + "\n") }
            // Usage errors are bad input: herd's code for those is 2, not sysexits' 64.
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
