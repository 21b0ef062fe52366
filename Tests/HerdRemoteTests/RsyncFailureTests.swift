import HerdRemote
import Testing

/// rsync failures become one line naming the cause, from real rsync/ssh stderr.
@Suite struct RsyncFailureTests {
    @Test func unreachableHostNamesSSHsReason() {
        let err = """
            ssh: connect to host 127.0.0.1 port 20417: Connection refused\r
            rsync: connection unexpectedly closed (0 bytes received so far) [sender]
            rsync error: unexplained error (code 255) at io.c(232) [sender=3.2.7]
            """
        let r = RsyncFailure.reason(status: 255, stderr: err, host: "tb01")
        #expect(r == "tb01 is unreachable (ssh: connect to host 127.0.0.1 port 20417: Connection refused)")
    }

    @Test func missingPathSaysNoSuchFile() {
        let err = """
            rsync: [sender] link_stat "/home/u/.herd/workdirs/abc/missing.txt" failed: No such file or directory (2)
            rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1865) [Receiver=3.2.7]
            """
        #expect(RsyncFailure.reason(status: 23, stderr: err, host: "tb01") == "no such file or directory: /home/u/.herd/workdirs/abc/missing.txt")
    }

    @Test func permissionDeniedAndLoginFailures() {
        let denied = #"rsync: [receiver] mkdir "/root/x" failed: Permission denied (13)"# + "\nrsync error: error in file IO (code 11) at main.c(791)"
        #expect(RsyncFailure.reason(status: 11, stderr: denied, host: "h") == "permission denied: /root/x")
        let login = "u@h: Permission denied (publickey).\r\nrsync: connection unexpectedly closed (0 bytes received so far) [sender]"
        #expect(RsyncFailure.reason(status: 255, stderr: login, host: "h") == "cannot log in to h (u@h: Permission denied (publickey).)")
        let missing = "bash: line 1: rsync: command not found\nrsync: connection unexpectedly closed (0 bytes received so far) [sender]"
        #expect(RsyncFailure.reason(status: 12, stderr: missing, host: "h") == "rsync is not installed on h")
    }

    @Test func hostileBytesNeverReachTheLine() {
        let err = "rsync: [sender] link_stat \"/x/\u{1b}]52;c;ZXZpbA==\u{07}\" failed: No such file or directory (2)\n"
        let r = RsyncFailure.reason(status: 23, stderr: err, host: "h")
        #expect(!r.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f })
        #expect(RsyncFailure.reason(status: 99, stderr: "", host: "h") == "rsync exited 99")
    }
}
