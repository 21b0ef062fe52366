import Foundation
import HerdCore

/// The check `herd host add` makes before adding: a target that is already in the roster under another name (after
/// ssh_config resolution, as `herd host import` judges it) would make `herd on all` run twice on one machine.
enum DuplicateTarget {
    /// Throws a one-line bad-input error naming the roster host `host`'s target already belongs to.
    static func refuse(_ host: Host, in roster: Roster, context: ServiceContext) throws {
        let resolution = RosterImport.userResolution(configFile: context.sshOptions.configFile)
        let user = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
        let check = RosterImport(format: .sshConfig, hosts: [host]).removingDuplicates(of: roster.hosts, resolution: resolution, defaultUser: user)
        if let d = check.duplicates.first {
            throw HerdError.invalidInput("host '\(host.name)': \(d.reason); add it anyway with --allow-duplicate")
        }
    }
}
