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

#ifdef __linux__
#include <link.h>
#include <sys/mman.h>

/// The main program's DT_RELA table (dl_iterate_phdr lists the main program first). glibc rewrites the dynamic
/// section's addresses to run-time ones when it loads a position-independent program, so an address below the load
/// base is still a link-time one and gets the base added.
static int herd_find_rela(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    uintptr_t *range = data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        if (info->dlpi_phdr[i].p_type != PT_DYNAMIC) continue;
        const ElfW(Dyn) *dyn = (const ElfW(Dyn) *)(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
        for (; dyn->d_tag != DT_NULL; dyn++) {
            if (dyn->d_tag == DT_RELA) range[0] = dyn->d_un.d_ptr;
            if (dyn->d_tag == DT_RELASZ) range[1] = dyn->d_un.d_val;
        }
    }
    if (range[0] != 0 && range[0] < info->dlpi_addr) range[0] += info->dlpi_addr;
    // Only a table in a segment the program cannot write: MADV_DONTNEED would undo a write to a private mapping.
    int readOnly = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *p = &info->dlpi_phdr[i];
        uintptr_t from = info->dlpi_addr + p->p_vaddr;
        if (p->p_type == PT_LOAD && range[0] >= from && range[0] + range[1] <= from + p->p_filesz)
            readOnly = (p->p_flags & PF_W) == 0;
    }
    if (!readOnly) range[0] = range[1] = 0;
    return 1;
}

long herd_release_relocation_pages(uintptr_t *start, uintptr_t *length) {
    uintptr_t range[2] = {0, 0};
    dl_iterate_phdr(herd_find_rela, range);
    *start = range[0];
    *length = range[1];
    if (range[0] == 0 || range[1] == 0) return 0;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t first = (range[0] + page - 1) & ~(page - 1);
    uintptr_t last = (range[0] + range[1]) & ~(page - 1);
    if (last <= first) return 0;
    if (madvise((void *)first, last - first, MADV_DONTNEED) != 0) return -1;
    return (long)(last - first);
}
#else
long herd_release_relocation_pages(uintptr_t *start, uintptr_t *length) { *start = 0; *length = 0; return 0; }
#endif

#include <locale.h>
#include <pthread.h>
#include <wchar.h>

static locale_t herd_utf8_locale;
static pthread_once_t herd_utf8_once = PTHREAD_ONCE_INIT;
static void herd_open_utf8_locale(void) { herd_utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0); }

int herd_wcwidth_utf8(uint32_t scalar) {
    pthread_once(&herd_utf8_once, herd_open_utf8_locale);
    if (herd_utf8_locale == (locale_t)0) return -2;
    locale_t previous = uselocale(herd_utf8_locale);
    int w = wcwidth((wchar_t)scalar);
    uselocale(previous);
    return w;
}
