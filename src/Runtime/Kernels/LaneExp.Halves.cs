using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad
{
    /// <summary>
    /// The lane exps without AVX-512 but with AVX2 and FMA: <see cref="Exp(Vector512{double})"/>'s and
    /// <see cref="Exp(Vector512{float})"/>'s steps in 256-bit halves, each rounding where the AVX-512 form rounds, so
    /// both give the same bits on every machine with AVX2 and FMA.
    /// </summary>
    internal static partial class LaneExp
    {
        /// <summary>
        /// <see cref="Exp(Vector512{double})"/> without AVX-512 (AVX2 and FMA): the same steps and roundings in 256-bit
        /// halves (<see cref="ExpHalf(Vector256{double})"/>), so the same bits on every machine with AVX2 and FMA; without them,
        /// <c>Vector512.Exp</c>. On an AVX2 machine (4096 exps, one process) it took 31 ns per eight lanes against
        /// <c>Vector512.Exp</c>'s 34, which may round a lane differently from <c>Math.Exp</c> by two units and by how the
        /// JIT compiled its caller. A call, not inlined: inlined, its two halves' steps took enough of a large caller's
        /// inlining budget (a generated row-lane body) that the JIT called that caller's own vector operators instead of
        /// inlining them. Measured again on 2026-12-06 with the row-lane bodies in functions of their own (AVX-512 turned
        /// off on a Zen 5 machine, both builds in one process; docs/benchmark-log.md): inlined, this method, the
        /// <c>float</c> exp and the <c>double</c> log made the benchmark suite's gradients 2% to 9% faster, but the
        /// sample two-layer network's binary loss called 29 vector operators in its last rows' body and took 1.12x the
        /// time at m = 100; one half inlined and run twice in a loop left one such call (that loss still 1.04x) and lost
        /// most of the gain. The argument comes by reference: passed by value without AVX-512, the 64-byte vector is
        /// copied to the stack in 16-byte pieces that the callee reads as 32-byte ones, and each such read waits for its stores (a
        /// failed store forwarding); on an AVX2 machine the call by value took 2.2x the time of the call by reference
        /// (4096 exps, 20 us against 9).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static Vector512<double> ExpWithoutAvx512(in Vector512<double> x) =>
            Avx2.IsSupported && Fma.IsSupported ? Vector512.Create(ExpHalf(x.GetLower()), ExpHalf(x.GetUpper())) : Vector512.Exp(x);

        /// <summary>
        /// Four lanes of <see cref="ExpWithoutAvx512(in Vector512{double})"/>: <see cref="Exp(Vector512{double})"/>'s steps
        /// in 256-bit operations, the table's entry by four loads and <c>VSCALEFPD</c> by two exact powers of two.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> ExpHalf(Vector256<double> x)
        {
            // x on the right, so a NaN stays NaN (x86's min and max return their right operand then).
            x = Avx.Max(Vector256.Create(Lowest), Avx.Min(Vector256.Create(Highest), x));
            Vector256<double> shifter = Vector256.Create(Shifter);
            Vector256<double> shifted = Fma.MultiplyAdd(x, Vector256.Create(SixteenOverLn2), shifter);
            Vector256<double> steps = shifted - shifter;
            Vector256<double> r = Fma.MultiplyAdd(steps, Vector256.Create(-StepHigh), x);
            r = Fma.MultiplyAdd(steps, Vector256.Create(-StepLow), r);
            Vector256<long> bits = shifted.AsInt64();
            Vector256<double> fraction = PowerOfTwoFraction(bits);
            Vector256<double> r2 = r * r;
            Vector256<double> r4 = r2 * r2;
            Vector256<double> p23 = Fma.MultiplyAdd(Vector256.Create(1.0 / 6), r, Vector256.Create(1.0 / 2));
            Vector256<double> p45 = Fma.MultiplyAdd(Vector256.Create(1.0 / 120), r, Vector256.Create(1.0 / 24));
            Vector256<double> p67 = Fma.MultiplyAdd(Vector256.Create(1.0 / 5040), r, Vector256.Create(1.0 / 720));
            Vector256<double> tail = Fma.MultiplyAdd(p67, r4, Fma.MultiplyAdd(p45, r2, p23));
            Vector256<double> y = Fma.MultiplyAdd(fraction, Fma.MultiplyAdd(tail, r2, r), fraction);

            // VSCALEFPD's 2^k, k = floor(steps / 16), as two normal factors 2^k1 2^k2 (k1 = floor(k / 2)): y 2^k1 is exact,
            // the second product rounds once, overflowing or going subnormal as VSCALEFPD does. The shifted value's bits
            // are ShifterBits + steps, so bits >>> 4 is ShifterBits / 16 + k; K = k + 2046 > 0, and K >>> 1 = k1 + 1023 is
            // 2^k1's exponent field, K - (k1 + 1023) = k - k1 + 1023 2^k2's.
            Vector256<long> biased = Vector256.ShiftRightLogical(bits, 4) - Vector256.Create((ShifterBits >> 4) - 2046);
            Vector256<long> half = Vector256.ShiftRightLogical(biased, 1);
            Vector256<double> first = Vector256.ShiftLeft(half, 52).AsDouble();
            Vector256<double> second = Vector256.ShiftLeft(biased - half, 52).AsDouble();
            return y * first * second;
        }

        /// <summary>
        /// 2^(j / 16) for j the low four bits of each lane's <paramref name="bits"/>, four loads from
        /// <see cref="DoubleFractions"/>. On an AVX2 machine (4096 exps) the loads took 31 ns per eight lanes, a gather
        /// 32, and picking from four registers of four by <c>VPERMPS</c> and three blends 39 (the steps without a table 28).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> PowerOfTwoFraction(Vector256<long> bits)
        {
            ref double table = ref MemoryMarshal.GetReference(DoubleFractions);
            Vector256<long> j = bits & Vector256.Create(15L);
            return Vector256.Create(
                Unsafe.Add(ref table, (nint)j.GetElement(0)),
                Unsafe.Add(ref table, (nint)j.GetElement(1)),
                Unsafe.Add(ref table, (nint)j.GetElement(2)),
                Unsafe.Add(ref table, (nint)j.GetElement(3)));
        }

        /// <summary>
        /// <see cref="Exp(Vector512{float})"/> without AVX-512 (AVX2 and FMA): the same steps and roundings in 256-bit halves.
        /// The clamp keeps a NaN (its comparisons are false); the table's entry comes from its two halves by two permutes and a blend (a gather from a pinned array before: the generated float softmax (100, 10, 10) gradient took 10.65 µs with it, 10.07 with the permutes, in one process on an AVX2 machine);
        /// 2^k (k = floor(steps / 16), from the shifted integer's bits) is 2^k1 2^k2 with k1 = floor(k / 2), both normal,
        /// so the first product is exact and the second rounds once, overflowing or going subnormal as <c>VSCALEFPS</c>
        /// does. A call, not inlined: inlined, it is enough code that a large caller (a generated row-lane body) ran out
        /// of the JIT's inlining budget and called every vector operator of its own. The argument comes by reference
        /// (see <see cref="ExpWithoutAvx512(in Vector512{double})"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static Vector512<float> ExpWithoutAvx512(in Vector512<float> x) => Vector512.Create(ExpHalf(x.GetLower()), ExpHalf(x.GetUpper()));

        /// <summary>Eight lanes of <see cref="ExpWithoutAvx512(in Vector512{float})"/>, in 256-bit operations.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> ExpHalf(Vector256<float> x)
        {
            x = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(-104.0f)), Vector256.Create(-104.0f), x);
            x = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(89.0f)), Vector256.Create(89.0f), x);
            Vector256<float> shifter = Vector256.Create(12582912.0f);
            Vector256<float> shifted = Fma.MultiplyAdd(x, Vector256.Create(23.083120346069336f), shifter);
            Vector256<float> steps = shifted - shifter;
            Vector256<float> r = Fma.MultiplyAdd(steps, Vector256.Create(-0.0433197021484375f), x);
            r = Fma.MultiplyAdd(steps, Vector256.Create(-1.9966364561696537e-06f), r);

            // The shifted value's bits are 0x4B400000 + steps. The table's sixteen entries are SingleFractions' two halves:
            // each lane's entry from both by its low three bits (VPERMPS), then the one its fourth bit names (moved to the
            // sign bit).
            Vector256<int> bits = shifted.AsInt32();
            ref float table = ref MemoryMarshal.GetReference(SingleFractions);
            Vector256<float> fraction = Avx.BlendVariable(
                Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref table), bits),
                Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref table, 8), bits),
                Vector256.ShiftLeft(bits, 28).AsSingle());
            Vector256<float> r2 = r * r;
            Vector256<float> tail = Fma.MultiplyAdd(
                Fma.MultiplyAdd(Vector256.Create(1.0f / 24), r, Vector256.Create(1.0f / 6)), r2,
                Fma.MultiplyAdd(Vector256.Create(0.5f), r, Vector256.Create(1.0f)));
            Vector256<float> y = Fma.MultiplyAdd(fraction, tail * r, fraction);

            // K = k + 256 > 0; 2^k1 has the exponent field K1 - 1 with K1 = K / 2, 2^k2 the field K - K1 - 1.
            Vector256<int> biased = Vector256.ShiftRightLogical(bits, 4) - Vector256.Create(0x04B40000 - 256);
            Vector256<int> half = Vector256.ShiftRightLogical(biased, 1);
            Vector256<float> first = Vector256.ShiftLeft(half - Vector256.Create(1), 23).AsSingle();
            Vector256<float> second = Vector256.ShiftLeft(biased - half - Vector256.Create(1), 23).AsSingle();
            return y * first * second;
        }
    }
}
