// Small libc calls Swift's Glibc module does not expose (they need _GNU_SOURCE).
#ifndef HERD_SYS_H
#define HERD_SYS_H

/// pipe2(fds, O_CLOEXEC): a pipe whose ends no concurrently spawned child inherits.
int herd_pipe_cloexec(int fds[2]);

/// pidfd_open(pid, 0): a descriptor that polls readable once the child exits (Linux 5.3+); -1 (ENOSYS) elsewhere.
int herd_pidfd_open(int pid);

/// posix_spawn of a process that outlives herd: a session of its own (setsid: no controlling terminal, no job-control
/// signals from herd's shell), stdin/stdout/stderr on /dev/null, no other inherited descriptor, default signal
/// dispositions and an empty mask. Returns 0 and sets *pid, or an errno value.
int herd_spawn_detached(const char *path, char *const argv[], char *const envp[], int *pid);

#endif
