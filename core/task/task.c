/* Tasks: creation, the end of one, its SUMMARY (contract in task.h). */
#include "core/task/task.h"
#include "core/abi/abi.h"
#include "core/abi/layout.h"
#include "core/console/console.h"
#include "core/cpu/cpu.h"
#include "core/cpu/fpu.h"
#include "core/cpu/gdt.h"
#include "core/cpu/hw.h"
#include "core/cpu/this_cpu.h"
#include "core/cpu/time.h"
#include "core/entry/entry.h"
#include "core/lib/fmt.h"
#include "core/lib/string.h"
#include "core/mm/kernel_layout.h"
#include "core/mm/page_alloc.h"
#include "core/task/sched.h"
#include "core/lib/elf_image.h"
#include "core/lib/exec_stack.h"
#include "core/fs/vfs.h"
#include "core/lib/spinlock.h"
#include "core/cpu/random.h"

_Static_assert(sizeof(struct task) <= PAGE_SIZE, "a task fits in its page");
_Static_assert(sizeof(struct sigstate) <= PAGE_SIZE, "its signal state fits in its page");

/*
 * A fresh address space holding exactly this payload: the pages holding
 * the file are writable and executable (a flat binary mixes code and
 * data), the rest of the region (its .bss) and the stack are not
 * executable; the heap (brk) starts right after the region.
 */
static const char *task_space_build(struct task *t, const struct handoff *h)
{
	uint64_t file = (t->payload->size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	const uint64_t rw = PROT_READ | PROT_WRITE;
	struct uspace *s = uspace_create(h->mem_limit);
	if (!s)
		return "out of memory for a new address space";
	t->mm = s;
	if (uspace_map(s, USER_BASE, file, rw | PROT_EXEC, 0) ||
	    (t->region_size > file && uspace_map(s, USER_BASE + file, t->region_size - file, rw, 0)) ||
	    uspace_map(s, USER_STACK_BASE, USER_STACK_SIZE, rw, 0))
		return h->mem_limit ? "payload does not fit in memory or in --mem-limit"
				    : "payload does not fit in memory";
	uspace_write(s, USER_BASE, phys_to_virt(t->payload->data), t->payload->size);
	s->brk_base = s->brk = USER_BASE + t->region_size;
	return 0;
}

/* The task's own four pages (the struct, its extended state, its
 * descriptors, its signal state) back. */
static void task_pages_free(struct task *t)
{
	struct pt_pool freed = { 0 };
	if (t->xstate)
		pt_pool_add(&freed, virt_to_phys(t->xstate), 1);
	if (t->files)
		pt_pool_add(&freed, virt_to_phys(t->files), 1);
	if (t->sig)
		pt_pool_add(&freed, virt_to_phys(t->sig), 1);
	pt_pool_add(&freed, virt_to_phys(t), 1);
	page_alloc_release(&freed);
}

/* The initial stack's strings, and the window of the stack it is built in. */
#define ELF_STACK_BUILD 0x10000          /* argv, envp, auxv and strings fit in this */
#define ELF_ARGS_MAX    (PAYLOADS_MAX + 8) /* argv and envp pointers, each */
_Static_assert(EXEC_STRINGS_MAX + (ELF_ARGS_MAX * 2 + 64) * 8 + 512 <= ELF_STACK_BUILD,
	       "what the loader accepts fits the window");

/* Split n strings packed back to back (the handoff's argv, env) into
 * out. 0, or -1 when they do not match their count. */
static int strings_unpack(uint64_t phys, uint32_t size, uint32_t n, const char **out)
{
	const char *s = phys_to_virt(phys), *end = s + size;
	if (n > ELF_ARGS_MAX)
		return -1;
	for (uint32_t i = 0; i < n; i++) {
		out[i] = s;
		while (s < end && *s)
			s++;
		if (s == end)
			return -1;
		s++;
	}
	return 0;
}

/*
 * A static Linux program: each PT_LOAD mapped with its own rights, the
 * file's bytes in, the rest zero; a 1 MiB stack holding argc, argv,
 * the environment and the auxiliary vector, as execve
 * leaves them; the heap after the highest segment. The first frame
 * starts at the entry point with RSP at argc. Its scratch space is
 * static: the caller holds elf_lock.
 */
static const char *task_elf_build_locked(struct task *t, const struct handoff *h)
{
	static struct elf_image img;
	const uint8_t *file = phys_to_virt(t->payload->data);
	const char *bad = elf_image_parse(file, t->payload->size, ELF_DYN_BASE, &img);
	if (bad)
		return bad;
	struct uspace *s = uspace_create(h->mem_limit);
	if (!s)
		return "out of memory for a new address space";
	t->mm = s;
	const char *full = h->mem_limit ? "program does not fit in memory or in --mem-limit"
					: "program does not fit in memory";
	for (uint32_t i = 0; i < img.count; i++) {
		const struct elf_segment *g = &img.seg[i];
		uint64_t lo = g->vaddr & ~(PAGE_SIZE - 1);
		uint64_t hi = (g->vaddr + g->memsz + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
		/* A no-access segment with file bytes is filled first, then
		 * closed: the bytes are there for a later mprotect, as on Linux. */
		int fill_then_close = g->prot == PROT_NONE && g->filesz;
		if (uspace_map(s, lo, hi - lo, fill_then_close ? PROT_READ | PROT_WRITE : g->prot, 0))
			return full;
		if (g->filesz && uspace_write(s, g->vaddr, file + g->offset, g->filesz))
			return "a segment could not be written";
		if (fill_then_close && uspace_protect(s, lo, hi - lo, PROT_NONE))
			return "a segment could not be closed";
	}
	uint64_t stack_base = USER_STACK_TOP - ELF_STACK_SIZE;
	if (uspace_map(s, stack_base, ELF_STACK_SIZE,
		       PROT_READ | PROT_WRITE | (img.stack_exec ? PROT_EXEC : 0), 0))
		return full;
	s->brk_base = s->brk = img.hi;

	static const char *argv[ELF_ARGS_MAX], *envp[ELF_ARGS_MAX];
	const struct handoff_payload *p = t->payload;
	if (strings_unpack(p->argv, p->argv_size, p->argc, argv) ||
	    strings_unpack(h->env, h->env_size, h->envc, envp))
		return "the arguments or the environment are malformed";
	uint32_t r[4];
	cpu_cpuid(CPUID_LEAF_FEATURES, 0, r);
	struct exec_args a = {
		.argc = p->argc, .argv = argv, .envc = h->envc, .envp = envp,
		.execfn = argv[0], .platform = "x86_64",
		.phdr = img.phdr, .phent = img.phent, .phnum = img.phnum, .entry = img.entry,
		.hwcap = r[3], .clktck = 100, .minsigstksz = signal_frame_max(),
	};
	random_bytes(a.random, sizeof(a.random));
	static uint8_t build[ELF_STACK_BUILD];
	uint64_t rsp = exec_stack_build(build, sizeof(build), USER_STACK_TOP, &a);
	if (!rsp)
		return "the program's arguments do not fit on its stack";
	uspace_write(s, USER_STACK_TOP - sizeof(build), build, sizeof(build));
	t->frame.rip = img.entry;
	t->frame.rsp = rsp;
	return 0;
}

static const char *task_elf_build(struct task *t, const struct handoff *h)
{
	static struct spinlock elf_lock;
	spin_lock(&elf_lock);
	const char *why = task_elf_build_locked(t, h);
	spin_unlock(&elf_lock);
	return why;
}

/*
 * What a Linux process starts with: fds 0 (--stdin's bytes, else
 * /dev/null), 1 and 2 (the console), and for a flat payload fd 3, which
 * discards (the write benchmarks); "/" as its working directory; umask
 * 022; Linux's default limits where they mean something here.
 */
static void task_process_init(struct task *t, const struct handoff *h)
{
	struct file *f;
	fdtable_init(t->files);
	if (h->stdin_data) {
		fdtable_open(t->files, FILE_STDIN, O_RDONLY | O_LARGEFILE, 0, 0, &f);
	} else {
		fdtable_open(t->files, FILE_NODE, O_RDONLY | O_LARGEFILE, 0, 0, &f);
		fstree_lookup(vfs_tree(), 0, "/dev/null", &f->node);
	}
	/* Read and write, as a terminal's fds are (reading gives end of file). */
	fdtable_open(t->files, FILE_CONSOLE, O_RDWR | O_LARGEFILE, 1, 0, &f);
	fdtable_open(t->files, FILE_CONSOLE, O_RDWR | O_LARGEFILE, 2, 0, &f);
	if (!elf_image_is_elf(phys_to_virt(t->payload->data), t->payload->size))
		fdtable_open(t->files, FILE_DISCARD, O_WRONLY | O_LARGEFILE, FD_DISCARD, 0, &f);
	t->cwd = 0;
	t->umask = 022;
	t->altstack.ss_flags = SS_DISABLE;
	unsigned i = 0;
	for (; i < TASK_COMM_LEN - 1 && t->payload->name[i]; i++)
		t->comm[i] = t->payload->name[i];
	t->comm[i] = 0;
	for (unsigned r = 0; r < RLIM_NLIMITS; r++)
		t->rlim[r] = (struct abi_rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	t->rlim[RLIMIT_STACK].rlim_cur = ELF_STACK_SIZE;
	t->rlim[RLIMIT_CORE] = (struct abi_rlimit){ 0, RLIM_INFINITY };
	t->rlim[RLIMIT_NOFILE] = (struct abi_rlimit){ FD_MAX, FD_MAX };
	if (h->mem_limit)
		t->rlim[RLIMIT_AS] = (struct abi_rlimit){ h->mem_limit, h->mem_limit };
}

int64_t task_exe_path(const struct task *t, char *buf, uint64_t size)
{
	uint64_t n = 0;
	const char *name = t->payload->name;
	if (size)
		buf[n++] = '/';
	for (; *name && n + 1 < size; name++)
		buf[n++] = *name;
	if (*name || !size)
		return -ERANGE;
	buf[n] = 0;
	return (int64_t)n;
}

struct task *task_create(const struct handoff *h, const struct handoff_payload *p, uint32_t pid)
{
	uint32_t cpu = this_cpu_id();
	struct pt_pool got = { 0 };
	if (page_alloc_reserve(&got, 4)) {
		console_line(CON_FAULT, "ERROR cpu=%u payload=%s reason=\"out of memory for a new task\"",
			     cpu, p->name);
		return 0;
	}
	struct task *t = phys_to_virt(pt_pool_take(&got));
	memset(t, 0, sizeof(*t));
	t->xstate = phys_to_virt(pt_pool_take(&got));
	fpu_area_init(t->xstate);
	t->files = phys_to_virt(pt_pool_take(&got));
	t->sig = phys_to_virt(pt_pool_take(&got));
	memset(t->sig, 0, sizeof(*t->sig));
	t->pid = pid;
	t->payload = p;
	task_process_init(t, h);
	t->region_size = layout_user_region_size(p->size);
	t->report = RING3_REPORT_CALLS;
	/* The first "return" to ring 3: every general register 0. */
	t->frame.rip = USER_BASE;
	t->frame.cs = SEL_UCODE;
	t->frame.rflags = USER_RFLAGS_INIT;
	t->frame.rsp = USER_STACK_TOP;
	t->frame.ss = SEL_UDATA;
	int elf = elf_image_is_elf(phys_to_virt(p->data), p->size);
	if (elf)
		t->region_size = 0;
	const char *why = elf ? task_elf_build(t, h) : task_space_build(t, h);
	if (why) {
		console_line(CON_FAULT, "ERROR cpu=%u payload=%s reason=\"%s\"", cpu, p->name, why);
		if (t->mm)
			uspace_destroy(t->mm);
		task_pages_free(t);
		return 0;
	}
	console_line(CON_INFO,
		     "RUN cpu=%u pid=%u payload=%s size=%llu entry=0x%llx rsp=0x%llx region=0x%llx-0x%llx%s",
		     cpu, pid, p->name, (unsigned long long)p->size, (unsigned long long)t->frame.rip,
		     (unsigned long long)t->frame.rsp,
		     (unsigned long long)(elf ? t->mm->vmas.v[0].start : USER_BASE),
		     (unsigned long long)(elf ? t->mm->brk_base : USER_BASE + t->region_size),
		     elf ? " format=elf" : "");
	return t;
}

void task_finish(struct task *t)
{
	uint32_t cpu = this_cpu_id();
	console_text_flush(&t->out, cpu, t->pid);
	uspace_destroy(t->mm);
	char exit_str[24] = "killed", sig_str[24] = "";
	if (!t->killed)
		fmt_snprintf(exit_str, sizeof(exit_str), "%lld", (long long)t->exit_code);
	if (t->signal)
		fmt_snprintf(sig_str, sizeof(sig_str), " signal=%u", t->signal);
	console_line(CON_INFO,
		     "SUMMARY cpu=%u syscalls=%llu faults=%llu exit=%s pid=%u payload=%s iret_returns=%llu"
		     " irqs=%llu preempted=%llu cpu_us=%llu%s",
		     cpu, (unsigned long long)t->syscalls, (unsigned long long)t->faults, exit_str,
		     t->pid, t->payload->name, (unsigned long long)t->iret_returns,
		     (unsigned long long)t->irqs, (unsigned long long)t->preempted,
		     (unsigned long long)(t->cpu_tsc / time_tsc_per_us()), sig_str);
	task_pages_free(t);
}

void task_exit(int64_t code)
{
	struct task *t = task_current();
	t->exit_code = code;
	t->state = TASK_DEAD;
	user_exit(0);
}

void task_end_on_return(struct task *t, const char *reason, uint32_t sig)
{
	t->kill_reason = reason;
	t->signal = sig;
	this_cpu()->work = 1;
}

void task_kill(void)
{
	struct task *t = task_current();
	t->killed = 1;
	t->faults++;
	this_cpu()->faults++;
	t->state = TASK_DEAD;
	user_exit(0);
}
