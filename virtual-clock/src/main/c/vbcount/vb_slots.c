/*--------------------------------------------------------------------*/
/*--- vbcount: a static throughput estimate per superblock.        ---*/
/*---                                                  vb_slots.c ---*/
/*--------------------------------------------------------------------*/

/*
   Instructions alone say little about time: a loop of independent additions retires four
   instructions a cycle, a loop whose every step waits for the last multiply, division or
   load retires one every few cycles.  This file estimates, once per superblock when it is
   translated, the issue slots a fixed 4-wide out-of-order core spends on it:

       slots = max(instructions, 4 x recurrence)

   where the recurrence is the longest chain of dependent operations that leads from a guest
   register's value on entry to the value written back to the same register: the chain a loop
   carries from one run of the block to the next, which no amount of reordering can overlap.
   Chains that start afresh in each run (an address computed from a loop counter) overlap
   across runs and cost nothing beyond their instructions.  Latencies are fixed and the same
   on every host (below), like vbcount's simulated caches; memory beyond the first-level cache
   is priced by those, not here.

   The estimate is taken at every exit and at the end of the superblock, for the statements
   before it.  What is counted is its excess over the instructions, max(0, 4 x recurrence -
   instructions): zero in most superblocks (their chains are short), which then get no code at
   all; vb_features.c adds the change since the previous exit (which may be negative, so the sum
   up to the exit taken is that exit's excess), and the supervisor adds the instructions back.
*/

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"
#include "pub_tool_libcbase.h"
#include "vb_slots.h"
#include "vb_features.h"

#define VB_ISSUE_WIDTH  4
/* Latencies in cycles, close to current x86 cores (AMD Zen, Intel since Skylake). */
#define VB_LAT_SIMPLE   1   /* integer add, logic, shift, compare, move, select      */
#define VB_LAT_MUL      3   /* integer multiply; floating-point add, multiply, convert */
#define VB_LAT_FMA      5   /* fused multiply-add                                    */
#define VB_LAT_LONG    15   /* division, square root                                 */
#define VB_LAT_LOAD     4   /* load hitting the first-level cache                    */
#define VB_LAT_ATOMIC   8   /* compare-and-swap, load-linked/store-conditional        */

/* Chains are tracked from at most this many registers per superblock: a block reading more
   registers before writing them is rare, and the rest are simply not followed. */
#define VB_INPUTS   16
#define VB_UNTRACKED 0xFF
#define VB_MAX_TEMPS 4096
#define VB_MAX_STATE 4096   /* bytes of guest state followed (amd64's is well under) */

/* The longest path, in cycles, from each input register to a value, or -1 for none. */
typedef struct { Short from[VB_INPUTS]; } vb_path;

static UInt    vb_gen = 1;                     /* this superblock's stamp        */
static UInt    vb_tmp_gen[VB_MAX_TEMPS];
static vb_path vb_tmp_path[VB_MAX_TEMPS];
static UInt    vb_reg_gen[VB_MAX_STATE];       /* written in this superblock     */
static vb_path vb_reg_path[VB_MAX_STATE];
static UInt    vb_in_gen[VB_MAX_STATE];        /* read before written: an input  */
static UChar   vb_in_index[VB_MAX_STATE];
static UInt    vb_inputs;
static Int     vb_recurrence;                  /* longest carried chain so far   */
static ULong   vb_insns;                       /* instructions so far            */
static ULong   vb_counted;                     /* excess already handed out      */

static const vb_path vb_none = { { -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 } };

void vb_slots_sb_start(void)
{
   vb_gen++;
   vb_inputs = 0;
   vb_recurrence = 0;
   vb_insns = 0;
   vb_counted = 0;
}

static Int vb_op_latency(IROp op)
{
   if (vb_long_op(op)) return VB_LAT_LONG;
   switch (op) {
      case Iop_MAddF64: case Iop_MSubF64: case Iop_MAddF32: case Iop_MSubF32:
         return VB_LAT_FMA;
      case Iop_Mul8: case Iop_Mul16: case Iop_Mul32: case Iop_Mul64:
      case Iop_MullS8: case Iop_MullU8: case Iop_MullS16: case Iop_MullU16:
      case Iop_MullS32: case Iop_MullU32: case Iop_MullS64: case Iop_MullU64:
      case Iop_Mul16x8: case Iop_Mul32x4:
      case Iop_AddF64: case Iop_SubF64: case Iop_MulF64: case Iop_AddF32: case Iop_SubF32: case Iop_MulF32:
      case Iop_AddF64r32: case Iop_SubF64r32: case Iop_MulF64r32:
      case Iop_Add32F0x4: case Iop_Sub32F0x4: case Iop_Mul32F0x4:
      case Iop_Add64F0x2: case Iop_Sub64F0x2: case Iop_Mul64F0x2:
      case Iop_Add32Fx4: case Iop_Sub32Fx4: case Iop_Mul32Fx4:
      case Iop_Add64Fx2: case Iop_Sub64Fx2: case Iop_Mul64Fx2:
      case Iop_Add32Fx8: case Iop_Sub32Fx8: case Iop_Mul32Fx8:
      case Iop_Add64Fx4: case Iop_Sub64Fx4: case Iop_Mul64Fx4:
      case Iop_I32StoF64: case Iop_I64StoF64: case Iop_I64StoF32: case Iop_F64toI32S: case Iop_F64toI64S:
      case Iop_F32toF64: case Iop_F64toF32:
         return VB_LAT_MUL;
      default:
         return VB_LAT_SIMPLE;
   }
}

static const vb_path* vb_atom(IRExpr* e)
{
   if (e != NULL && e->tag == Iex_RdTmp) {
      IRTemp t = e->Iex.RdTmp.tmp;
      if (t < VB_MAX_TEMPS && vb_tmp_gen[t] == vb_gen) return &vb_tmp_path[t];
   }
   return &vb_none;   /* a constant, or a value the block did not compute: no chain */
}

/* out = the longest of the arguments' paths, plus the operation's latency. */
static void vb_combine(vb_path* out, IRExpr** args, Int nargs, Int latency)
{
   /* Only the inputs seen so far can start a path: the rest are -1 in every path, as in vb_none. */
   const Int inputs = (Int)vb_inputs;
   *out = vb_none;
   for (Int a = 0; a < nargs; a++) {
      const vb_path* p = vb_atom(args[a]);
      for (Int k = 0; k < inputs; k++) {
         if (p->from[k] > out->from[k]) out->from[k] = p->from[k];
      }
   }
   for (Int k = 0; k < inputs; k++) {
      if (out->from[k] >= 0) out->from[k] = (Short)(out->from[k] + latency > 0x7FFF ? 0x7FFF : out->from[k] + latency);
   }
}

/* The value a GET reads: what the block wrote there, or the register's value on entry. */
static void vb_get(vb_path* out, Int offset)
{
   *out = vb_none;
   if (offset < 0 || offset >= VB_MAX_STATE) return;
   if (vb_reg_gen[offset] == vb_gen) {
      *out = vb_reg_path[offset];
      return;
   }
   if (vb_in_gen[offset] != vb_gen) {
      vb_in_gen[offset] = vb_gen;
      vb_in_index[offset] = vb_inputs < VB_INPUTS ? (UChar)vb_inputs++ : VB_UNTRACKED;
   }
   if (vb_in_index[offset] != VB_UNTRACKED) out->from[vb_in_index[offset]] = 0;
}

/* A PUT closes a carried chain when the register was an input of this block. */
static void vb_put(Int offset, IRExpr* data)
{
   if (offset < 0 || offset >= VB_MAX_STATE) return;
   const vb_path* p = vb_atom(data);
   if (vb_in_gen[offset] == vb_gen && vb_in_index[offset] != VB_UNTRACKED) {
      Short carried = p->from[vb_in_index[offset]];
      if (carried > vb_recurrence) vb_recurrence = carried;
   }
   vb_reg_gen[offset] = vb_gen;
   vb_reg_path[offset] = *p;
}

static void vb_define(IRTemp t, const vb_path* p)
{
   if (t >= VB_MAX_TEMPS) return;
   vb_tmp_gen[t] = vb_gen;
   vb_tmp_path[t] = *p;
}

static void vb_expr(vb_path* out, IRExpr* e)
{
   switch (e->tag) {
      case Iex_Get:
         vb_get(out, e->Iex.Get.offset);
         return;
      case Iex_RdTmp:
         *out = *vb_atom(e);
         return;
      case Iex_Load:
         vb_combine(out, &e->Iex.Load.addr, 1, VB_LAT_LOAD);
         return;
      case Iex_Unop:
         vb_combine(out, &e->Iex.Unop.arg, 1, vb_op_latency(e->Iex.Unop.op));
         return;
      case Iex_Binop: {
         IRExpr* args[2] = { e->Iex.Binop.arg1, e->Iex.Binop.arg2 };
         vb_combine(out, args, 2, vb_op_latency(e->Iex.Binop.op));
         return;
      }
      case Iex_Triop: {
         IRTriop* d = e->Iex.Triop.details;
         IRExpr* args[3] = { d->arg1, d->arg2, d->arg3 };
         vb_combine(out, args, 3, vb_op_latency(d->op));
         return;
      }
      case Iex_Qop: {
         IRQop* d = e->Iex.Qop.details;
         IRExpr* args[4] = { d->arg1, d->arg2, d->arg3, d->arg4 };
         vb_combine(out, args, 4, vb_op_latency(d->op));
         return;
      }
      case Iex_ITE: {
         IRExpr* args[3] = { e->Iex.ITE.cond, e->Iex.ITE.iftrue, e->Iex.ITE.iffalse };
         vb_combine(out, args, 3, VB_LAT_SIMPLE);
         return;
      }
      case Iex_CCall: {   /* flag helpers: a compare's worth */
         Int n = 0;
         while (e->Iex.CCall.args[n] != NULL) n++;
         vb_combine(out, e->Iex.CCall.args, n, VB_LAT_SIMPLE);
         return;
      }
      default:            /* constants, GetI (x87 registers): not followed */
         *out = vb_none;
         return;
   }
}

void vb_slots_stmt(IRStmt* st)
{
   vb_path p;
   switch (st->tag) {
      case Ist_IMark:
         vb_insns++;
         break;
      case Ist_WrTmp:
         vb_expr(&p, st->Ist.WrTmp.data);
         vb_define(st->Ist.WrTmp.tmp, &p);
         break;
      case Ist_Put:
         vb_put(st->Ist.Put.offset, st->Ist.Put.data);
         break;
      case Ist_LoadG: {
         IRLoadG* d = st->Ist.LoadG.details;
         IRExpr* args[3] = { d->addr, d->alt, d->guard };
         vb_combine(&p, args, 3, VB_LAT_LOAD);
         vb_define(d->dst, &p);
         break;
      }
      case Ist_CAS: {
         IRCAS* d = st->Ist.CAS.details;
         IRExpr* args[3] = { d->addr, d->expdLo, d->dataLo };
         vb_combine(&p, args, 3, VB_LAT_ATOMIC);
         vb_define(d->oldLo, &p);
         if (d->oldHi != IRTemp_INVALID) vb_define(d->oldHi, &p);
         break;
      }
      case Ist_LLSC:
         vb_combine(&p, &st->Ist.LLSC.addr, 1, VB_LAT_ATOMIC);
         vb_define(st->Ist.LLSC.result, &p);
         break;
      case Ist_Dirty:
         if (st->Ist.Dirty.details->tmp != IRTemp_INVALID) vb_define(st->Ist.Dirty.details->tmp, &vb_none);
         break;
      default:
         break;
   }
}

ULong vb_slots_take(void)
{
   ULong carried = (ULong)VB_ISSUE_WIDTH * (ULong)vb_recurrence;
   ULong excess = carried > vb_insns ? carried - vb_insns : 0;
   ULong grown = excess - vb_counted;   /* may wrap: the sum up to any exit is that exit's excess */
   vb_counted = excess;
   return grown;
}
