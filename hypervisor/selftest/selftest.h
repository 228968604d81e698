/* What the self-test guest's check files share (selftest.c), and the trap record (start.S). */
#ifndef HEXT_SELFTEST_H
#define HEXT_SELFTEST_H

struct sbiret {
    long error, value;
};

extern volatile unsigned long trap_scause, trap_stval, trap_sepc;

struct sbiret sbi(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
                  unsigned long a2);
void puts_(const char *s);
/* One check line: "ok NAME" or "not ok NAME: got ..., want ...". */
void check(const char *name, unsigned long got, unsigned long want);
/* Calls the code at addr with a0 = arg and returns its a0; a trap resumes after the call. */
unsigned long call_at(unsigned long addr, unsigned long arg);
/* smp.c: checks across two vCPUs (skipped when the guest has one). */
void check_smp(void);
/* stale_fetch.c: the Sv39 stale-translation check. */
void check_stale_fetch(unsigned long device_word, unsigned long want);

#endif
