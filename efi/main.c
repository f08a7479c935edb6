/*
 * efi_main: everything that needs the firmware happens here, then
 * ExitBootServices, then the kernel (core/) takes the machine.
 * Any problem before ExitBootServices is printed, every allocation is
 * given back, and the shell gets an error status.
 */
#include <efi.h>
#include <efilib.h>
#include "efi/cmdline.h"
#include "efi/efi_app.h"
#include "efi/kmem.h"
#include "efi/madt.h"
#include "core/lib/clock.h"
#include "core/cpu/cpu.h"
#include "core/cpu/hw.h"
#include "core/mm/kernel_layout.h"

#define WHY_LEN 200

/* Set by a debugger to let a --debug-wait run go on. */
volatile int efi_debug_wait = 1;

static void directory_of(EFI_LOADED_IMAGE *li, CHAR16 *dir, UINTN len)
{
	CHAR16 *path = DevicePathToStr(li->FilePath);
	UINTN last = 0;
	dir[0] = 0;
	if (!path)
		return;
	for (UINTN i = 0; path[i] && i + 1 < len; i++) {
		dir[i] = path[i] == L'/' ? L'\\' : path[i];
		if (dir[i] == L'\\')
			last = i;
	}
	dir[last] = 0;
	FreePool(path);
}

/* The largest payload file that fits in a task under --mem-limit, with
 * room for its stack and page tables. */
static uint64_t payload_max(uint64_t mem_limit)
{
	uint64_t overhead = USER_REGION_SLACK + USER_STACK_SIZE + 64 * PAGE_SIZE;
	if (!mem_limit)
		return ~0ULL;
	return mem_limit > overhead ? mem_limit - overhead : 0;
}

/* Arguments and environment strings, back to back, for the kernel. */
#define STRING_POOL_MAX 0x10000
static char string_pool[STRING_POOL_MAX];
static uint32_t string_pool_used;

/* Pack n strings (first, then rest[0..n-1)) into the pool: their address,
 * or 0 when the pool is full. */
static uint64_t strings_pack(const char *first, const char *const *rest, uint32_t n,
			     uint32_t *size_out)
{
	uint32_t start = string_pool_used, at = start;
	for (uint32_t i = 0; i < n; i++) {
		const char *s = i == 0 && first ? first : rest[first ? i - 1 : i];
		do {
			if (at == STRING_POOL_MAX)
				return 0;
			string_pool[at++] = *s;
		} while (*s++);
	}
	string_pool_used = at;
	*size_out = at - start;
	return (uint64_t)(uintptr_t)(string_pool + start);
}

/* One program: its file loaded and checked, its argv packed. */
static EFI_STATUS program_load(EFI_FILE_HANDLE root, const CHAR16 *dir, const struct cmdline *cl,
			       const char *name, const char *const *args, uint32_t nargs,
			       struct handoff *h, CHAR16 *why)
{
	if (h->payload_count == PAYLOADS_MAX) {
		SPrint(why, WHY_LEN, L"more than %d payloads", PAYLOADS_MAX);
		return EFI_INVALID_PARAMETER;
	}
	struct handoff_payload *p = &h->payloads[h->payload_count];
	EFI_STATUS st = payload_load(root, dir, name, payload_max(cl->mem_limit), cl->mem_limit, p,
				      why, WHY_LEN);
	if (EFI_ERROR(st))
		return st;
	p->argc = nargs + 1;
	p->argv = strings_pack(name, args, p->argc, &p->argv_size);
	if (!p->argv) {
		SPrint(why, WHY_LEN, L"payload '%a': the arguments of all programs exceed %d bytes",
		       name, STRING_POOL_MAX);
		return EFI_BAD_BUFFER_SIZE;
	}
	if (p->argv_size + h->env_size > EXEC_STRINGS_MAX) {
		SPrint(why, WHY_LEN, L"payload '%a': its arguments and environment are %d bytes, "
		       L"more than %d", name, p->argv_size + h->env_size, EXEC_STRINGS_MAX);
		return EFI_BAD_BUFFER_SIZE;
	}
	h->payload_count++;
	Print(L"ring3: payload %a: %ld bytes%a\n", p->name, p->size,
	      nargs ? ", with arguments" : "");
	return EFI_SUCCESS;
}

/* The programs of one @list file, each line a program and its arguments. */
static EFI_STATUS list_load(EFI_FILE_HANDLE root, const CHAR16 *dir, const struct cmdline *cl,
			    const char *list, struct handoff *h, CHAR16 *why)
{
	static const char *lines[PAYLOADS_MAX];
	static const char *words[ARGS_MAX];
	int n = payload_list_load(root, dir, list, lines, PAYLOADS_MAX - (int)h->payload_count, why,
				  WHY_LEN);
	if (n < 0)
		return EFI_INVALID_PARAMETER;
	for (int j = 0; j < n; j++) {
		const char *bad;
		int w = cmdline_words_split((char *)lines[j], words, ARGS_MAX, &bad);
		if (w < 0) {
			SPrint(why, WHY_LEN, L"payload list '%a', line '%a': %a", list, lines[j], bad);
			return EFI_INVALID_PARAMETER;
		}
		if (w == 0)
			continue; /* only an empty "" */
		EFI_STATUS st = program_load(root, dir, cl, words[0], words + 1, (uint32_t)w - 1, h, why);
		if (EFI_ERROR(st))
			return st;
	}
	return EFI_SUCCESS;
}

/* The environment, the file tree and fd 0: what Linux programs get. */
static EFI_STATUS world_load(EFI_FILE_HANDLE root, const CHAR16 *dir, const struct cmdline *cl,
			     struct handoff *h, CHAR16 *why)
{
	h->envc = cl->envc;
	h->env = cl->envc ? strings_pack(0, cl->env, cl->envc, &h->env_size) : 0;
	if (cl->envc && !h->env) {
		SPrint(why, WHY_LEN, L"the environment exceeds %d bytes", STRING_POOL_MAX);
		return EFI_BAD_BUFFER_SIZE;
	}
	EFI_STATUS st = root_load(root, dir, cl->root ? cl->root : ROOT_DEFAULT, cl->root != 0,
				  &h->fstree, why, WHY_LEN);
	if (!EFI_ERROR(st) && cl->stdin_file) {
		st = stdin_load(root, dir, cl->stdin_file, &h->stdin_data, &h->stdin_size, why, WHY_LEN);
		if (!EFI_ERROR(st))
			Print(L"ring3: stdin %a: %ld bytes\n", cl->stdin_file, h->stdin_size);
	}
	return st;
}

static EFI_STATUS payloads_load(EFI_LOADED_IMAGE *li, const struct cmdline *cl,
				struct handoff *h, CHAR16 *why)
{
	EFI_FILE_HANDLE root = LibOpenRoot(li->DeviceHandle);
	if (!root) {
		SPrint(why, WHY_LEN, L"cannot open the volume ring3.efi was loaded from");
		return EFI_NOT_FOUND;
	}
	CHAR16 dir[256];
	directory_of(li, dir, 256);
	h->payload_count = 0;
	EFI_STATUS st = world_load(root, dir, cl, h, why);
	if (cl->count == 0) {
		payload_builtin(&h->payloads[0]);
		h->payload_count = 1;
	}
	for (unsigned i = 0; i < cl->count && !EFI_ERROR(st); i++) {
		if (cl->names[i][0] == '@' && !cl->args[i])
			st = list_load(root, dir, cl, cl->names[i] + 1, h, why);
		else
			st = program_load(root, dir, cl, cl->names[i], cl->args[i], cl->nargs[i], h, why);
	}
	uefi_call_wrapper(root->Close, 1, root);
	return st;
}

/*
 * The firmware's date and time, and the TSC at that moment: the kernel's
 * CLOCK_REALTIME starts there. EFI_TIME's TimeZone is ignored (taken as
 * UTC), as Linux's EFI RTC driver does; QEMU's RTC is UTC.
 */
static void rtc_note(struct handoff *h)
{
	EFI_TIME tm;
	if (EFI_ERROR(uefi_call_wrapper(RT->GetTime, 2, &tm, NULL)) || tm.Month < 1 ||
	    tm.Month > 12 || tm.Day < 1 || tm.Day > 31) {
		Print(L"ring3: the firmware gave no date: CLOCK_REALTIME starts at 1970\n");
		return;
	}
	h->rtc_tsc = cpu_rdtsc();
	h->rtc_unix = clock_unix_seconds(tm.Year, tm.Month, tm.Day, tm.Hour, tm.Minute, tm.Second);
	h->rtc_valid = 1;
}

/* The bootstrap CPU's APIC ID, and whether the firmware left its APIC in
 * x2APIC mode. -1 when there is no local APIC. */
static int apic_probe(uint32_t *bsp_id, int *x2apic_mode)
{
	uint32_t r[4];
	cpu_cpuid(CPUID_LEAF_FEATURES, 0, r);
	*bsp_id = r[1] >> CPUID_1_EBX_APIC_ID_SHIFT;
	*x2apic_mode = 0;
	/* Without a local APIC, reading IA32_APIC_BASE faults. */
	if (!(r[3] & CPUID_1_EDX_APIC))
		return -1;
	if (cpu_rdmsr(MSR_IA32_APIC_BASE) & APIC_BASE_EXTD) {
		*x2apic_mode = 1;
		/* CPUID leaf 1 holds only the low 8 bits of an x2APIC ID. */
		*bsp_id = (uint32_t)cpu_rdmsr(MSR_IA32_X2APIC_APICID);
	}
	return 0;
}

/* The CPUs the MADT lists that the kernel can start, the bootstrap CPU
 * first; each one left out is printed with the reason, and counted in
 * the handoff. */
static void cpus_discover(struct handoff *h)
{
	static struct madt_info madt;
	static struct madt_selection sel;
	static uint32_t ids[CPUS_MAX];
	uint32_t bsp;
	int x2apic;
	int apic = apic_probe(&bsp, &x2apic);
	h->cpu_count = 1;
	h->cpus[0].apic_id = bsp;
	h->apic_mode = x2apic ? HANDOFF_APIC_X2APIC : HANDOFF_APIC_XAPIC;
	if (apic) {
		Print(L"ring3: no local APIC: running on the bootstrap CPU only\n");
		return;
	}
	if (acpi_madt_find(&madt)) {
		Print(L"ring3: no ACPI MADT: running on the bootstrap CPU only\n");
		return;
	}
	h->lapic_base = madt.lapic_base;
	h->madt_cpus = madt.count;
	h->madt_skipped = madt.skipped;
	h->madt_duplicates = madt.duplicates;
	Print(L"ring3: %d CPU(s) in the MADT, local APIC at 0x%lx\n", madt.count, h->lapic_base);
	if (madt.duplicates)
		Print(L"ring3: %d duplicate MADT CPU entr(ies) ignored: their APIC ID is listed before\n",
		      madt.duplicates);

	madt_select(&madt, bsp, x2apic, ids, CPUS_MAX, &sel);
	for (uint32_t i = 0; i < sel.count; i++)
		h->cpus[i].apic_id = ids[i];
	h->cpu_count = sel.count;
	h->cpus_unaddressable = sel.unaddressable;
	h->cpus_over_max = sel.no_room;
	for (uint32_t i = 0; i < madt.count; i++)
		if (sel.why[i] == MADT_CPU_UNADDRESSABLE)
			Print(L"ring3: CPU with APIC ID %ld not started: "
			      L"the xAPIC addresses IDs 0 to %d only\n",
			      (uint64_t)madt.apic_ids[i], LAPIC_XAPIC_ID_MAX);
	if (x2apic)
		Print(L"ring3: the local APIC is in x2APIC mode: driven through its MSRs\n");
	if (sel.no_room)
		Print(L"ring3: %d CPU(s) not started: this kernel runs on at most %d\n", sel.no_room,
		      CPUS_MAX);
}

/*
 * The kernel image, per-CPU blocks and stacks, the AP start page and the
 * page tables (efi/addrspace.c), for cpu_count CPUs. User memory is not
 * set aside: the kernel takes it from RAM per payload when it runs.
 */
static uint64_t kernel_entry; /* the kernel ELF's e_entry */

static EFI_STATUS kernel_memory_prepare(struct handoff *h, CHAR16 *why)
{
	static struct kernel_image k;
	static uint64_t stacks[CPUS_MAX][CPU_STACKS];
	EFI_STATUS st = kernel_load(&k, why, WHY_LEN);
	if (EFI_ERROR(st))
		return st;
	h->kernel_phys = k.phys;
	h->kernel_pages = k.pages;
	kernel_entry = k.entry;
	for (unsigned c = 0; c < h->cpu_count && !EFI_ERROR(st); c++) {
		st = kmem_alloc(PERCPU_PAGES * PAGE_SIZE, &h->cpus[c].percpu);
		for (unsigned i = 0; i < CPU_STACKS && !EFI_ERROR(st); i++)
			st = kmem_alloc(i ? IST_STACK_SIZE : KERNEL_STACK_SIZE, &stacks[c][i]);
	}
	/* APs start in real mode: their first page must lie below 1 MiB. */
	if (!EFI_ERROR(st) && h->cpu_count > 1)
		st = kmem_alloc_below(PAGE_SIZE, AP_TRAMPOLINE_MAX, &h->trampoline);
	/* Below 4 GiB: an AP loads low_cr3 while still in 32-bit mode. */
	uint64_t pool, pool_pages = addrspace_pool_pages(h->cpu_count);
	if (!EFI_ERROR(st))
		st = kmem_alloc_below(pool_pages * PAGE_SIZE, 0xFFFFFFFF, &pool);
	if (EFI_ERROR(st)) {
		SPrint(why, WHY_LEN, L"cannot allocate kernel memory (%r)", st);
		return st;
	}
	struct pt_pool pt = { 0 };
	pt_pool_add(&pt, pool, pool_pages);
	st = addrspace_build(h, &k, stacks, &pt, why, WHY_LEN);
	h->pt_pool = pt; /* what is left goes to the kernel's allocator */
	return st;
}

/* Crt0 calls this with the System V convention: not EFIAPI. */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	uint64_t tsc0 = cpu_rdtsc();
	static char *argv[ARGS_MAX];
	static struct cmdline cl;
	CHAR16 why[WHY_LEN];
	EFI_LOADED_IMAGE *li;
	EFI_STATUS st;

	InitializeLib(image, systab);
	Print(L"ring3: from the UEFI shell to ring 3 and back\n");
	uefi_call_wrapper(BS->SetWatchdogTimer, 4, 0, 0, 0, NULL);
	st = uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol, (void **)&li);
	if (EFI_ERROR(st)) {
		Print(L"ring3: error: no loaded-image protocol (%r)\n", st);
		return st;
	}

	const char *args_why;
	int argc = args_get(image, li, argv, ARGS_MAX, &args_why);
	if (argc < 0) {
		Print(L"ring3: error: %a\n", args_why);
		return EFI_INVALID_PARAMETER;
	}
	if (cmdline_parse(argc, (const char *const *)argv, &cl)) {
		Print(L"ring3: error: %a\n%a", cl.error, CMDLINE_USAGE);
		return EFI_INVALID_PARAMETER;
	}
	if (cl.help) {
		Print(L"%a", CMDLINE_USAGE);
		return EFI_SUCCESS;
	}
	Print(L"ring3: image base 0x%lx size %ld\n", (uint64_t)(uintptr_t)li->ImageBase,
	      li->ImageSize);
	if (cpu_read_cr4() & CR4_LA57) {
		Print(L"ring3: error: the firmware runs with 5-level paging (CR4.LA57); "
		      L"ring3 builds 4-level page tables\nring3: nothing was run; returning to the shell\n");
		return EFI_UNSUPPORTED;
	}

	uint64_t hp;
	st = kmem_alloc(sizeof(struct handoff), &hp);
	if (EFI_ERROR(st)) {
		Print(L"ring3: error: cannot allocate the handoff (%r)\n", st);
		return st;
	}
	struct handoff *h = (struct handoff *)(uintptr_t)hp;
	uefi_call_wrapper(BS->SetMem, 3, h, sizeof(*h), 0);
	h->magic = HANDOFF_MAGIC;
	h->version = HANDOFF_VERSION;
	h->size = sizeof(struct handoff);
	h->flags = cl.flags;
	h->mem_limit = cl.mem_limit;
	h->ap_timeout_ms = cl.ap_timeout_ms;
	h->slice_us = cl.slice_us;
	h->mitigate_on = cl.mitigate_on;
	h->mitigate_off = cl.mitigate_off;
	h->cpu_limit_s = cl.cpu_limit_s;
	h->run_limit_s = cl.run_limit_s;
	h->tsc_shift = cl.tsc_shift;
	h->bench_n = cl.bench_n;
	h->efi_main_tsc = tsc0;
	h->efi_reset_system = (uint64_t)(uintptr_t)RT->ResetSystem;
	rtc_note(h);
	gop_note(&h->fb);

	cpus_discover(h);
	int64_t spcr = acpi_spcr_port();
	h->serial_port = spcr > 0 ? (uint16_t)spcr : COM1_PORT;
	h->serial_from_spcr = spcr > 0;
	if (EFI_ERROR((st = payloads_load(li, &cl, h, why))) ||
	    EFI_ERROR((st = kernel_memory_prepare(h, why)))) {
		Print(L"ring3: error: %s\nring3: nothing was run; returning to the shell\n", why);
		kmem_free_all();
		return st;
	}

	UINTN map_size = exit_boot_services_map_size();
	/* The handoff's copy of the final map: a descriptor is at least 40 bytes. */
	uint32_t mem_max = (uint32_t)(map_size / 40);
	uint64_t map_buf, mem_buf;
	if (EFI_ERROR((st = kmem_alloc(map_size, &map_buf))) ||
	    EFI_ERROR((st = kmem_alloc(mem_max * sizeof(struct handoff_mem), &mem_buf)))) {
		Print(L"ring3: error: cannot allocate the memory map (%r)\n", st);
		kmem_free_all();
		return st;
	}
	if (cl.debug_wait) {
		Print(L"ring3: waiting for a debugger: set efi_debug_wait = 0\n");
		while (efi_debug_wait)
			cpu_pause();
	}
	Print(L"ring3: exiting boot services; the report goes on on the serial port\n");
	UINTN final_size = 0, desc_size = 0;
	h->exit_bs_status = exit_boot_services(image, (void *)(uintptr_t)map_buf, map_size,
					       &final_size, &desc_size);
	/* Boot services are gone (or the kernel will report why not). */
	memmap_convert(h, (void *)(uintptr_t)map_buf, final_size, desc_size,
		       (struct handoff_mem *)(uintptr_t)mem_buf, mem_max);
	/* The kernel's tables set NX where the CPU has it: EFER.NXE must be
	 * on before CR3 points at them, whatever the firmware left. */
	uint32_t r[4];
	cpu_cpuid(CPUID_LEAF_EXT_INFO, 0, r);
	if (r[3] & CPUID_8001_EDX_NX)
		cpu_wrmsr(MSR_EFER, cpu_rdmsr(MSR_EFER) | EFER_NXE);
	if (h->flags & HANDOFF_SELFTEST)
		selftest_cpu_leave_dirty(KERNEL_DIRECT_MAP + hp);
	efi_enter_kernel(h->low_cr3, h->cpus[0].kstack_top, kernel_entry,
			 KERNEL_DIRECT_MAP + hp);
}
