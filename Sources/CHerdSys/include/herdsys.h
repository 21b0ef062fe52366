// Small libc calls Swift's Glibc module does not expose (they need _GNU_SOURCE).
#ifndef HERD_SYS_H
#define HERD_SYS_H

#include <stdint.h>

/// pipe2(fds, O_CLOEXEC): a pipe whose ends no concurrently spawned child inherits.
int herd_pipe_cloexec(int fds[2]);

/// pidfd_open(pid, 0): a descriptor that polls readable once the child exits (Linux 5.3+); -1 (ENOSYS) elsewhere.
int herd_pidfd_open(int pid);

/// posix_spawn of a process that outlives herd: a session of its own (setsid: no controlling terminal, no job-control
/// signals from herd's shell), stdin/stdout/stderr on /dev/null, no other inherited descriptor, default signal
/// dispositions and an empty mask. Returns 0 and sets *pid, or an errno value.
int herd_spawn_detached(const char *path, char *const argv[], char *const envp[], int *pid);

/// Gives back the resident pages of the main program's relative-relocation table (`.rela.dyn`, DT_RELA): the loader
/// reads it once, before main, and nothing reads it again. The pages are clean and file-backed (the table sits in a
/// read-only segment), so MADV_DONTNEED only unmaps them; a later read maps them again from the page cache. Sets the
/// table's run-time address and size; returns the bytes given back (whole pages inside the table), 0 when there is no
/// table, or -1 with errno set.
long herd_release_relocation_pages(uintptr_t *start, uintptr_t *length);

/// wcwidth(scalar) under C.UTF-8 (glibc 2.35+ has it built in), whatever the process's locale: the columns a
/// terminal gives the character, as ncurses counts them. -2 when there is no C.UTF-8 locale.
int herd_wcwidth_utf8(uint32_t scalar);

#endif
