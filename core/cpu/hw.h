/*
 * Hardware constants, named once, as the Intel SDM / AMD APM name them.
 * Pure header: no code, usable from C, assembly and host tests.
 */
#ifndef CORE_HW_H
#define CORE_HW_H

#ifdef __ASSEMBLER__
#define HW_U64(x) x
#else
#define HW_U64(x) x##ULL
#endif

/* ---- Model-specific registers (SDM vol. 4) ---- */
#define MSR_IA32_APIC_BASE 0x1B       /* local APIC base address, enable and mode */
#define MSR_SYSENTER_CS    0x174      /* SYSENTER target CS; 0 makes SYSENTER #GP */
#define MSR_IA32_DEBUGCTL  0x1D9      /* LBR, BTF (single-step on branches) and friends */
#define MSR_IA32_PAT       0x277      /* page attribute table: memory type per PAT/PCD/PWT */
#define MSR_IA32_FIXED_CTR0 0x309     /* fixed counter 0: instructions retired */
#define MSR_IA32_FIXED_CTR1 0x30A     /* fixed counter 1: core cycles while not halted */
#define MSR_IA32_FIXED_CTR_CTRL 0x38D /* one 4-bit control field per fixed counter */
#define MSR_IA32_PERF_GLOBAL_STATUS 0x38E /* overflow flags, one per counter (read-only) */
#define MSR_IA32_PERF_GLOBAL_CTRL 0x38F /* master enable, one bit per counter */
#define MSR_IA32_PERF_GLOBAL_OVF_CTRL 0x390 /* write 1s: clear those GLOBAL_STATUS flags */
#define MSR_IA32_X2APIC_APICID 0x802  /* x2APIC ID, all 32 bits (x2APIC mode only) */
#define MSR_IA32_X2APIC_ICR    0x830  /* x2APIC interrupt command: one 64-bit write sends */
#define X2APIC_MSR_BASE        0x800  /* x2APIC register at xAPIC offset r: this + r / 16 */
#define MSR_IA32_TSC_DEADLINE  0x6E0  /* LAPIC timer fires when the TSC reaches this */
#define MSR_IA32_PRED_CMD  0x49       /* write-only commands: bit 0 is IBPB */
#define MSR_IA32_ARCH_CAPABILITIES 0x10A /* which speculation issues the CPU is immune to */
#define PRED_CMD_IBPB      HW_U64(1)  /* indirect branch prediction barrier */
#define MSR_EFER           0xC0000080 /* extended feature enables */
#define MSR_STAR           0xC0000081 /* SYSCALL/SYSRET segment selector bases */
#define MSR_LSTAR          0xC0000082 /* 64-bit SYSCALL target RIP */
#define MSR_CSTAR          0xC0000083 /* compat-mode SYSCALL target (AMD) */
#define MSR_SFMASK         0xC0000084 /* RFLAGS bits cleared by SYSCALL */
#define MSR_FS_BASE        0xC0000100 /* FS segment base */
#define MSR_GS_BASE        0xC0000101 /* GS segment base (active) */
#define MSR_KERNEL_GS_BASE 0xC0000102 /* GS base exchanged by SWAPGS */
#define MSR_TSC_AUX        0xC0000103 /* value returned by RDTSCP in ECX */

/* The PAT's power-on value: entries 0-7 = WB, WT, UC-, UC, WB, WT, UC-, UC,
 * so PCD|PWT in a PTE (entry 3) means UC, as the MMIO mappings expect. */
#define PAT_POWER_ON HW_U64(0x0007040600070406)

/* ---- EFER bits ---- */
#define EFER_SCE  HW_U64(0x001) /* SYSCALL/SYSRET enable */
#define EFER_LME  HW_U64(0x100) /* long mode enable */
#define EFER_LMA  HW_U64(0x400) /* long mode active (read-only) */
#define EFER_NXE  HW_U64(0x800) /* no-execute bit in page tables honoured */

/* ---- IA32_APIC_BASE bits (SDM vol. 3, 11.4.4 and 11.12.1) ---- */
#define APIC_BASE_BSP  HW_U64(0x100) /* this CPU is the bootstrap processor */
#define APIC_BASE_EXTD HW_U64(0x400) /* x2APIC mode: MSR interface, xAPIC MMIO off */
#define APIC_BASE_EN   HW_U64(0x800) /* APIC global enable */

/* ---- STAR fields ---- */
#define STAR_KERNEL_SHIFT 32 /* SYSCALL: CS = STAR[47:32], SS = that + 8 */
#define STAR_USER_SHIFT   48 /* SYSRET64: CS = STAR[63:48] + 16, SS = that + 8 */

/* ---- RFLAGS bits ---- */
#define RFLAGS_CF    HW_U64(0x000001) /* carry */
#define RFLAGS_FIXED HW_U64(0x000002) /* reserved, always 1 */
#define RFLAGS_PF    HW_U64(0x000004) /* parity */
#define RFLAGS_AF    HW_U64(0x000010) /* auxiliary carry */
#define RFLAGS_ZF    HW_U64(0x000040) /* zero */
#define RFLAGS_SF    HW_U64(0x000080) /* sign */
#define RFLAGS_TF    HW_U64(0x000100) /* trap (single step) */
#define RFLAGS_IF    HW_U64(0x000200) /* interrupt enable */
#define RFLAGS_DF    HW_U64(0x000400) /* string direction */
#define RFLAGS_OF    HW_U64(0x000800) /* overflow */
#define RFLAGS_IOPL  HW_U64(0x003000) /* I/O privilege level (2 bits) */
#define RFLAGS_NT    HW_U64(0x004000) /* nested task */
#define RFLAGS_RF    HW_U64(0x010000) /* resume (suppress instruction breakpoint) */
#define RFLAGS_VM    HW_U64(0x020000) /* virtual-8086 mode */
#define RFLAGS_AC    HW_U64(0x040000) /* alignment check / SMAP override */
#define RFLAGS_ID    HW_U64(0x200000) /* CPUID available */

/* ---- Control registers ---- */
#define CR0_PE   HW_U64(0x00000001) /* protection enable */
#define CR0_MP   HW_U64(0x00000002) /* monitor coprocessor */
#define CR0_EM   HW_U64(0x00000004) /* x87 emulation */
#define CR0_TS   HW_U64(0x00000008) /* task switched */
#define CR0_ET   HW_U64(0x00000010) /* extension type: hardwired 1 on every x86-64 CPU */
#define CR0_NE   HW_U64(0x00000020) /* native x87 error reporting */
#define CR0_WP   HW_U64(0x00010000) /* supervisor writes honour read-only pages */
#define CR0_AM   HW_U64(0x00040000) /* alignment mask: allows #AC in ring 3 */
#define CR0_PG   HW_U64(0x80000000) /* paging */

#define CR4_VME        HW_U64(0x000001) /* virtual-8086 mode extensions */
#define CR4_PVI        HW_U64(0x000002) /* protected-mode virtual interrupts */
#define CR4_TSD        HW_U64(0x000004) /* RDTSC/RDTSCP privileged (ring 0 only) */
#define CR4_DE         HW_U64(0x000008) /* debugging extensions: DR4/DR5 #UD */
#define CR4_PSE        HW_U64(0x000010) /* page size extensions */
#define CR4_PAE        HW_U64(0x000020) /* physical address extension */
#define CR4_MCE        HW_U64(0x000040) /* machine-check exception enabled (else shutdown) */
#define CR4_PGE        HW_U64(0x000080) /* global pages */
#define CR4_PCE        HW_U64(0x000100) /* RDPMC allowed in ring 3 */
#define CR4_OSFXSR     HW_U64(0x000200) /* FXSAVE/FXRSTOR and SSE enabled */
#define CR4_OSXMMEXCPT HW_U64(0x000400) /* unmasked SIMD FP exceptions -> #XM */
#define CR4_UMIP       HW_U64(0x000800) /* SGDT/SIDT/SLDT/SMSW/STR #GP in ring 3 */
#define CR4_LA57       HW_U64(0x001000) /* 5-level paging */
#define CR4_FSGSBASE   HW_U64(0x010000) /* RD/WR{FS,GS}BASE usable */
#define CR4_PCIDE      HW_U64(0x020000) /* process-context identifiers */
#define CR4_OSXSAVE    HW_U64(0x040000) /* XSAVE and XCR0 enabled */
#define CR4_SMEP       HW_U64(0x100000) /* supervisor-mode execution prevention */
#define CR4_SMAP       HW_U64(0x200000) /* supervisor-mode access prevention */
#define CR4_PKE        HW_U64(0x400000) /* protection keys for user pages */

/* ---- CPUID feature bits ---- */
#define CPUID_LEAF_FEATURES     0x1        /* EDX/ECX basic features */
#define CPUID_LEAF_EXT_FEATURES 0x7        /* subleaf 0: EBX/ECX structured features */
#define CPUID_LEAF_EXT_MAX      0x80000000 /* highest extended leaf */
#define CPUID_LEAF_EXT_INFO     0x80000001 /* EDX: NX, SYSCALL, RDTSCP, LM */
#define CPUID_LEAF_HYPERVISOR   0x40000000 /* hypervisor signature in EBX ECX EDX */
#define CPUID_1_ECX_HYPERVISOR  (1u << 31) /* running under a hypervisor */
#define CPUID_1_EDX_TSC         (1u << 4)  /* RDTSC */
#define CPUID_1_EDX_MCE         (1u << 7)  /* machine-check exception, CR4.MCE */
#define CPUID_1_EDX_FXSR        (1u << 24) /* FXSAVE/FXRSTOR */
#define CPUID_1_ECX_X2APIC      (1u << 21) /* x2APIC mode available */
#define CPUID_1_ECX_TSC_DEADLINE (1u << 24) /* LAPIC timer TSC-deadline mode */
#define CPUID_1_ECX_XSAVE       (1u << 26) /* XSAVE/XRSTOR, XSETBV/XGETBV, XCR0 */
#define CPUID_1_ECX_AVX         (1u << 28) /* AVX */
#define CPUID_1_ECX_RDRAND      (1u << 30) /* RDRAND */
#define CPUID_7_ECX_PKU         (1u << 3)  /* protection keys for user pages */
#define CPUID_LEAF_XSTATE       0xD        /* sub-leaf 0: XCR0 bits and sizes; 1: XSAVEOPT */
#define CPUID_D1_EAX_XSAVEOPT   (1u << 0)  /* XSAVEOPT */
#define CPUID_1_EDX_APIC        (1u << 9)  /* local APIC present */
#define CPUID_1_EBX_APIC_ID_SHIFT 24       /* initial APIC ID in EBX[31:24] */
#define CPUID_7_EBX_FSGSBASE    (1u << 0)  /* RD/WR{FS,GS}BASE */
#define CPUID_7_EBX_SMEP        (1u << 7)  /* SMEP */
#define CPUID_7_EBX_SMAP        (1u << 20) /* SMAP, STAC/CLAC */
#define CPUID_7_ECX_UMIP        (1u << 2)  /* UMIP */
#define CPUID_7_EDX_SPEC_CTRL   (1u << 26) /* IA32_SPEC_CTRL.IBRS and IA32_PRED_CMD.IBPB */
#define CPUID_7_EDX_MD_CLEAR    (1u << 10) /* VERW overwrites the CPU's buffers (MDS) */
#define CPUID_7_EBX_RTM         (1u << 11) /* restricted transactional memory (TSX) */
#define CPUID_7_EDX_ARCH_CAPS   (1u << 29) /* IA32_ARCH_CAPABILITIES exists */
#define CPUID_1_ECX_PCID        (1u << 17) /* process-context identifiers, CR4.PCIDE */
#define CPUID_8008_EBX_IBPB     (1u << 12) /* AMD: IA32_PRED_CMD.IBPB */
#define CR3_NOFLUSH             HW_U64(0x8000000000000000) /* with PCIDE: keep the PCID's TLB entries */
#define CPUID_8001_EDX_SYSCALL  (1u << 11) /* SYSCALL/SYSRET in 64-bit mode */
#define CPUID_8001_EDX_NX       (1u << 20) /* execute-disable */
#define CPUID_8001_EDX_RDTSCP   (1u << 27) /* RDTSCP and IA32_TSC_AUX */
#define CPUID_LEAF_EXT_SIZES    0x80000008 /* address sizes; EBX: AMD extended features */
#define CPUID_8008_EBX_XSAVEERPTR (1u << 2) /* AMD: FXSAVE/XSAVE always save FIP/FDP/FOP */

/* ---- Architectural performance monitoring (SDM vol. 3, 20.2) ---- */
#define CPUID_LEAF_PERFMON      0xA  /* EAX: version, general counters; EDX: fixed counters */
#define PERFMON_A_VERSION_MASK  0xFF /* EAX[7:0]: version, 0 = none */
#define PERFMON_A_GP_SHIFT      8    /* EAX[15:8]: general-purpose counters per logical CPU */
#define PERFMON_A_GP_WIDTH_SHIFT 16  /* EAX[23:16]: their width in bits */
#define PERFMON_A_EVENTS_LEN_SHIFT 24 /* EAX[31:24]: how many EBX bits mean something */
#define PERFMON_D_FIXED_MASK    0x1F /* EDX[4:0]: contiguous fixed counters (version 2 and up) */
#define PERFMON_D_FIXED_WIDTH_SHIFT 5 /* EDX[12:5]: their width in bits */
#define FIXED_CTR_CTRL_FIELD_BITS 4  /* counter i's field starts at bit 4*i */
#define FIXED_CTR_CTRL_OS       0x1  /* count while CPL = 0 */
#define FIXED_CTR_CTRL_USR      0x2  /* count while CPL > 0 */
#define FIXED_CTR_CTRL_ANY      0x4  /* count for every logical CPU of the core (left 0) */
#define FIXED_CTR_CTRL_PMI      0x8  /* interrupt on overflow (left 0) */
#define PERF_GLOBAL_FIXED_SHIFT 32   /* GLOBAL_CTRL/STATUS/OVF_CTRL: fixed counter i at bit 32+i */
#define RDPMC_FIXED             0x40000000 /* RDPMC ECX: bit 30 selects the fixed counters */

/* ---- XCR0: the state components XSAVE manages (SDM vol. 1, 13.1) ---- */
#define XFEATURE_X87       HW_U64(0x001) /* x87 FPU (must be set) */
#define XFEATURE_SSE       HW_U64(0x002) /* XMM registers and MXCSR */
#define XFEATURE_AVX       HW_U64(0x004) /* upper halves of YMM (needs SSE) */
#define XFEATURE_OPMASK    HW_U64(0x020) /* AVX-512 k0-k7 */
#define XFEATURE_ZMM_HI256 HW_U64(0x040) /* AVX-512 upper halves of ZMM0-15 */
#define XFEATURE_HI16_ZMM  HW_U64(0x080) /* AVX-512 ZMM16-31 */
#define XFEATURE_PKRU      HW_U64(0x200) /* protection-key rights for user pages */
#define XFEATURE_AVX512 (XFEATURE_OPMASK | XFEATURE_ZMM_HI256 | XFEATURE_HI16_ZMM)

/* The legacy (FXSAVE) region of an XSAVE area. */
#define FXSAVE_FCW_OFF    0     /* x87 control word */
#define FXSAVE_MXCSR_OFF  24    /* MXCSR */
#define FXSAVE_MXCSR_MASK_OFF 28 /* MXCSR_MASK: the MXCSR bits the CPU supports */
#define FXSAVE_FSW_OFF    2     /* x87 status word */
#define FXSAVE_SIZE       512
#define XSAVE_HEADER_SIZE 64    /* after the legacy region: XSTATE_BV, XCOMP_BV */
#define FCW_INIT   0x037F /* x87 control word after FNINIT: all exceptions masked, 64-bit precision */
#define MXCSR_INIT 0x1F80 /* MXCSR at reset: all SSE exceptions masked, round to nearest */
#define MXCSR_MASK_DEFAULT 0xFFBF /* MXCSR_MASK when FXSAVE stores 0 (SDM vol. 1, 11.6.6) */

/* ---- Page-table entries (4-level paging) ---- */
#define PTE_P    HW_U64(0x001) /* present */
#define PTE_W    HW_U64(0x002) /* writable */
#define PTE_U    HW_U64(0x004) /* user accessible */
#define PTE_PWT  HW_U64(0x008) /* write-through */
#define PTE_PCD  HW_U64(0x010) /* cache disable */
#define PTE_A    HW_U64(0x020) /* accessed */
#define PTE_D    HW_U64(0x040) /* dirty */
#define PTE_PS   HW_U64(0x080) /* large page (in PDPTE/PDE) */
#define PTE_G    HW_U64(0x100) /* global */
#define PTE_AVL9 HW_U64(0x200) /* ignored by the CPU: free for software */
#define PTE_NX   HW_U64(0x8000000000000000) /* no execute (needs EFER.NXE) */
#define PTE_ADDR_MASK HW_U64(0x000FFFFFFFFFF000) /* physical address bits 51:12 */

#define PAGE_SHIFT   12
#define PAGE_SIZE    HW_U64(0x1000)   /* 4 KiB */
#define LARGE_PAGE_SIZE HW_U64(0x200000) /* 2 MiB (PDE with PS) */
#define PT_ENTRIES   512              /* entries per paging structure */
#define PT_LEVEL_SHIFT 9              /* index bits per level */

/* Lower canonical half ends here (48-bit virtual addresses). */
#define CANONICAL_LOW_END HW_U64(0x0000800000000000)
/* Upper canonical half starts here (bits 63:47 all ones). */
#define CANONICAL_HIGH_START HW_U64(0xFFFF800000000000)

/* ---- Segment descriptor access byte and flags (SDM vol. 3, 3.4.5) ---- */
#define SEG_ACCESSED   0x01 /* A: set by CPU on load; preset to avoid a write */
#define SEG_RW         0x02 /* data writable / code readable */
#define SEG_CODE       0x08 /* executable segment */
#define SEG_S          0x10 /* code/data (not system) descriptor */
#define SEG_DPL_SHIFT  5    /* descriptor privilege level */
#define SEG_P          0x80 /* present */
#define SEG_TYPE_TSS_AVAIL 0x9 /* system type: 64-bit TSS (available) */
#define SEG_FLAG_L     0x2  /* 64-bit code segment */
#define SEG_FLAG_DB    0x4  /* default operand size 32 */
#define SEG_FLAG_G     0x8  /* limit in 4 KiB units */

#define SEL_RPL_USER   3    /* requested privilege level of ring-3 selectors */
#define SEL_TI_LDT     4    /* selector refers to the LDT */

/* ---- Gate descriptors ---- */
#define GATE_TYPE_INTERRUPT 0xE /* 64-bit interrupt gate: clears IF on entry */
#define GATE_TYPE_TRAP      0xF /* 64-bit trap gate: leaves IF */

/* ---- Exception vectors ---- */
#define VEC_DE  0  /* divide error */
#define VEC_DB  1  /* debug */
#define VEC_NMI 2  /* non-maskable interrupt */
#define VEC_BP  3  /* breakpoint (INT3) */
#define VEC_OF  4  /* overflow (INTO) */
#define VEC_BR  5  /* BOUND range exceeded */
#define VEC_UD  6  /* invalid opcode */
#define VEC_NM  7  /* device not available */
#define VEC_DF  8  /* double fault */
#define VEC_TS  10 /* invalid TSS */
#define VEC_NP  11 /* segment not present */
#define VEC_SS  12 /* stack-segment fault */
#define VEC_GP  13 /* general protection */
#define VEC_PF  14 /* page fault */
#define VEC_MF  16 /* x87 floating-point error */
#define VEC_AC  17 /* alignment check */
#define VEC_MC  18 /* machine check */
#define VEC_XM  19 /* SIMD floating-point */
#define VEC_VE  20 /* virtualization exception */
#define VEC_CP  21 /* control-protection */
#define VEC_HV  28 /* hypervisor injection */
#define VEC_VC  29 /* VMM communication */
#define VEC_SX  30 /* security exception */
#define NUM_EXCEPTION_VECTORS 32
#define IDT_VECTORS 256 /* every vector has a gate; 32..255 are not present */

/* ---- Page-fault error code bits ---- */
#define PF_ERR_P  0x01 /* 1: protection violation, 0: page not present */
#define PF_ERR_W  0x02 /* write access */
#define PF_ERR_U  0x04 /* access from ring 3 */
#define PF_ERR_RSVD 0x08 /* reserved bit set in a paging entry */
#define PF_ERR_I  0x10 /* instruction fetch */

/* ---- TSS ---- */
#define TSS_IST_COUNT 7 /* IST1..IST7 */

/* ---- Local APIC (xAPIC MMIO, SDM vol. 3, 11.4) ---- */
#define LAPIC_ID        0x020 /* APIC ID in bits 31:24 */
#define LAPIC_SVR       0x0F0 /* spurious vector; bit 8 enables the APIC */
#define LAPIC_VERSION   0x030 /* bits 23:16: highest LVT entry index */
#define LAPIC_EOI       0x0B0 /* end of interrupt: write 0 */
#define LAPIC_ESR       0x280 /* error status: write, then read the latched errors */
#define LAPIC_IRR       0x200 /* interrupt request: 8 registers of 32 vectors, 0x10 apart */
#define LAPIC_ISR       0x100 /* in service: 8 registers of 32 vectors, 0x10 apart */
#define LAPIC_TPR       0x080 /* task priority: vectors at or below it are held back */
#define LAPIC_TIMER_INITIAL 0x380 /* timer initial count: writing it starts a count */
#define LAPIC_TIMER_CURRENT 0x390 /* timer current count */
#define LAPIC_TIMER_DIVIDE  0x3E0 /* timer divide configuration */
#define LAPIC_TIMER_DIVIDE_16 0x3 /* divide configuration value: bus clock / 16 */
#define LAPIC_LVT_TIMER_ONESHOT  0x00000 /* LVT timer mode bits 18:17: one-shot */
#define LAPIC_LVT_TIMER_DEADLINE 0x40000 /* LVT timer mode bits 18:17: TSC-deadline */
#define LAPIC_SVR_VECTOR_MASK 0xFF /* spurious-interrupt vector field */
#define LAPIC_LVT_CMCI  0x2F0 /* corrected machine-check interrupt (index 6) */
#define LAPIC_LVT_TIMER 0x320 /* timer (index 0) */
#define LAPIC_LVT_THERMAL 0x330 /* thermal sensor (index 5) */
#define LAPIC_LVT_PERF  0x340 /* performance counters (index 4) */
#define LAPIC_LVT_LINT0 0x350 /* LINT0 pin (index 1) */
#define LAPIC_LVT_LINT1 0x360 /* LINT1 pin (index 2) */
#define LAPIC_LVT_ERROR 0x370 /* APIC error (index 3) */
#define LAPIC_LVT_MASKED 0x10000 /* LVT entry: delivery inhibited */
#define LAPIC_LVT_DELIVERY_MASK 0x700 /* LVT entry: delivery mode, bits 10:8 */
#define LAPIC_LVT_DELIVERY_NMI  0x400 /* LVT entry: deliver an NMI (vector ignored) */
#define LAPIC_LVT_DELIVERY_SMI  0x200 /* LVT entry: deliver an SMI (firmware's) */
#define LAPIC_VERSION_MAXLVT_SHIFT 16
#define LAPIC_ICR_LOW   0x300 /* interrupt command: writing it sends */
#define LAPIC_ICR_HIGH  0x310 /* destination APIC ID in bits 31:24 */
#define LAPIC_SVR_ENABLE      0x100  /* software enable */
#define LAPIC_ICR_NMI         0x400  /* delivery mode NMI (vector ignored) */
#define LAPIC_ICR_INIT        0x500  /* delivery mode INIT */
#define LAPIC_ICR_STARTUP     0x600  /* delivery mode start-up (SIPI) */
#define LAPIC_ICR_LEVEL_ASSERT 0x4000 /* level: assert */
#define LAPIC_ICR_PENDING     0x1000 /* delivery status: send pending */
#define LAPIC_ID_SHIFT  24    /* the ID field of LAPIC_ID and LAPIC_ICR_HIGH: bits 31:24 */
#define LAPIC_ID_BROADCAST 0xFF /* xAPIC physical destination 0xFF: every CPU */
#define LAPIC_XAPIC_ID_MAX 0xFE /* highest APIC ID one xAPIC ICR write can target */
#define X2APIC_ICR_DEST_SHIFT 32 /* x2APIC ICR: destination ID in bits 63:32 */

/* ---- Debug registers (SDM vol. 3, 18.2) ---- */
#define DR6_RESET  HW_U64(0xFFFF0FF0) /* DR6 with no debug condition recorded */
#define DR6_BS     HW_U64(0x00004000) /* the #DB came from single-stepping (RFLAGS.TF) */
#define DR7_RESET  HW_U64(0x00000400) /* DR7 with every breakpoint off (bit 10 reads 1) */
#define DR7_L0     HW_U64(0x00000001) /* breakpoint 0 enabled (local) */
#define DR7_RW0_SHIFT  16 /* breakpoint 0 condition: 0 exec, 1 write, 3 read/write */
#define DR7_LEN0_SHIFT 18 /* breakpoint 0 length: 0 1, 1 2, 3 4, 2 8 bytes */
#define DR7_RW_ACCESS  3  /* condition: data read or write */
#define DR7_LEN_8      2  /* length: 8 bytes */

/* ---- 8259A programmable interrupt controllers ---- */
#define PIC1_DATA     0x21 /* master PIC: interrupt mask register (OCW1) */
#define PIC2_DATA     0xA1 /* slave PIC: interrupt mask register (OCW1) */
#define PIC_MASK_ALL  0xFF /* every IRQ line masked */

/* ---- 8254 PIT, channel 2 (gated through port 0x61) ---- */
#define PIT_CH2_DATA    0x42
#define PIT_COMMAND     0x43
#define PIT_CH2_GATE_PORT 0x61 /* bit 0: gate, bit 1: speaker, bit 5: OUT2 */
#define PIT_GATE2       0x01
#define PIT_SPEAKER     0x02
#define PIT_OUT2        0x20
#define PIT_CH2_MODE0_LOHI 0xB0 /* channel 2, lo/hi byte, mode 0 (one shot) */
#define PIT_HZ          1193182

/* ---- More CR0 bits for starting CPUs ---- */
#define CR0_NW   HW_U64(0x20000000) /* not write-through */
#define CR0_CD   HW_U64(0x40000000) /* cache disable (set after INIT) */

/* ---- 16550 UART registers (offsets from the base port) ---- */
#define COM1_PORT      0x3F8
#define UART_THR       0 /* transmit holding (write, DLAB=0) */
#define UART_RBR       0 /* receive buffer (read, DLAB=0) */
#define UART_DLL       0 /* divisor latch low (DLAB=1) */
#define UART_IER       1 /* interrupt enable (DLAB=0) */
#define UART_DLM       1 /* divisor latch high (DLAB=1) */
#define UART_FCR       2 /* FIFO control (write) */
#define UART_LCR       3 /* line control */
#define UART_MCR       4 /* modem control */
#define UART_LSR       5 /* line status */
#define UART_SCR       7 /* scratch */
#define UART_LCR_8N1   0x03 /* 8 data bits, no parity, 1 stop bit */
#define UART_LCR_DLAB  0x80 /* divisor latch access */
#define UART_FCR_ENABLE_CLEAR 0x07 /* enable FIFOs, clear RX and TX */
#define UART_MCR_DTR_RTS_OUT2 0x0B /* DTR, RTS, OUT2 */
#define UART_LSR_THRE  0x20 /* transmit holding register empty */
#define UART_BAUD_BASE 115200 /* divisor 1 gives this rate */

#endif
