/* Accesses that may trap (guard.S): each stores scause, or 0 when it did not trap. */
#ifndef HEXT_HYP_GUARD_H
#define HEXT_HYP_GUARD_H

unsigned long guard_hlvx_hu(unsigned long gva, unsigned long *scause);
unsigned long guard_hlvx_wu(unsigned long gva, unsigned long *scause);
unsigned long guard_hlv_d(unsigned long gva, unsigned long *scause);
unsigned long guard_read_hstatus(unsigned long *scause);
unsigned long guard_write_henvcfg(unsigned long val, unsigned long *scause);
unsigned long guard_read_instret(unsigned long *scause);
unsigned long guard_read_senvcfg(unsigned long *scause);
unsigned long guard_write_hstateen0(unsigned long val, unsigned long *scause);

#endif
