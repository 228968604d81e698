/* The registry: areas run in this order, each after hart_reset(). Add an area with one line. */
#include "areas.h"

const struct area suite_areas[] = {
        {"csr", area_csr, true},
        {"traps", area_traps, true},
        {"virtual-instruction", area_virtual_instruction, true},
        {"interrupts", area_interrupts, true},
        {"sstc", area_sstc, true},
        {"fp-dirty", area_fp_dirty, true},
        {"translation", area_translation, true},
        {"hlv", area_hlv, true},
        {"hfence", area_hfence, true},
        {"stateen", area_stateen, true},
        {"xret", area_xret, true},
        {"svinval", area_svinval, true},
        {"mprv", area_mprv, true},
        {"misaligned", area_misaligned, true},
        {"guest-external", area_guest_external, true},
        {"envcfg", area_envcfg, true},
        {"svnapot", area_svnapot, true},
};

const unsigned suite_area_count = sizeof(suite_areas) / sizeof(suite_areas[0]);
