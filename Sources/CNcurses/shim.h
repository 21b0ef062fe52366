// CNcurses: the only door from Swift to ncursesw.
// Swift 6 refuses to read C globals (LINES, COLS, stdscr, COLORS) and cannot import function-like macros
// (getmaxyx, A_BOLD, KEY_F); every one herd uses is wrapped here in a static inline function.
#ifndef HERD_CNCURSES_SHIM_H
#define HERD_CNCURSES_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline WINDOW *herd_stdscr(void) { return stdscr; }
static inline int herd_lines(void) { return LINES; }
static inline int herd_cols(void) { return COLS; }
static inline int herd_colors(void) { return COLORS; }
static inline int herd_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *herd_stdout(void) { return stdout; }
static inline FILE *herd_stdin(void) { return stdin; }
static inline void herd_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }

static inline attr_t herd_a_normal(void) { return A_NORMAL; }
static inline attr_t herd_a_bold(void) { return A_BOLD; }
static inline attr_t herd_a_dim(void) { return A_DIM; }
static inline attr_t herd_a_reverse(void) { return A_REVERSE; }
static inline attr_t herd_a_underline(void) { return A_UNDERLINE; }
static inline int herd_key_f(int n) { return KEY_F(n); }
static inline int herd_color_pair(int n) { return COLOR_PAIR(n); }

static inline int herd_getch(void) { return wgetch(stdscr); }
static inline void herd_timeout(int ms) { wtimeout(stdscr, ms); }
static inline int herd_key_resize(void) { return KEY_RESIZE; }
static inline int herd_err(void) { return ERR; }
static inline int herd_ok(void) { return OK; }
static inline const char *herd_codeset(void) { return nl_langinfo(CODESET); }
static inline SCREEN *herd_newterm(void) { return newterm(NULL, stdout, stdin); }
// Whether $TERM can run a full-screen program, checked without writing to the terminal:
// 1 yes, 0 no cursor addressing (e.g. dumb), -1 unknown terminal type, -2 no terminfo database.
static inline int herd_term_check(void) {
    int err = 0;
    if (setupterm(NULL, 1, &err) != OK) return err == 0 ? -1 : -2;
    const char *cup = tigetstr("cup");
    int ok = cup != NULL && cup != (const char *)-1;
    del_curterm(cur_term);
    return ok ? 1 : 0;
}
// Esc alone is told from an escape sequence after this many ms (ncurses' default is 1000).
static inline int herd_set_escdelay(int ms) { return set_escdelay(ms); }
// The mouse (issue 14): clicks and the wheel, reported at once (no click-interval wait). A click counts on the
// button's release: when press and release arrive in one read, ncurses hands over only the later event.
static inline void herd_mouse_on(void) {
    mouseinterval(0);
    mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
}
// Home and End arrive in several encodings (xterm normal and application mode, tmux/screen, rxvt) while terminfo
// names one per TERM: teach ncurses all of them, so Home/End work whatever TERM says (e.g. xterm-256color in tmux).
static inline void herd_define_keys(void) {
    const char *home[] = { "\033[1~", "\033[7~", "\033[H", "\033OH" };
    const char *end[] = { "\033[4~", "\033[8~", "\033[F", "\033OF" };
    for (int i = 0; i < 4; i++) {
        if (key_defined(home[i]) == 0) define_key(home[i], KEY_HOME);
        if (key_defined(end[i]) == 0) define_key(end[i], KEY_END);
    }
}
static inline int herd_key_mouse(void) { return KEY_MOUSE; }
static inline int herd_key_btab(void) { return KEY_BTAB; }
static inline int herd_key_dc(void) { return KEY_DC; }
// The pending mouse event: 1 left click (released), 2 wheel up, 3 wheel down, 0 anything else; *x, *y its cell.
static inline int herd_getmouse(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    *x = e.x;
    *y = e.y;
    if (e.bstate & (BUTTON1_RELEASED | BUTTON1_CLICKED)) return 1;
    if (e.bstate & BUTTON4_PRESSED) return 2;
    if (e.bstate & BUTTON5_PRESSED) return 3;
    return 0;
}
static inline int herd_draw(int y, int x, const char *utf8, int bytes, attr_t attrs, int pair) {
    wattr_set(stdscr, attrs, (short)pair, NULL);
    return mvwaddnstr(stdscr, y, x, utf8, bytes);
}

#endif
