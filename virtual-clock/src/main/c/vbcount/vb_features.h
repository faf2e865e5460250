/* vbcount: what the guest asks of the kernel and of memory, for calibrated models (vb_features.c). */
#ifndef VB_FEATURES_H
#define VB_FEATURES_H

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"

/* Appended to vbcount_block (version 7, after the regions; version 8 added issue_slot_excess); every field a running total of this process image, like
   the instruction counts (a forked child starts from its parent's, an exec'd image from zero). */
struct vbcount_features {
   ULong bytes_read;     /* returned by read, pread64, readv, preadv(2), recvfrom, recvmsg    */
   ULong bytes_written;  /* returned by write, pwrite64, writev, pwritev(2), sendto, sendmsg,
                            sendfile, splice, copy_file_range                                 */
   ULong bytes_mapped;   /* accessible bytes mapped by mmap, grown by mremap and brk          */
   ULong pages_touched;  /* 4 KiB pages first written by the guest or by the kernel for it,
                            since they were mapped (an unmapped and remapped page is new)     */
   ULong cache_misses;   /* accesses missing both simulated caches (1 MiB, then 32 MiB, direct-
                            mapped, 64-byte lines) and continuing no stream: they wait for memory */
   ULong cache_lines_streamed; /* such misses next to a recent miss: a prefetcher streams them   */
   ULong branch_mispredicts; /* conditional branches the simulated gshare predictor missed     */
   ULong long_latency_ops;   /* integer and floating-point divisions, square roots            */
   ULong atomic_ops;         /* atomic read-modify-writes (lock-prefixed, cmpxchg, xchg)      */
   ULong cache_mid_misses;   /* accesses missing the 1 MiB cache that the 32 MiB one holds     */
   /* Version 8: */
   ULong issue_slot_excess;  /* issue slots (vb_slots.c) beyond one per instruction: what the
                                dependency chains loops carry add; issue slots = insns + this   */
};

/* Set by vb_main.c before instrumentation starts. */
void vb_features_init(struct vbcount_features* block);
Bool vb_features_option(const HChar* arg);
void vb_features_usage(void);
void vb_features_pre_clo_init(void);
void vb_features_post_clo_init(void);
/* Around the instrumentation of one superblock: before its first statement, before each
   statement (adding what st needs before it), and after its last. */
void vb_features_sb_start(Int offset_sp);
void vb_features_instrument(IRSB* sbOut, IRStmt* st);
void vb_features_sb_end(IRSB* sbOut);
void vb_features_post_syscall(UInt syscallno, UWord* args, UInt nArgs, SysRes res);
void vb_features_forked_child(void);
/* Whether op is a division or a square root (long_latency_ops; vb_slots.c prices them too). */
Bool vb_long_op(IROp op);
/* vb_main.c: counts mispredictions in the running thread's counting words. */
void vb_add_mispredicts(IRSB* sbOut, IRExpr* v);
/* vb_main.c: the running thread's branch history (I32) in its shadow state; put takes an atom. */
IRExpr* vb_history_get(void);
void vb_history_put(IRSB* sbOut, IRExpr* history);

/* Appends  *counter += v  (v :: I64, an atom) to sb: a load and a store of the counter in memory. */
void vb_add_global(IRSB* sb, ULong* counter, IRExpr* v);

#endif
