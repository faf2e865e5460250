/*--------------------------------------------------------------------*/
/*--- vbcount: spin-wait loops without a spin-wait hint.   vb_spin.c ---*/
/*--------------------------------------------------------------------*/

/*
   A thread that waits for a flag only another thread can set should give up its turn: under
   vbench the other thread runs only when this one stops.  x86's `pause` marks such loops (VEX
   ends its superblock with Ijk_Yield, which vb_main.c counts in `pauses`), but many hand-written
   waits have none:

       while (atomic_load_explicit(&turn, memory_order_acquire) != me) { }

   is a load, a compare and a branch back, one or two superblocks a turn.  When a superblock is
   translated, it is a "spin block" if it stores nothing, calls nothing, loads only from
   addresses computed from registers it does not write, and decides where to go by what it
   loaded.  Many ordinary blocks qualify (a field tested through an unchanged pointer), so the
   decision is made at run time: each spin block fingerprints its inputs (every register it reads
   and every value it loads before it may leave) and counts a repeat when they equal its previous
   run's.  A run of client code (at most Valgrind's time slice, 100,000 superblocks) of which nine
   tenths or more were repeats read the same registers and memory over and over, nothing changing:
   a spin-wait.  A scanning loop (strlen) moves its pointer each turn, a compute loop its counter,
   and ordinary code runs other blocks in between.

   After such a run vb_main.c adds one to `pauses`, and the supervisor, which reads `pauses` at
   every stop, hands the CPU to another thread as after a `pause`.  While that thread runs again
   and still spins, its spin blocks leave after 300 repeats with Ijk_Yield (before their first
   instruction, which then runs again), as a `pause` does, so Valgrind ends the time slice early.
   The blocks, the addresses and the runs are the same on every run of the program, and so is
   every decision.
*/

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcassert.h"
#include "vb_features.h"
#include "vb_spin.h"

#define VB_SPIN_MAX_TEMPS 1024
#define VB_SPIN_WORDS     128            /* 8-byte words of guest state followed: 1 KiB  */

/* Guest-state words (8 bytes each) as a bit set. */
typedef struct { ULong w[VB_SPIN_WORDS / 64]; } vb_regs;

static vb_regs vb_tmp_regs[VB_SPIN_MAX_TEMPS];
static Bool    vb_tmp_loaded[VB_SPIN_MAX_TEMPS];   /* the temporary's value comes from memory */

static void vb_regs_clear(vb_regs* r)
{
   Int i;
   for (i = 0; i < VB_SPIN_WORDS / 64; i++) r->w[i] = 0;   /* two words: no call to VG_(memset) */
}

static void vb_regs_or(vb_regs* into, const vb_regs* from)
{
   Int i;
   for (i = 0; i < VB_SPIN_WORDS / 64; i++) into->w[i] |= from->w[i];
}

static Bool vb_regs_meet(const vb_regs* a, const vb_regs* b)
{
   Int i;
   for (i = 0; i < VB_SPIN_WORDS / 64; i++) if (a->w[i] & b->w[i]) return True;
   return False;
}

/* Marks the words of [offset, offset + size); False if they lie beyond what is followed. */
static Bool vb_regs_mark(vb_regs* r, Int offset, Int size)
{
   Int word;
   if (offset < 0 || offset + size > 8 * VB_SPIN_WORDS) return False;
   for (word = offset / 8; word <= (offset + size - 1) / 8; word++) {
      r->w[word / 64] |= 1ULL << (word % 64);
   }
   return True;
}

/* Adds to r the guest registers expression e's value comes from; False for what is not
   followed (an indexed read of the guest state, a temporary beyond the table). */
static Bool vb_expr_regs(IRExpr* e, vb_regs* r)
{
   Int i;
   switch (e->tag) {
      case Iex_Const:
         return True;
      case Iex_RdTmp:
         if (e->Iex.RdTmp.tmp >= VB_SPIN_MAX_TEMPS) return False;
         vb_regs_or(r, &vb_tmp_regs[e->Iex.RdTmp.tmp]);
         return True;
      case Iex_Get:
         return vb_regs_mark(r, e->Iex.Get.offset, sizeofIRType(e->Iex.Get.ty));
      case Iex_Load:
         return vb_expr_regs(e->Iex.Load.addr, r);
      case Iex_Unop:
         return vb_expr_regs(e->Iex.Unop.arg, r);
      case Iex_Binop:
         return vb_expr_regs(e->Iex.Binop.arg1, r) && vb_expr_regs(e->Iex.Binop.arg2, r);
      case Iex_Triop:
         return vb_expr_regs(e->Iex.Triop.details->arg1, r)
             && vb_expr_regs(e->Iex.Triop.details->arg2, r)
             && vb_expr_regs(e->Iex.Triop.details->arg3, r);
      case Iex_Qop:
         return vb_expr_regs(e->Iex.Qop.details->arg1, r)
             && vb_expr_regs(e->Iex.Qop.details->arg2, r)
             && vb_expr_regs(e->Iex.Qop.details->arg3, r)
             && vb_expr_regs(e->Iex.Qop.details->arg4, r);
      case Iex_ITE:
         return vb_expr_regs(e->Iex.ITE.cond, r) && vb_expr_regs(e->Iex.ITE.iftrue, r)
             && vb_expr_regs(e->Iex.ITE.iffalse, r);
      case Iex_CCall:
         for (i = 0; e->Iex.CCall.args[i] != NULL; i++) {
            if (!vb_expr_regs(e->Iex.CCall.args[i], r)) return False;
         }
         return True;
      default:
         return False; /* GetI and the rest: not followed */
   }
}

static Bool vb_integer(IRType ty)
{
   return ty == Ity_I1 || ty == Ity_I8 || ty == Ity_I16 || ty == Ity_I32 || ty == Ity_I64;
}

/* Whether expression e's value comes from memory loaded in this superblock. */
static Bool vb_expr_loaded(IRExpr* e)
{
   Int i;
   switch (e->tag) {
      case Iex_Load:  return True;
      case Iex_RdTmp: return e->Iex.RdTmp.tmp < VB_SPIN_MAX_TEMPS && vb_tmp_loaded[e->Iex.RdTmp.tmp];
      case Iex_Unop:  return vb_expr_loaded(e->Iex.Unop.arg);
      case Iex_Binop: return vb_expr_loaded(e->Iex.Binop.arg1) || vb_expr_loaded(e->Iex.Binop.arg2);
      case Iex_Triop: return vb_expr_loaded(e->Iex.Triop.details->arg1) || vb_expr_loaded(e->Iex.Triop.details->arg2)
                             || vb_expr_loaded(e->Iex.Triop.details->arg3);
      case Iex_ITE:   return vb_expr_loaded(e->Iex.ITE.cond) || vb_expr_loaded(e->Iex.ITE.iftrue)
                             || vb_expr_loaded(e->Iex.ITE.iffalse);
      case Iex_CCall:
         for (i = 0; e->Iex.CCall.args[i] != NULL; i++) if (vb_expr_loaded(e->Iex.CCall.args[i])) return True;
         return False;
      default:        return False;
   }
}

/* Runs of spin blocks whose inputs (registers read, addresses and values loaded before the block
   may leave) were those of that block's previous run, and the totals when the current run of
   client code began. */
static ULong vb_spin_repeats;
static ULong vb_run_blocks_at, vb_run_spins_at;
/* While a thread that spun through its last run runs again, the spin-block count at which its
   spin blocks yield as a `pause` would (cutting the time slice); otherwise never. */
static ULong vb_spin_yield_at = ~0ULL;
#define VB_SPIN_THREADS 8192     /* ThreadIds followed; a larger --max-threads leaves the rest unflagged */
static Bool  vb_spun[VB_SPIN_THREADS];
static ThreadId vb_run_tid;

#define VB_SPIN_MIN_RUN 1000  /* blocks: a shorter run says too little, unless it was cut short */
#define VB_SPIN_GRACE    300  /* spin blocks a spinning thread runs before it yields (as Valgrind lets a `pause`) */

/* Whether sbIn can be a turn of a spin-wait: it stores nothing, calls nothing, leaves only by
   ordinary jumps, loads only from addresses its own writes do not change, and decides where to
   go by what it loaded (a compute loop that merely polls for a safepoint, as a JIT's do, goes
   by its counter instead). */
static Bool vb_spin_block(IRSB* sbIn, Int offset_IP)
{
   Bool    decided_by_load = False;
   vb_regs written, addresses;
   Int     i;

   if (sbIn->tyenv->types_used > VB_SPIN_MAX_TEMPS || sbIn->jumpkind != Ijk_Boring) return False;
   vb_regs_clear(&written);
   vb_regs_clear(&addresses);
   for (i = 0; i < sbIn->stmts_used; i++) {
      IRStmt* st = sbIn->stmts[i];
      switch (st->tag) {
         case Ist_NoOp: case Ist_IMark: case Ist_AbiHint: case Ist_MBE:
            break;
         case Ist_WrTmp: {
            IRExpr*  e = st->Ist.WrTmp.data;
            vb_regs* r = &vb_tmp_regs[st->Ist.WrTmp.tmp];
            vb_regs_clear(r);
            if (!vb_expr_regs(e, r)) return False;
            vb_tmp_loaded[st->Ist.WrTmp.tmp] = vb_expr_loaded(e);
            if ((e->tag == Iex_Get || e->tag == Iex_Load) && !vb_integer(typeOfIRTemp(sbIn->tyenv, st->Ist.WrTmp.tmp))) {
               return False; /* vector and floating-point inputs are not fingerprinted */
            }
            if (e->tag == Iex_Load && !vb_expr_regs(e->Iex.Load.addr, &addresses)) return False;
            break;
         }
         case Ist_Put:
            if (st->Ist.Put.offset != offset_IP
                && !vb_regs_mark(&written, st->Ist.Put.offset,
                                 sizeofIRType(typeOfIRExpr(sbIn->tyenv, st->Ist.Put.data)))) {
               return False;
            }
            break;
         case Ist_Exit:
            if (st->Ist.Exit.jk != Ijk_Boring) return False;
            decided_by_load |= vb_expr_loaded(st->Ist.Exit.guard);
            break;
         default:
            return False; /* a store, a compare-and-swap, a helper call, an indexed put: work */
      }
   }
   decided_by_load |= vb_expr_loaded(sbIn->next);
   return decided_by_load && !vb_regs_meet(&addresses, &written);
}

/* The fingerprint of each spin block's inputs at its last run, in a slot chosen by a hash of the
   block's address: a block translated again (its code evicted, or a JIT's rewritten) finds its
   slot again, and two blocks sharing one only lose repeats (their fingerprints differ), so the
   table never fills up and never makes a spin of what is not one. */
#define VB_SPIN_SLOT_BITS 16
static ULong vb_last_inputs[1 << VB_SPIN_SLOT_BITS];

/* The spin block being translated: its slot, and the temporary holding the fingerprint of the
   inputs read so far (NULL slot: not a spin block, or already compared). */
static ULong* vb_slot;
static IRTemp vb_fingerprint;

void vb_spin_instrument(IRSB* sbOut, IRSB* sbIn, Int offset_IP)
{
   IRTemp now, limit, due;
   Addr   start = 0;
   Int    i;
   vb_slot = NULL;
   if (!vb_spin_block(sbIn, offset_IP)) return;
   for (i = 0; i < sbIn->stmts_used && start == 0; i++) {
      if (sbIn->stmts[i]->tag == Ist_IMark) start = (Addr)sbIn->stmts[i]->Ist.IMark.addr;
   }
   vb_slot = &vb_last_inputs[((ULong)start * 0x9E3779B97F4A7C15ULL) >> (64 - VB_SPIN_SLOT_BITS)];
   /* A thread still spinning: leave before the block's first instruction, as a `pause` would,
      and come back to it; Valgrind then ends the time slice within 300 superblocks. */
   now   = newIRTemp(sbOut->tyenv, Ity_I64);
   limit = newIRTemp(sbOut->tyenv, Ity_I64);
   due   = newIRTemp(sbOut->tyenv, Ity_I1);
   addStmtToIRSB(sbOut, IRStmt_WrTmp(now, IRExpr_Load(Iend_LE, Ity_I64, mkIRExpr_HWord((HWord)&vb_spin_repeats))));
   addStmtToIRSB(sbOut, IRStmt_WrTmp(limit, IRExpr_Load(Iend_LE, Ity_I64,
                                                         mkIRExpr_HWord((HWord)&vb_spin_yield_at))));
   addStmtToIRSB(sbOut, IRStmt_WrTmp(due, IRExpr_Binop(Iop_CmpLE64U, IRExpr_RdTmp(limit), IRExpr_RdTmp(now))));
   addStmtToIRSB(sbOut, IRStmt_Exit(IRExpr_RdTmp(due), Ijk_Yield, IRConst_U64(start), offset_IP));
   vb_fingerprint = newIRTemp(sbOut->tyenv, Ity_I64);
   addStmtToIRSB(sbOut, IRStmt_WrTmp(vb_fingerprint, IRExpr_Const(IRConst_U64(0))));
}

/* fingerprint = fingerprint * K + value, for an input value t of integer type ty. */
static void vb_fingerprint_add(IRSB* sb, IRTemp t, IRType ty)
{
   IROp   widen;
   IRTemp wide = newIRTemp(sb->tyenv, Ity_I64), mixed = newIRTemp(sb->tyenv, Ity_I64);
   IRTemp next = newIRTemp(sb->tyenv, Ity_I64);
   switch (ty) {
      case Ity_I1:  widen = Iop_1Uto64;  break;
      case Ity_I8:  widen = Iop_8Uto64;  break;
      case Ity_I16: widen = Iop_16Uto64; break;
      case Ity_I32: widen = Iop_32Uto64; break;
      case Ity_I64: widen = Iop_INVALID; break;
      default: tl_assert(0); /* vb_spin_block lets only integer inputs through */
   }
   addStmtToIRSB(sb, IRStmt_WrTmp(wide, widen == Iop_INVALID ? IRExpr_RdTmp(t) : IRExpr_Unop(widen, IRExpr_RdTmp(t))));
   addStmtToIRSB(sb, IRStmt_WrTmp(mixed, IRExpr_Binop(Iop_Mul64, IRExpr_RdTmp(vb_fingerprint),
                                                      IRExpr_Const(IRConst_U64(0x9E3779B97F4A7C15ULL)))));
   addStmtToIRSB(sb, IRStmt_WrTmp(next, IRExpr_Binop(Iop_Add64, IRExpr_RdTmp(mixed), IRExpr_RdTmp(wide))));
   vb_fingerprint = next;
}

/* repeats += (fingerprint == the block's last one); the block's last one = fingerprint. */
static void vb_fingerprint_compare(IRSB* sb)
{
   IRTemp last = newIRTemp(sb->tyenv, Ity_I64), eq = newIRTemp(sb->tyenv, Ity_I1);
   IRTemp same = newIRTemp(sb->tyenv, Ity_I64);
   addStmtToIRSB(sb, IRStmt_WrTmp(last, IRExpr_Load(Iend_LE, Ity_I64, mkIRExpr_HWord((HWord)vb_slot))));
   addStmtToIRSB(sb, IRStmt_WrTmp(eq, IRExpr_Binop(Iop_CmpEQ64, IRExpr_RdTmp(vb_fingerprint), IRExpr_RdTmp(last))));
   addStmtToIRSB(sb, IRStmt_WrTmp(same, IRExpr_Unop(Iop_1Uto64, IRExpr_RdTmp(eq))));
   vb_add_global(sb, &vb_spin_repeats, IRExpr_RdTmp(same));
   addStmtToIRSB(sb, IRStmt_Store(Iend_LE, mkIRExpr_HWord((HWord)vb_slot), IRExpr_RdTmp(vb_fingerprint)));
   vb_slot = NULL;
}

void vb_spin_before_stmt(IRSB* sbOut, IRStmt* st)
{
   if (vb_slot != NULL && st->tag == Ist_Exit) vb_fingerprint_compare(sbOut); /* before the block may leave */
}

void vb_spin_after_stmt(IRSB* sbOut, IRStmt* st)
{
   IRExpr* e;
   if (vb_slot == NULL || st->tag != Ist_WrTmp) return;
   e = st->Ist.WrTmp.data;
   if (e->tag == Iex_Get || e->tag == Iex_Load) { /* what the block reads: registers and memory */
      vb_fingerprint_add(sbOut, st->Ist.WrTmp.tmp, typeOfIRTemp(sbOut->tyenv, st->Ist.WrTmp.tmp));
   }
}

void vb_spin_sb_end(IRSB* sbOut)
{
   if (vb_slot != NULL) vb_fingerprint_compare(sbOut);
}

void vb_spin_thread_exited(ThreadId tid)
{
   if (tid < VB_SPIN_THREADS) vb_spun[tid] = False;
}

void vb_spin_run_start(ThreadId tid, ULong blocks_dispatched)
{
   vb_run_tid       = tid;
   vb_run_blocks_at = blocks_dispatched;
   vb_run_spins_at  = vb_spin_repeats;
   vb_spin_yield_at = tid < VB_SPIN_THREADS && vb_spun[tid] ? vb_spin_repeats + VB_SPIN_GRACE : ~0ULL;
}

Bool vb_spin_run_end(ULong blocks_dispatched)
{
   ULong run     = blocks_dispatched - vb_run_blocks_at;
   ULong spins   = vb_spin_repeats - vb_run_spins_at;
   Bool  flagged = vb_spin_yield_at != ~0ULL; /* it spun through its last run: this one may be cut short */
   Bool  spinning = (run >= VB_SPIN_MIN_RUN || flagged) && run > 0 && 10 * spins >= 9 * run;
   if (vb_run_tid < VB_SPIN_THREADS) vb_spun[vb_run_tid] = spinning;
   vb_spin_yield_at = ~0ULL;
   return spinning;
}
