import HerdRemote
import Testing

/// The rules of pool's bootstrap as they stand in the script text (what the macOS-only parts send, since no Mac is
/// at hand; InitRulesTests runs them on Linux against fakes of pmset, defaults and brew).
@Suite struct InitFeatureTextTests {
    func body(_ name: String) throws -> String { try #require(InitFeature.named(name)).body }

    @Test func noSleepKeepsDisplayDiskAndSystemAwakeAndTheScreensaverOff() throws {
        let s = try body("no-sleep")
        #expect(s.contains("herd_priv pmset -a displaysleep 0 sleep 0 disksleep 0"))
        #expect(s.contains("defaults -currentHost write com.apple.screensaver idleTime 0"))
        #expect(!s.contains("herd_priv defaults"), "-currentHost is the login user's setting, not root's")
    }

    @Test func tailscaleOnMacOSRunsAsABrewService() throws {
        #expect(try body("tailscale").contains("brew services start tailscale"))
    }

    @Test func panicRecoveryNeverPanicsOnOopsOrOOM() throws {
        let s = try body("panic-recovery")
        #expect(s.contains("kernel.panic = 10\n") && s.contains("kernel.panic_on_oom = 0") && s.contains("kernel.panic_on_oops = 0"))
        #expect(!s.contains("panic_on_oops = 1"))
    }

    @Test func theCronLetsTheCleanScriptAddTheDeepTier() throws {
        #expect(try body("disk-cleanup").contains("/usr/local/lib/herd/clean.sh 0 auto 1 "))
        #expect(CleanScript.source.contains(#"if [ "${3:-0}" -ge 85 ]; then herd_deep=1"#))
    }
}
