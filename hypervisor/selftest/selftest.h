/* What the self-test guest's check files share (selftest.c). */
#ifndef HEXT_SELFTEST_H
#define HEXT_SELFTEST_H

struct sbiret {
    long error, value;
};

struct sbiret sbi(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
                  unsigned long a2);
void puts_(const char *s);
/* One check line: "ok NAME" or "not ok NAME: got ..., want ...". */
void check(const char *name, unsigned long got, unsigned long want);
/* smp.c: checks across two vCPUs (skipped when the guest has one). */
void check_smp(void);

#endif
