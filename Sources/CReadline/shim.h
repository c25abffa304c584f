#ifndef KAGENT_CREADLINE_SHIM_H
#define KAGENT_CREADLINE_SHIM_H
// GNU readline is GPL-licensed: see the README's licence section.
#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>

// readline's globals, reached through functions so Swift does not import them as shared mutable state.
static inline void kagent_rl_set_catch_signals(int on) { rl_catch_signals = on; }
static inline void kagent_rl_set_catch_sigwinch(int on) { rl_catch_sigwinch = on; }
static inline const char *kagent_rl_library_version(void) { return rl_library_version; }
static inline void kagent_rl_drop_line(void) {
    rl_free_line_state();
    rl_callback_sigcleanup();
    rl_replace_line("", 0);
    rl_crlf();
    rl_on_new_line();
    rl_redisplay();
}
static inline void kagent_rl_resize(void) { rl_resize_terminal(); }
/// Installs the completion function, and says which characters separate words.
static inline void kagent_rl_set_completion(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
    rl_basic_word_break_characters = " \t\n\"'";
}
/// Tells readline not to fall back to completing file names.
static inline void kagent_rl_completion_over(void) { rl_attempted_completion_over = 1; }
#endif
