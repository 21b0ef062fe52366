#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include "herdsys.h"

int herd_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

#ifdef __linux__
#include <sys/syscall.h>
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
int herd_pidfd_open(int pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }
#else
#include <errno.h>
int herd_pidfd_open(int pid) { (void)pid; errno = ENOSYS; return -1; }
#endif

#include <errno.h>
#include <signal.h>
#include <spawn.h>

int herd_spawn_detached(const char *path, char *const argv[], char *const envp[], int *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    int rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) return rc;
    rc = posix_spawnattr_init(&attr);
    if (rc != 0) { posix_spawn_file_actions_destroy(&actions); return rc; }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
#if defined(__linux__)
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    flags |= POSIX_SPAWN_SETSID;
#elif defined(__APPLE__)
    flags |= POSIX_SPAWN_SETSID | POSIX_SPAWN_CLOEXEC_DEFAULT;
#endif
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, flags);
    pid_t child = 0;
    rc = posix_spawn(&child, path, &actions, &attr, argv, envp);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    if (rc == 0 && pid) *pid = (int)child;
    return rc;
}
