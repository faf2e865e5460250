/* vbcount: spin-wait loops without a spin-wait hint (vb_spin.c). */
#ifndef VB_SPIN_H
#define VB_SPIN_H

#include "pub_tool_basics.h"
#include "libvex_ir.h"

/* At translation, before sbIn's statements are emitted: if sbIn is a spin block (vb_spin.c), its
   early yield for a thread still spinning.  offset_IP is the guest instruction pointer's offset. */
void vb_spin_instrument(IRSB* sbOut, IRSB* sbIn, Int offset_IP);

/* At translation, around each statement of the superblock as it is emitted, and at its end:
   a spin block fingerprints what it reads and compares it with its last run's before it may leave. */
void vb_spin_before_stmt(IRSB* sbOut, IRStmt* st);
void vb_spin_after_stmt(IRSB* sbOut, IRStmt* st);
void vb_spin_sb_end(IRSB* sbOut);

/* Around each run of client code (Valgrind's blocks_dispatched, a total over all threads):
   vb_spin_run_end says whether the run just ended was a spin-wait. */
void vb_spin_run_start(ThreadId tid, ULong blocks_dispatched);
Bool vb_spin_run_end(ULong blocks_dispatched);

/* Thread tid exited: its ThreadId may be given to a new thread, which has not spun. */
void vb_spin_thread_exited(ThreadId tid);

#endif
