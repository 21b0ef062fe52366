import HerdCLI
#if canImport(Glibc)
import Glibc
#endif

// A child exiting while herd writes to it must not kill herd.
signal(SIGPIPE, SIG_IGN)
await HerdMain.run()
