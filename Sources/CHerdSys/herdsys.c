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
