/* What the self-test guest's files share: the result counter and the trap record (start.S). */
#ifndef HEXT_SELFTEST_H
#define HEXT_SELFTEST_H

extern volatile unsigned long trap_scause, trap_stval, trap_sepc;

/* One "ok NAME" or "not ok NAME: got G, want W" line, counted for the verdict. */
void check(const char *name, unsigned long got, unsigned long want);
/* Calls the code at addr with a0 = arg and returns its a0; a trap resumes after the call. */
unsigned long call_at(unsigned long addr, unsigned long arg);
/* The Sv39 stale-translation check (stale_fetch.c). */
void check_stale_fetch(unsigned long device_word, unsigned long want);

#endif
