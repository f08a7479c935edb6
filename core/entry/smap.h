/*
 * STAC/CLAC raise #UD on CPUs without SMAP, so every use is guarded by
 * cpu_smap_enabled, a byte written once at boot and read-only after.
 * Assembly only.
 */
#ifndef CORE_SMAP_H
#define CORE_SMAP_H

#ifdef __ASSEMBLER__
.macro SMAP_CLAC
	cmpb	$0, cpu_smap_enabled(%rip)
	je	.Lno_clac_\@
	clac
.Lno_clac_\@:
.endm

.macro SMAP_STAC
	cmpb	$0, cpu_smap_enabled(%rip)
	je	.Lno_stac_\@
	stac
.Lno_stac_\@:
.endm
#endif

#endif
