/* The boot report: every value this kernel installed, printed once. */
#ifndef CORE_BOOT_REPORT_H
#define CORE_BOOT_REPORT_H

#include "core/cpu/cpu_features.h"
#include "core/boot/handoff.h"

/* On the CPU being reported, after cpu_setup. */
void boot_report(const struct handoff *h, const struct cpu_features *feat);

#endif
