import Foundation
import HerdCore
import HerdRemote
import HerdStore

extension RosterService {
    /// What adding a host did: the host as stored, whether it became the default host (the roster had none), the
    /// OS the first probe found and stored, or the problem in a few words (`OS unknown: …`, `OS linux not recorded:
    /// …`); both nil when not probed.
    public struct Added: Sendable {
        public var host: Host
        public var isDefault: Bool
        public var os: String?
        public var osProblem: String?
    }

    /// Adds `host` under the roster's lock (refusing a target another host already reaches, after ssh_config
    /// resolution, unless `allowDuplicate`); the first host becomes the default. With `probe`, asks the host its OS
    /// within `HostOSProbe.bound` over a connection of its own (no ControlMaster left behind) and stores it: the
    /// host stays added whatever the probe says.
    public func add(_ host: Host, allowDuplicate: Bool, probe: Bool) async throws -> Added {
        let (added, isDefault) = try context.roster.update { roster in
            if !allowDuplicate { try DuplicateTarget.refuse(host, in: roster, context: context) }
            let added = try roster.add(host)
            guard roster.defaultHost == nil else { return (added, false) }
            try roster.setDefault(added.name)
            return (added, true)
        }
        guard probe else { return Added(host: added, isDefault: isDefault) }
        var options = context.sshOptions
        options.controlDir = nil
        switch await HostOSProbe.probe(added, options: options) {
        case .success(let os):
            do {
                _ = try context.roster.update { try $0.update(added.name) { $0.os = os } }
            } catch {
                return Added(host: added, isDefault: isDefault, osProblem: "OS \(os) not recorded: \(error)")
            }
            return Added(host: added, isDefault: isDefault, os: os)
        case .failure(let why):
            return Added(host: added, isDefault: isDefault, osProblem: "OS unknown: \(why)")
        }
    }
}
