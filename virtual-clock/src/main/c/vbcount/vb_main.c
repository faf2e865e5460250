/*--------------------------------------------------------------------*/
/*--- vbcount: vbench's software PMU.                  vb_main.c ---*/
/*--------------------------------------------------------------------*/

/*
   An out-of-tree Valgrind tool that counts, exactly and with inline IR
   only (no helper call per instruction):
     - guest instructions executed            (cachegrind's "I refs")
     - conditional branches executed          (cachegrind's "Bc")
     - indirect branches executed             (cachegrind's "Bi")
   globally and per Valgrind ThreadId, into one exported block,
   `vbcount_block`, that another process (the vbench supervisor) reads
   with process_vm_readv while the guest is stopped.

   Counting rules (cachegrind's, see README.md next to this file):
     - one instruction per IMark;
     - before each side exit (Ist_Exit), add the instructions seen since
       the last update and, if the exit's kind is Boring, Call or Ret,
       one conditional branch (counted whether the exit is taken or not:
       reaching the exit means the branch executed);
     - at the end of the superblock, add the remaining instructions and,
       if the block ends in a Boring or Call jump to a non-constant
       target, one indirect branch.

   Where the counting happens: generated code adds to two words of the
   running thread's shadow guest state (shadow area 1, which vbcount does
   not otherwise use): instructions in the low and conditional branches in
   the high half of one word, indirect branches in the other.  VEX keeps
   such a word in a register between the exits of a superblock, so an
   update is an add and a store with no memory round trip, about half the
   cost of an add to a global in memory.  After every run of generated
   code (the stop_client_code event; at most one scheduling quantum of
   100k superblocks, so neither half can overflow) and before an rdtsc
   reads the clock, the words are drained into the global block.
   Valgrind runs one guest thread at a time (the BigLock), so the
   drains are exact.
   Per-thread totals: the global block keeps running; at every thread
   switch (start_client_code for a thread other than the current one)
   the delta since the previous switch is added to the outgoing thread's
   slot.  At exit the last delta goes to the last running thread.  So the
   slots always sum to the globals minus the not-yet-attributed delta of
   `current_tid`, which the trailer (`attributed_*`) gives exactly.

   Layout and discovery: see README.md (and VBCOUNT_* below).
*/

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcfile.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_libcproc.h"
#include "pub_tool_options.h"
#include "pub_tool_threadstate.h"
#include "pub_tool_machine.h"
#include "pub_tool_vki.h"
#include "pub_tool_mallocfree.h"
#include "libvex_guest_amd64.h"
#include "vb_housekeeping.h"
#include "vb_tool.h"
#include "vb_features.h"
#include "vb_spin.h"

/*------------------------------------------------------------*/
/*--- The exported block                                   ---*/
/*------------------------------------------------------------*/

/* Reads "VBCOUNT\0" when the first 8 bytes are viewed as ASCII. */
#define VBCOUNT_MAGIC    0x00544E554F434256ULL
#define VBCOUNT_VERSION  9ULL
/* Capacity of per_thread[].  ThreadId 0 is never used, so slot 0 stays
   zero.  Threads above the capacity (a larger --max-threads) are counted
   in the globals but get no slot of their own. */
#define VBCOUNT_MAX_THREADS 500
/* System call numbers counted one by one; larger ones share the last slot. */
#define VBCOUNT_MAX_SYSCALL 512

/* What the supervisor writes so that vbcount can answer rdtsc itself: the guest's TSC is
   base + sum of ns_per[i] * (count[i] - at[i]) over the process's instructions, conditional and
   indirect branches and system calls, exactly what the supervisor will charge at the next stop. */
#define VB_TSC_COUNTS 4
struct vbcount_tsc_base {
   ULong valid;                 /* 1 once written                                   */
   ULong base;                  /* the TSC at the counts below                      */
   ULong at[VB_TSC_COUNTS];     /* insns, cond_branches, ind_branches, client_syscalls */
   ULong ns_per[VB_TSC_COUNTS]; /* virtual ns per unit of each                      */
};

struct vbcount_thread {
   ULong insns;   /* guest instructions executed by this ThreadId    */
   ULong cond;    /* conditional branches executed                  */
   ULong ind;     /* indirect branches executed                     */
};

struct vbcount_block {
   ULong magic;           /* @0   VBCOUNT_MAGIC                             */
   ULong version;         /* @8   VBCOUNT_VERSION                           */
   ULong insns;           /* @16  global: instructions                      */
   ULong cond_branches;   /* @24  global: conditional branches              */
   ULong ind_branches;    /* @32  global: indirect branches                 */
   ULong current_tid;     /* @40  ThreadId whose delta is not yet in a slot  */
   ULong nthreads_slots;  /* @48  length of per_thread[] (= capacity)       */
   struct vbcount_thread per_thread[VBCOUNT_MAX_THREADS];  /* @56, 24 each */
   /* Trailer, at 56 + 24 * nthreads_slots: the globals at the last
      attribution (i.e. the sums of all slots).  The running thread's
      live count is per_thread[current_tid].x + (x - attributed_x). */
   ULong attributed_insns;
   ULong attributed_cond;
   ULong attributed_ind;
   ULong switches;        /* number of attributions (thread switches)       */
   /* Version 2: the guest's system calls, counted where Valgrind sees them
      (its syscall wrapper), because from outside they cannot be told from
      Valgrind's own: many are made through the same instruction.  Counted
      before the call runs, including those Valgrind answers itself (brk). */
   ULong client_syscalls;                           /* @12088 total        */
   ULong syscalls_by_nr[VBCOUNT_MAX_SYSCALL];       /* @12096, by number   */
   /* Version 3, the one field written from outside: the supervisor sets it
      to 1 while no other guest thread could run if this process stopped,
      so Valgrind's big-lock hand-offs need no stop (vb_housekeeping.c). */
   ULong alone;                                     /* @16192              */
   /* Version 4: how many threads the process had alive at most, and
      Valgrind's limit (--max-threads), so the supervisor can say why a
      guest that reached the limit died. */
   ULong max_live_threads;                          /* @16200              */
   ULong thread_limit;                              /* @16208              */
   /* The flags of a clone() Valgrind cannot run (CLONE_VM without
      CLONE_THREAD or CLONE_VFORK: a process sharing its parent's memory);
      0 if the process made none.  Valgrind stops the process at that call. */
   ULong unsupported_clone_flags;                   /* @16216              */
   /* Version 6: the instructions run before main (process start-up) and
      the regions the guest marked (vb_regions.c, vb_tool.h). */
   struct vbcount_regions regions;                  /* @16224              */
   /* Version 7: bytes read, written and mapped, pages touched, simulated cache misses (two levels)
      and branch mispredictions, long-latency and atomic operations (vb_features.c); version 8:
      issue slots (vb_slots.c). */
   struct vbcount_features features;                /* @22920              */
   /* Version 8: superblocks ended by a spin-wait hint (x86 `pause`, which VEX
      ends with Ijk_Yield).  The supervisor reads it at every stop: a thread
      that paused since the process's previous stop is spinning on a flag
      that only another thread can set, so it gives up its turn. */
   ULong pauses;                                    /* @23008              */
   /* Version 9: the guest's time stamp counter without a stop (see "The guest's time stamp
      counter" below).  tsc_reads counts the guest's rdtsc/rdtscp; the supervisor reads it with
      the pauses and, once it is not 0, writes the rest before it resumes the process: the
      TSC value at the counts it last charged, those counts and their prices in the guest's
      fixed model (whole nanoseconds).  tsc.valid is 0 until then; a forked child's copy is
      rewritten before the child first runs. */
   ULong tsc_reads;                                 /* @23016              */
   struct vbcount_tsc_base tsc;                     /* @23024              */
};

/* Not static: `nm vbcount-amd64-linux` shows it.  Initialised so it sits
   in .data and the magic is readable from the very first instruction. */
struct vbcount_block vbcount_block
   __attribute__((aligned(64), used)) = {
   .magic          = VBCOUNT_MAGIC,
   .version        = VBCOUNT_VERSION,
   .nthreads_slots = VBCOUNT_MAX_THREADS,
};

/* Layout guards: the README and the Java reader rely on these offsets. */
#define VB_STATIC_ASSERT(c, name) typedef char vb_assert_##name[(c) ? 1 : -1]
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_block, insns) == 16, insns);
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_block, current_tid) == 40, tid);
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_block, per_thread) == 56, pt);
VB_STATIC_ASSERT(sizeof(struct vbcount_thread) == 24, thr);
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_block, attributed_insns)
                 == 56 + 24 * VBCOUNT_MAX_THREADS, trailer);
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_block, client_syscalls) == 56 + 24 * VBCOUNT_MAX_THREADS + 32,
                 client_syscalls);
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_block, alone) == 56 + 24 * VBCOUNT_MAX_THREADS + 40 + 8 * VBCOUNT_MAX_SYSCALL,
                 alone);
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_block, unsupported_clone_flags) == 16216, clone_flags);
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_block, regions) == 16224, regions);
VB_STATIC_ASSERT(sizeof(struct vbcount_region) == 104, region_size);
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_regions, region) == 40, region_table);
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_block, features) == 16224 + 40 + 104 * VBCOUNT_MAX_REGIONS, features);
VB_STATIC_ASSERT(sizeof(struct vbcount_features) == 88, features_size);
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_block, pauses) == 23008, pauses);
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_block, tsc_reads) == 23016, tsc_reads);
VB_STATIC_ASSERT(__builtin_offsetof(struct vbcount_block, tsc) == 23024, tsc);
VB_STATIC_ASSERT(sizeof(struct vbcount_block) == 23024 + 8 * (2 + 2 * VB_TSC_COUNTS), size);

/* Threads of this process alive now (ThreadIds handed out and not exited). */
static ULong vb_live_threads = 1;

static void vb_thread_created(ThreadId parent, ThreadId child)
{
   vb_live_threads++;
   if (vb_live_threads > vbcount_block.max_live_threads) {
      vbcount_block.max_live_threads = vb_live_threads;
   }
   if (vb_attr_on) vb_attr_thread_created(child);
}

static void vb_thread_exited(ThreadId tid)
{
   vb_spin_thread_exited(tid); /* a new thread may get its ThreadId */
   if (vb_live_threads > 0) {
      vb_live_threads--;
   }
   if (vb_attr_on) vb_attr_thread_exited(tid);
}

/* A forked child has one thread, whatever its parent had. */
static void vb_forked_child(ThreadId tid)
{
   vb_live_threads = 1;
   vbcount_block.max_live_threads = 1;
   vb_regions_forked_child();
   if (vb_attr_on) vb_attr_forked_child();
   vb_features_forked_child();
}

Bool vb_alone(void)
{
   return *(volatile ULong*)&vbcount_block.alone != 0;
}

struct vbcount_regions* vb_regions_part(void)
{
   return &vbcount_block.regions;
}

void vb_global_counts(ULong out[4])
{
   out[0] = vbcount_block.insns;
   out[1] = vbcount_block.cond_branches;
   out[2] = vbcount_block.ind_branches;
   out[3] = vbcount_block.client_syscalls;
}

/*------------------------------------------------------------*/
/*--- Options                                              ---*/
/*------------------------------------------------------------*/

static const HChar* clo_addr_file = NULL;   /* --vbcount-addr-file=PATH */
static const HChar* clo_out_file  = NULL;   /* --vbcount-out=PATH       */

static Bool vb_process_cmd_line_option(const HChar* arg)
{
   if      VG_STR_CLO(arg, "--vbcount-addr-file", clo_addr_file) {}
   else if VG_STR_CLO(arg, "--vbcount-out",       clo_out_file)  {}
   else if (vb_attr_option(arg)) {}
   else if (vb_features_option(arg)) {}
   else
      return False;
   return True;
}

static void vb_print_usage(void)
{
   VG_(printf)(
"    --vbcount-addr-file=PATH  write pid, address and layout of the counter\n"
"                              block to PATH at start-up (%%p, %%q{ENV} expand)\n"
"    --vbcount-out=PATH        write the final counts to PATH as key=value\n"
"    --vbcount-attr=PATH       attribute the counts to functions and call paths;\n"
"                              append each process image's profile to PATH\n"
"                              (%%p, %%q{ENV} expand)\n"
   );
   vb_features_usage();
}

static void vb_print_debug_usage(void)
{
   VG_(printf)("    (none)\n");
}

/*------------------------------------------------------------*/
/*--- Small file helper                                    ---*/
/*------------------------------------------------------------*/

/* Writes buf to path atomically (path.tmp.<pid>, then rename), so that a
   reader polling for the file never sees it half written. */
static Bool vb_write_file_atomic(const HChar* option, const HChar* path,
                                 const HChar* buf)
{
   HChar tmp[VKI_PATH_MAX + 32];
   Int len = VG_(strlen)(buf);
   if (VG_(strlen)(path) >= VKI_PATH_MAX) {
      VG_(umsg)("vbcount: %s path too long: %s\n", option, path);
      return False;
   }
   VG_(sprintf)(tmp, "%s.tmp.%d", path, VG_(getpid)());
   SysRes sr = VG_(open)(tmp, VKI_O_CREAT | VKI_O_TRUNC | VKI_O_WRONLY,
                         VKI_S_IRUSR | VKI_S_IWUSR | VKI_S_IRGRP | VKI_S_IROTH);
   if (sr_isError(sr)) {
      VG_(umsg)("vbcount: cannot create %s (%s): error %lu\n",
                tmp, option, sr_Err(sr));
      return False;
   }
   Int fd = sr_Res(sr);
   Int done = VG_(write)(fd, buf, len);
   VG_(close)(fd);
   if (done != len) {
      VG_(umsg)("vbcount: short write to %s (%s)\n", tmp, option);
      return False;
   }
   if (VG_(rename)(tmp, path) != 0) {
      VG_(umsg)("vbcount: cannot rename %s to %s (%s)\n", tmp, path, option);
      return False;
   }
   return True;
}

Bool vb_write_file(const HChar* option, const HChar* path, const HChar* buf,
                   Int len, Bool append)
{
   if (!append) {
      return vb_write_file_atomic(option, path, buf);
   }
   SysRes sr = VG_(open)(path, VKI_O_CREAT | VKI_O_APPEND | VKI_O_WRONLY,
                         VKI_S_IRUSR | VKI_S_IWUSR | VKI_S_IRGRP | VKI_S_IROTH);
   if (sr_isError(sr)) {
      VG_(umsg)("vbcount: cannot open %s (%s): error %lu\n", path, option, sr_Err(sr));
      return False;
   }
   Int fd = sr_Res(sr);
   Int done = 0;
   while (done < len) {
      Int n = VG_(write)(fd, buf + done, len - done);
      if (n <= 0) {
         break;
      }
      done += n;
   }
   VG_(close)(fd);
   if (done != len) {
      VG_(umsg)("vbcount: short write to %s (%s)\n", path, option);
      return False;
   }
   return True;
}

/*------------------------------------------------------------*/
/*--- Per-thread counting words                            ---*/
/*------------------------------------------------------------*/

/* Offset of shadow area 1 in the guest state, as IR addresses it. */
static Int vb_shadow1;

/* Offsets of the counting words inside shadow area 1 (adjacent, so one
   fxState entry covers both). */
#define VB_WORD_PACKED  __builtin_offsetof(VexGuestAMD64State, guest_RAX)
#define VB_WORD_IND     (VB_WORD_PACKED + 8)
#define VB_WORDS_SIZE   16
VB_STATIC_ASSERT(__builtin_offsetof(VexGuestAMD64State, guest_RCX) == VB_WORD_IND, words_adjacent);
/* The running thread's branch history (vb_features.c): beside the counting words but never
   drained, so each thread keeps its own, as each core has its own. */
#define VB_WORD_HISTORY __builtin_offsetof(VexGuestAMD64State, guest_RDX)
VB_STATIC_ASSERT(VB_WORD_HISTORY >= VB_WORD_PACKED + VB_WORDS_SIZE, history_apart);

static ULong vb_pack(ULong insns, ULong cond)
{
   return insns | cond << 32;
}

/* Adds thread tid's counting words to the global block and zeroes them. */
static void vb_drain(ThreadId tid)
{
   static const ULong zero[2] = { 0, 0 };
   ULong w[2];
   VG_(get_shadow_regs_area)(tid, (UChar*)w, 1, VB_WORD_PACKED, VB_WORDS_SIZE);
   vbcount_block.insns         += w[0] & 0xFFFFFFFFULL;
   vbcount_block.cond_branches += w[0] >> 32;
   /* The high half of the second word counts mispredictions (vb_features.c); at most one per
      exit in a quantum of 100k superblocks, so neither half overflows. */
   vbcount_block.ind_branches  += w[1] & 0xFFFFFFFFULL;
   vbcount_block.features.branch_mispredicts += w[1] >> 32;
   VG_(set_shadow_regs_area)(tid, 1, VB_WORD_PACKED, VB_WORDS_SIZE, (const UChar*)zero);
}

static void vb_stop_client_code(ThreadId tid, ULong blocks_dispatched)
{
   vb_drain(tid);
   if (vb_spin_run_end(blocks_dispatched)) vbcount_block.pauses++; /* a spin-wait without `pause` */
   if (vb_attr_on) vb_attr_stop_client_code(tid);
}

void vb_drain_thread(ThreadId tid)
{
   vb_drain(tid);
}

/*------------------------------------------------------------*/
/*--- Per-thread attribution                               ---*/
/*------------------------------------------------------------*/

static void vb_attribute_pending(void)
{
   struct vbcount_block* b = &vbcount_block;
   ULong tid = b->current_tid;
   if (tid > 0 && tid < VBCOUNT_MAX_THREADS) {
      b->per_thread[tid].insns += b->insns         - b->attributed_insns;
      b->per_thread[tid].cond  += b->cond_branches - b->attributed_cond;
      b->per_thread[tid].ind   += b->ind_branches  - b->attributed_ind;
   }
   b->attributed_insns = b->insns;
   b->attributed_cond  = b->cond_branches;
   b->attributed_ind   = b->ind_branches;
}

void vb_thread_counts(ThreadId tid, ULong out[3])
{
   struct vbcount_block* b = &vbcount_block;
   if (tid <= 0 || tid >= VBCOUNT_MAX_THREADS) {
      /* No slot of its own: the process's counts stand for it. */
      out[0] = b->insns;
      out[1] = b->cond_branches;
      out[2] = b->ind_branches;
      return;
   }
   out[0] = b->per_thread[tid].insns;
   out[1] = b->per_thread[tid].cond;
   out[2] = b->per_thread[tid].ind;
   if ((ULong)tid == b->current_tid) {
      out[0] += b->insns         - b->attributed_insns;
      out[1] += b->cond_branches - b->attributed_cond;
      out[2] += b->ind_branches  - b->attributed_ind;
   }
}

/* Called every time a thread (re)starts running client code, i.e. after
   every return to the scheduler.  Only a change of thread costs work. */
static void vb_start_client_code(ThreadId tid, ULong blocks_dispatched)
{
   vb_spin_run_start(tid, blocks_dispatched);
   if (vb_attr_on) vb_attr_start_client_code(tid);
   if ((ULong)tid == vbcount_block.current_tid)
      return;
   vb_attribute_pending();
   vbcount_block.current_tid = tid;
   vbcount_block.switches++;
}

/*------------------------------------------------------------*/
/*--- Instrumentation                                      ---*/
/*------------------------------------------------------------*/

/* Appends  word += n  for a counting word of the running thread, as flat IR. */
static void vb_add(IRSB* sb, Int word, ULong n)
{
   IRTemp old = newIRTemp(sb->tyenv, Ity_I64);
   IRTemp neu = newIRTemp(sb->tyenv, Ity_I64);
   addStmtToIRSB(sb, IRStmt_WrTmp(old, IRExpr_Get(vb_shadow1 + word, Ity_I64)));
   addStmtToIRSB(sb, IRStmt_WrTmp(neu,
                    IRExpr_Binop(Iop_Add64, IRExpr_RdTmp(old),
                                 IRExpr_Const(IRConst_U64(n)))));
   addStmtToIRSB(sb, IRStmt_Put(vb_shadow1 + word, IRExpr_RdTmp(neu)));
}

IRExpr* vb_history_get(void)
{
   return IRExpr_Get(vb_shadow1 + VB_WORD_HISTORY, Ity_I32);
}

void vb_history_put(IRSB* sb, IRExpr* history)
{
   addStmtToIRSB(sb, IRStmt_Put(vb_shadow1 + VB_WORD_HISTORY, history));
}

/* Appends  (second counting word) += v << 32  for v :: I64: a misprediction (vb_features.c)
   counted in a register like the branches, not by a load and store of the block per branch. */
void vb_add_mispredicts(IRSB* sb, IRExpr* v)
{
   IRTemp high = newIRTemp(sb->tyenv, Ity_I64);
   IRTemp old  = newIRTemp(sb->tyenv, Ity_I64);
   IRTemp neu  = newIRTemp(sb->tyenv, Ity_I64);
   addStmtToIRSB(sb, IRStmt_WrTmp(high, IRExpr_Binop(Iop_Shl64, v, IRExpr_Const(IRConst_U8(32)))));
   addStmtToIRSB(sb, IRStmt_WrTmp(old, IRExpr_Get(vb_shadow1 + VB_WORD_IND, Ity_I64)));
   addStmtToIRSB(sb, IRStmt_WrTmp(neu, IRExpr_Binop(Iop_Add64, IRExpr_RdTmp(old), IRExpr_RdTmp(high))));
   addStmtToIRSB(sb, IRStmt_Put(vb_shadow1 + VB_WORD_IND, IRExpr_RdTmp(neu)));
}

/* Appends  vbcount_block.pauses += 1: a load and a store of the block, paid only by superblocks
   that end in a pause (spin loops), so the supervisor sees the count at once, undrained. */
static void vb_count_pause(IRSB* sb)
{
   vb_add_global(sb, &vbcount_block.pauses, IRExpr_Const(IRConst_U64(1)));
}

static void vb_flush(IRSB* sb, ULong n_insns, ULong n_cond, ULong n_ind)
{
   if (n_insns > 0 || n_cond > 0) vb_add(sb, VB_WORD_PACKED, vb_pack(n_insns, n_cond));
   if (n_ind > 0)                  vb_add(sb, VB_WORD_IND, n_ind);
}

/*------------------------------------------------------------*/
/*--- The guest's time stamp counter                       ---*/
/*------------------------------------------------------------*/

/* VEX emulates rdtsc/rdtscp by calling a helper that executes the host's rdtsc: real time, so
   different on every run. vbcount replaces those helpers with ones that derive the TSC from
   CLOCK_MONOTONIC, read with a real system call, or, once the supervisor has written a base into
   the block (version 9), from the counts since that base. Under vbench that system call is
   answered from virtual time, so the guest's TSC is deterministic and agrees with its other clocks:
   a 1 GHz TSC starting at VB_TSC_ORIGIN when the monotonic clock reads VB_BOOT_UPTIME_NS. Both constants
   mirror the supervisor's (GuestClock.TSC_ORIGIN, TimeBase.BOOT_UPTIME_NANOS). */
#define VB_TSC_ORIGIN      (1ULL << 40)
#define VB_BOOT_UPTIME_NS  60000000000ULL

/* The TSC from the base the supervisor wrote at the last resume: the counts since then priced as
   the supervisor will price them at the next stop, so the guest's clocks never disagree or run
   backwards, and no stop is made.  A spin loop that polls rdtsc (OpenBLAS's idle workers wait
   2^28 ticks that way) made one stop per turn before: 11.1M stops for one numpy matmul. */
static ULong vb_tsc_from_base(void)
{
   const volatile struct vbcount_tsc_base* t = &vbcount_block.tsc;
   ULong now[VB_TSC_COUNTS];
   ULong tsc = t->base;
   Int   i;
   vb_global_counts(now);
   for (i = 0; i < VB_TSC_COUNTS; i++) tsc += t->ns_per[i] * (now[i] - t->at[i]);
   return tsc;
}

static ULong vb_tsc_now(void)
{
   struct vki_timespec ts;
   vb_drain(VG_(get_running_tid)());   /* the supervisor reads the counts at the clock call */
   vbcount_block.tsc_reads++;
   if (*(volatile ULong*)&vbcount_block.tsc.valid) return vb_tsc_from_base();
   VG_(clock_gettime)(&ts, VKI_CLOCK_MONOTONIC);
   return VB_TSC_ORIGIN + (ULong)ts.tv_sec * 1000000000ULL + (ULong)ts.tv_nsec - VB_BOOT_UPTIME_NS;
}

static ULong vb_rdtsc(void)
{
   return vb_tsc_now();
}

static void vb_rdtscp(VexGuestAMD64State* st)
{
   ULong t = vb_tsc_now();
   st->guest_RAX = t & 0xFFFFFFFFULL;
   st->guest_RDX = t >> 32;
   st->guest_RCX = 0; /* IA32_TSC_AUX: the guest runs on CPU 0 */
}

/* Declares that the helper modifies the counting words (it drains them),
   so VEX keeps no copy of them in a register across the call. */
static void vb_declare_drain(IRDirty* d)
{
   tl_assert(d->nFxState < VEX_N_FXSTATE);
   d->fxState[d->nFxState].fx        = Ifx_Modify;
   d->fxState[d->nFxState].offset    = vb_shadow1 + VB_WORD_PACKED;
   d->fxState[d->nFxState].size      = VB_WORDS_SIZE;
   d->fxState[d->nFxState].nRepeats  = 0;
   d->fxState[d->nFxState].repeatLen = 0;
   d->nFxState++;
}

void vb_declare_drain_fx(IRDirty* d)
{
   vb_declare_drain(d);
}

/* Returns the statement to emit for a dirty call: ours instead of VEX's TSC helpers. */
static IRStmt* vb_replace_tsc_helper(IRStmt* st)
{
   IRDirty* d = st->Ist.Dirty.details;
   const HChar* name = d->cee->name;
   IRDirty* ours;
   if (VG_(strcmp)(name, "amd64g_dirtyhelper_RDTSC") == 0) {
      ours = emptyIRDirty();
      *ours = *d;
      ours->cee = mkIRCallee(0, "vb_rdtsc", (void*)&vb_rdtsc);
      vb_declare_drain(ours);
      return IRStmt_Dirty(ours);
   }
   if (VG_(strcmp)(name, "amd64g_dirtyhelper_RDTSCP") == 0) {
      ours = emptyIRDirty();
      *ours = *d;
      ours->cee = mkIRCallee(d->cee->regparms, "vb_rdtscp", (void*)&vb_rdtscp);
      vb_declare_drain(ours);
      return IRStmt_Dirty(ours);
   }
   return st;
}

static inline Bool vb_is_guest_branch_kind(IRJumpKind jk)
{
   return jk == Ijk_Boring || jk == Ijk_Call || jk == Ijk_Ret;
}

static IRSB* vb_instrument(VgCallbackClosure* closure,
                           IRSB* sbIn,
                           const VexGuestLayout* layout,
                           const VexGuestExtents* vge,
                           const VexArchInfo* archinfo_host,
                           IRType gWordTy, IRType hWordTy)
{
   Int   i;
   ULong pending_insns = 0;

   if (gWordTy != hWordTy) {
      /* We don't currently support this case. */
      VG_(tool_panic)("host/guest word size mismatch");
   }

   IRSB* sbOut = deepCopyIRSBExceptStmts(sbIn);
   vb_shadow1 = layout->total_sizeB;

   vb_features_sb_start(layout->offset_SP);

   /* Copy verbatim any IR preamble preceding the first IMark. */
   i = 0;
   while (i < sbIn->stmts_used && sbIn->stmts[i]->tag != Ist_IMark) {
      addStmtToIRSB(sbOut, sbIn->stmts[i]);
      i++;
   }

   vb_spin_instrument(sbOut, sbIn, layout->offset_IP);

   Bool  first_insn = True;
   UInt  exits = 0;
   for (/* use current i */; i < sbIn->stmts_used; i++) {
      IRStmt* st = sbIn->stmts[i];
      if (!st || st->tag == Ist_NoOp) continue;

      switch (st->tag) {
         case Ist_IMark:
            if (first_insn) {
               /* Version 6: main's entry (start-up ends) and attribution. */
               Addr addr = (Addr)st->Ist.IMark.addr;
               vb_regions_sb_start(sbOut, addr);
               if (vb_attr_on) vb_attr_sb_start(sbIn);
               first_insn = False;
            }
            if (vb_attr_on) vb_attr_imark(sbOut, st);
            pending_insns++;
            break;
         case Ist_Exit:
            /* The exit may be taken: everything up to here must be
               counted before it, plus the branch itself. */
            vb_flush(sbOut, pending_insns,
                     vb_is_guest_branch_kind(st->Ist.Exit.jk) ? 1 : 0, 0);
            pending_insns = 0;
            if (vb_attr_on) vb_attr_before_exit(sbOut, exits);
            exits++;
            break;
         case Ist_Dirty:
            st = vb_replace_tsc_helper(st);
            break;
         default:
            break;
      }
      vb_features_instrument(sbOut, st);
      vb_spin_before_stmt(sbOut, st);
      addStmtToIRSB(sbOut, st);
      vb_spin_after_stmt(sbOut, st);
   }

   /* End of the superblock: the rest of the instructions and, for a
      Boring/Call jump to a computed target, one indirect branch.
      (Returns are not counted, as in cachegrind.) */
   {
      ULong ind = 0;
      if (sbIn->jumpkind == Ijk_Boring || sbIn->jumpkind == Ijk_Call) {
         switch (sbIn->next->tag) {
            case Iex_Const: break;
            case Iex_RdTmp: ind = 1; break;
            default: tl_assert(0); /* flat IR has only these */
         }
      }
      vb_flush(sbOut, pending_insns, 0, ind);
      if (sbIn->jumpkind == Ijk_Yield) vb_count_pause(sbOut);
      vb_spin_sb_end(sbOut);
      if (vb_attr_on && !first_insn) vb_attr_sb_end(sbOut);
      vb_features_sb_end(sbOut);
   }
   return sbOut;
}

/*------------------------------------------------------------*/
/*--- Start-up and exit                                    ---*/
/*------------------------------------------------------------*/

static void vb_post_clo_init(void)
{
   struct vbcount_block* b = &vbcount_block;

   /* ThreadId 0 is never used: N threads can be alive at once. */
   b->thread_limit = VG_N_THREADS - 1;
   b->max_live_threads = 1;
   vb_features_post_clo_init();

   if (VG_(clo_verbosity) > 1) {
      VG_(umsg)("vbcount: block at %p size %lu pid %d version %llu"
                " slots %llu\n",
                (void*)b, (UWord)sizeof(*b), VG_(getpid)(),
                b->version, b->nthreads_slots);
   }

   if (clo_addr_file) {
      HChar buf[512];
      HChar* path = VG_(expand_file_name)("--vbcount-addr-file", clo_addr_file);
      VG_(sprintf)(buf,
         "pid=%d\n"
         "addr=0x%llx\n"
         "size=%lu\n"
         "magic=0x%llx\n"
         "version=%llu\n"
         "nthreads_slots=%llu\n"
         "per_thread_offset=%lu\n"
         "per_thread_stride=%lu\n"
         "trailer_offset=%lu\n",
         VG_(getpid)(), (ULong)(HWord)b, (UWord)sizeof(*b),
         b->magic, b->version, b->nthreads_slots,
         (UWord)__builtin_offsetof(struct vbcount_block, per_thread),
         (UWord)sizeof(struct vbcount_thread),
         (UWord)__builtin_offsetof(struct vbcount_block, attributed_insns));
      if (!vb_write_file_atomic("--vbcount-addr-file", path, buf)) {
         VG_(fmsg)("vbcount: could not write --vbcount-addr-file=%s\n", path);
         VG_(exit)(1);
      }
      VG_(free)(path);
   }
   vb_regions_post_clo_init();
   if (vb_attr_on) vb_attr_post_clo_init();
}

#define VB_NR_CLONE      56
#define VB_CLONE_VM      0x00000100UL
#define VB_CLONE_VFORK   0x00004000UL
#define VB_CLONE_THREAD  0x00010000UL

static void vb_pre_syscall(ThreadId tid, UInt syscallno, UWord* args, UInt nArgs)
{
   if (syscallno == VB_NR_CLONE && nArgs > 0 && (args[0] & VB_CLONE_VM)
       && !(args[0] & (VB_CLONE_THREAD | VB_CLONE_VFORK))) {
      vbcount_block.unsupported_clone_flags = args[0];
   }
   vbcount_block.client_syscalls++;
   vbcount_block.syscalls_by_nr[syscallno < VBCOUNT_MAX_SYSCALL ? syscallno : VBCOUNT_MAX_SYSCALL - 1]++;
   vb_regions_pre_syscall(tid);
   if (vb_attr_on) vb_attr_pre_syscall(tid, syscallno);
}

static Bool vb_client_request(ThreadId tid, UWord* args, UWord* ret)
{
   return vb_regions_client_request(tid, args, ret);
}

static void vb_post_syscall(ThreadId tid, UInt syscallno, UWord* args, UInt nArgs, SysRes res)
{
   vb_features_post_syscall(syscallno, args, nArgs, res);
}

static void vb_fini(Int exitcode)
{
   struct vbcount_block* b = &vbcount_block;
   Int t;

   vb_attribute_pending();
   vb_regions_fini();
   if (vb_attr_on) vb_attr_fini(exitcode);

   if (VG_(clo_verbosity) > 0) {   /* quiet under -q, like cachegrind */
      VG_(umsg)("vbcount: insns:         %llu\n", b->insns);
      VG_(umsg)("vbcount: cond_branches: %llu\n", b->cond_branches);
      VG_(umsg)("vbcount: ind_branches:  %llu\n", b->ind_branches);
   }
   if (VG_(clo_verbosity) > 1) {
      for (t = 1; t < VBCOUNT_MAX_THREADS; t++) {
         if (b->per_thread[t].insns == 0) continue;
         VG_(umsg)("vbcount: thread %d: insns %llu cond %llu ind %llu\n", t,
                   b->per_thread[t].insns, b->per_thread[t].cond,
                   b->per_thread[t].ind);
      }
   }

   if (clo_out_file) {
      /* Worst case: header + ~90 bytes per used slot. */
      SizeT cap = 1024 + 96 * VBCOUNT_MAX_THREADS;
      HChar* buf = VG_(malloc)("vbcount.out", cap);
      HChar* p = buf;
      p += VG_(sprintf)(p,
              "pid=%d\n"
              "exit_code=%d\n"
              "insns=%llu\n"
              "cond_branches=%llu\n"
              "ind_branches=%llu\n"
              "switches=%llu\n"
              "bytes_read=%llu\n"
              "bytes_written=%llu\n"
              "bytes_mapped=%llu\n"
              "pages_touched=%llu\n"
              "cache_misses=%llu\n"
              "cache_lines_streamed=%llu\n"
              "branch_mispredicts=%llu\n"
              "long_latency_ops=%llu\n"
              "atomic_ops=%llu\n"
              "cache_mid_misses=%llu\n"
              "issue_slots=%llu\n"
              "pauses=%llu\n",
              VG_(getpid)(), exitcode, b->insns, b->cond_branches,
              b->ind_branches, b->switches, b->features.bytes_read,
              b->features.bytes_written, b->features.bytes_mapped,
              b->features.pages_touched, b->features.cache_misses,
              b->features.cache_lines_streamed, b->features.branch_mispredicts,
              b->features.long_latency_ops, b->features.atomic_ops,
              b->features.cache_mid_misses, b->insns + b->features.issue_slot_excess, b->pauses);
      for (t = 1; t < VBCOUNT_MAX_THREADS; t++) {
         const struct vbcount_thread* s = &b->per_thread[t];
         if (s->insns == 0 && s->cond == 0 && s->ind == 0) continue;
         p += VG_(sprintf)(p, "thread.%d.insns=%llu\nthread.%d.cond=%llu\n"
                              "thread.%d.ind=%llu\n",
                           t, s->insns, t, s->cond, t, s->ind);
      }
      tl_assert(p < buf + cap);
      HChar* path = VG_(expand_file_name)("--vbcount-out", clo_out_file);
      vb_write_file_atomic("--vbcount-out", path, buf);
      VG_(free)(path);
      VG_(free)(buf);
   }
}

static void vb_pre_clo_init(void)
{
   VG_(details_name)            ("vbcount");
   VG_(details_version)         ("1");
   VG_(details_description)     ("vbench software PMU: instructions and branches");
   VG_(details_copyright_author)("vbench authors; GPLv2+ like Valgrind.");
   VG_(details_bug_reports_to)  ("the vbench project");
   VG_(details_avg_translation_sizeB)(275);

   VG_(basic_tool_funcs)(vb_post_clo_init, vb_instrument, vb_fini);
   VG_(needs_command_line_options)(vb_process_cmd_line_option,
                                   vb_print_usage, vb_print_debug_usage);
   VG_(track_start_client_code)(vb_start_client_code);
   VG_(track_stop_client_code)(vb_stop_client_code);
   VG_(needs_syscall_wrapper)(vb_pre_syscall, vb_post_syscall);
   VG_(needs_client_requests)(vb_client_request);
   VG_(track_pre_thread_ll_create)(vb_thread_created);
   VG_(track_pre_thread_ll_exit)(vb_thread_exited);
   VG_(atfork)(NULL, NULL, vb_forked_child);
   vb_features_init(&vbcount_block.features);
   vb_features_pre_clo_init();
}

VG_DETERMINE_INTERFACE_VERSION(vb_pre_clo_init)

/*--------------------------------------------------------------------*/
/*--- end                                                vb_main.c ---*/
/*--------------------------------------------------------------------*/
