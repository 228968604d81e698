/* Every area of the suite: one entry function per file under suite/areas/. */
#ifndef SUITE_AREAS_H
#define SUITE_AREAS_H

#include <stdbool.h>

struct area {
    const char *name; /* printed in every report line of the area */
    void (*run)(void);
    bool needs_h; /* skipped as a whole when misa.H is clear */
};

extern const struct area suite_areas[];
extern const unsigned suite_area_count;

void area_csr(void);
void area_traps(void);
void area_virtual_instruction(void);
void area_interrupts(void);
void area_sstc(void);
void area_fp_dirty(void);
void area_translation(void);
void area_hlv(void);
void area_hfence(void);
void area_stateen(void);
void area_xret(void);
void area_svinval(void);
void area_mprv(void);
void area_misaligned(void);
void area_guest_external(void);
void area_envcfg(void);
void area_svnapot(void);

#endif
