/*--------------------------------------------------------------------*/
/*--- vbcount: Valgrind's own housekeeping, without supervisor     ---*/
/*--- stops.                                   vb_housekeeping.c ---*/
/*--------------------------------------------------------------------*/

/*
   Under vbench every process runs behind a seccomp filter that stops
   the calls the supervisor must answer (gettid, read, write,
   rt_sigtimedwait, ...).  Valgrind makes such calls for itself at every
   time slice (100k superblocks): four gettid, the big lock's pipe read
   and write, and a zero-timeout rt_sigtimedwait poll.  Each stop costs
   tens of microseconds, and a 1 s program has thousands of slices.

   None of these needs the supervisor while the process has one thread,
   so build.sh links the core so that they come here instead, and the
   calls that need no answer from the supervisor go through one private
   `syscall` instruction, vbcount_private_syscall_end - 2, which the
   supervisor's filter lets through (build.sh records its address):

   - VG_(gettid) (every caller, via ld --wrap): Valgrind keeps the tid
     it gets in os_state.lwpid and passes it to tkill, so it must stay
     the virtual tid the supervisor gives.  The first call of a thread
     asks the supervisor (a stop); the answer is cached in the thread's
     GS base, a per-thread register the host side of Valgrind never uses
     (the guest's GS lives in VEX's guest state), tagged with the real
     tid so that a copy inherited by a new thread or a forked child is
     recognised as stale.  exec clears the register.
   - The big lock's pipe read and write (sema.o, renamed by objcopy):
     they are the scheduler's preemption points, needed only while
     another guest thread, of this process or another, could run.  The
     supervisor writes whether one could into the counter block
     (`alone`) before it resumes the process; while none could, they go
     through the private instruction.
   - VG_(sigtimedwait_zero) (via ld --wrap): a zero-timeout poll of the
     signals already pending, which the supervisor passes to the kernel
     unchanged anyway.

   Without vbench the private instruction is an ordinary system call and
   all of this behaves exactly like the stock core.
*/

#include "pub_tool_basics.h"
#include "pub_tool_vki.h"
#include "pub_tool_vkiscnums.h"
#include "pub_tool_libcfile.h"
#include "pub_tool_libcsignal.h"
#include "vb_housekeeping.h"

/* Long vbcount_private_syscall(nr, a1, a2, a3, a4): the raw result, -errno on failure. */
__asm__(
   ".text\n"
   ".globl vbcount_private_syscall\n"
   ".type  vbcount_private_syscall, @function\n"
   "vbcount_private_syscall:\n"
   "   movq %rdi, %rax\n"
   "   movq %rsi, %rdi\n"
   "   movq %rdx, %rsi\n"
   "   movq %rcx, %rdx\n"
   "   movq %r8,  %r10\n"
   "   syscall\n"
   /* The address the kernel reports for the call (seccomp_data.instruction_pointer). */
   ".globl vbcount_private_syscall_end\n"
   "vbcount_private_syscall_end:\n"
   "   ret\n"
   ".size vbcount_private_syscall, .-vbcount_private_syscall\n"
);
extern Long vbcount_private_syscall(UWord nr, UWord a1, UWord a2, UWord a3, UWord a4);

/*------------------------------------------------------------*/
/*--- gettid, cached per thread                            ---*/
/*------------------------------------------------------------*/

/* GS base = TAG << 44 | real tid << 22 | virtual tid: below 2^47, so a
   valid user address, which ARCH_SET_GS requires.  Tids fit 22 bits
   (the kernel's PID_MAX_LIMIT is 2^22). */
#define VB_TID_BITS  22
#define VB_TID_MASK  ((1ULL << VB_TID_BITS) - 1)
#define VB_GS_TAG    0x5ULL

extern Int __real_vgPlain_gettid(void);
Int __wrap_vgPlain_gettid(void);

Int __wrap_vgPlain_gettid(void)
{
   ULong gs = 0;
   Long real = vbcount_private_syscall(__NR_gettid, 0, 0, 0, 0);
   if (vbcount_private_syscall(__NR_arch_prctl, VKI_ARCH_GET_GS, (UWord)&gs, 0, 0) == 0
       && (gs >> (2 * VB_TID_BITS)) == VB_GS_TAG
       && ((gs >> VB_TID_BITS) & VB_TID_MASK) == (ULong)real)
      return (Int)(gs & VB_TID_MASK);

   Int virtual_tid = __real_vgPlain_gettid();   /* answered by the supervisor */
   if (real > 0 && (ULong)real <= VB_TID_MASK && virtual_tid > 0 && (ULong)virtual_tid <= VB_TID_MASK)
      vbcount_private_syscall(__NR_arch_prctl, VKI_ARCH_SET_GS,
                              VB_GS_TAG << (2 * VB_TID_BITS) | (ULong)real << VB_TID_BITS
                              | (ULong)virtual_tid, 0, 0);
   return virtual_tid;
}

/*------------------------------------------------------------*/
/*--- The big lock's pipe                                  ---*/
/*------------------------------------------------------------*/

Int vb_lock_read(Int fd, void* buf, Int count);
Int vb_lock_write(Int fd, const void* buf, Int count);

/* VG_(read) and VG_(write)'s contract: the count, or -errno. */
Int vb_lock_read(Int fd, void* buf, Int count)
{
   if (vb_alone())
      return (Int)vbcount_private_syscall(__NR_read, fd, (UWord)buf, count, 0);
   return VG_(read)(fd, buf, count);
}

Int vb_lock_write(Int fd, const void* buf, Int count)
{
   if (vb_alone())
      return (Int)vbcount_private_syscall(__NR_write, fd, (UWord)buf, count, 0);
   return VG_(write)(fd, buf, count);
}

/*------------------------------------------------------------*/
/*--- The per-slice signal poll                            ---*/
/*------------------------------------------------------------*/

Int __wrap_vgPlain_sigtimedwait_zero(const vki_sigset_t* set, vki_siginfo_t* info);

Int __wrap_vgPlain_sigtimedwait_zero(const vki_sigset_t* set, vki_siginfo_t* info)
{
   static const struct vki_timespec zero = { 0, 0 };
   Long r = vbcount_private_syscall(__NR_rt_sigtimedwait, (UWord)set, (UWord)info,
                                    (UWord)&zero, sizeof(*set));
   return r < 0 ? -1 : (Int)r;   /* the stock function's contract */
}
