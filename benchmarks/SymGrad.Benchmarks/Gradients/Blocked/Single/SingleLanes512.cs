using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// Sixteen floats per lane operation, in AVX-512 instructions: the kernels use this width only where
    /// <see cref="SingleTiling.Widest"/> says AVX-512F is there and Vector512 accelerated, so the shuffles, the table
    /// lookup and the scaling have no fallback of their own (<see cref="SingleLanes256"/> is the fallback).
    /// </summary>
    internal readonly struct SingleLanes512 : ISingleLanes<Vector512<float>>
    {
        public static int Count => Vector512<float>.Count;

        public static Vector512<float> Zero => Vector512<float>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Create(float value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Load(ref float source, nint offset) => Vector512.LoadUnsafe(ref Unsafe.Add(ref source, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector512<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => left - right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Divide(Vector512<float> left, Vector512<float> right) => left / right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> MultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) =>
            Vector512.FusedMultiplyAdd(left, right, addend);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Max(Vector512<float> left, Vector512<float> right) => Vector512.MaxNative(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Min(Vector512<float> left, Vector512<float> right) => Vector512.MinNative(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Abs(Vector512<float> value) => Vector512.Abs(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> GreaterThanOrEqual(Vector512<float> left, Vector512<float> right) => Vector512.GreaterThanOrEqual(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Select(Vector512<float> mask, Vector512<float> ifSet, Vector512<float> ifClear) =>
            Vector512.ConditionalSelect(mask, ifSet, ifClear);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(Vector512<float> value) => Vector512.Sum(value);

        /// <summary>VSCALEFPS: value * 2^floor(exponent), with IEEE overflow, underflow and subnormals.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> ScaleByPowerOfTwo(Vector512<float> value, Vector512<float> exponent) => Avx512F.Scale(value, exponent);

        /// <summary>VPERMPS reads the low 4 bits of each index: a 16-entry table lookup in one instruction.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> PowerOfTwoFraction(Vector512<float> shifted) =>
            Avx512F.PermuteVar16x32(Load(ref SinglePowerOfTwoFractions.Table[0], 0), shifted.AsInt32());

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Exponent(Vector512<float> value)
        {
            Vector512<int> biased = value.AsInt32() >>> SingleBits.MantissaBits;
            return (biased | Vector512.Create(SingleBits.TwoToThe23Bits)).AsSingle() - Vector512.Create(SingleBits.TwoToThe23PlusBias);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Significand(Vector512<float> value) =>
            ((value.AsInt32() & Vector512.Create(SingleBits.MantissaMask)) | Vector512.Create(SingleBits.OneBits)).AsSingle();

        /// <summary>
        /// 16 by 16 in four rounds of 16 two-source shuffles (64 in all): 32-bit elements of row pairs interleaved, then
        /// 64-bit pairs, after which block b of vector 4g + e holds column 4b + e of rows 4g..4g + 3; then the 4 by 4
        /// grid of 128-bit blocks of each e is transposed in two rounds of VSHUFF32X4.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Transpose(ref float source, nint sourceStride, ref float destination, nint destinationStride)
        {
            Quad(ref source, sourceStride, out Vector512<float> a0, out Vector512<float> a1, out Vector512<float> a2, out Vector512<float> a3);
            Quad(ref Unsafe.Add(ref source, 4 * sourceStride), sourceStride, out Vector512<float> b0, out Vector512<float> b1, out Vector512<float> b2, out Vector512<float> b3);
            Quad(ref Unsafe.Add(ref source, 8 * sourceStride), sourceStride, out Vector512<float> c0, out Vector512<float> c1, out Vector512<float> c2, out Vector512<float> c3);
            Quad(ref Unsafe.Add(ref source, 12 * sourceStride), sourceStride, out Vector512<float> d0, out Vector512<float> d1, out Vector512<float> d2, out Vector512<float> d3);
            Blocks(a0, b0, c0, d0, ref destination, destinationStride);
            Blocks(a1, b1, c1, d1, ref Unsafe.Add(ref destination, destinationStride), destinationStride);
            Blocks(a2, b2, c2, d2, ref Unsafe.Add(ref destination, 2 * destinationStride), destinationStride);
            Blocks(a3, b3, c3, d3, ref Unsafe.Add(ref destination, 3 * destinationStride), destinationStride);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> InterleaveSums(Vector512<float> left, Vector512<float> right) =>
            Avx512F.UnpackLow(left, right) + Avx512F.UnpackHigh(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> PairSums(Vector512<float> left, Vector512<float> right) =>
            Avx512F.UnpackLow(left.AsDouble(), right.AsDouble()).AsSingle() + Avx512F.UnpackHigh(left.AsDouble(), right.AsDouble()).AsSingle();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> BlockSums(Vector512<float> left, Vector512<float> right) =>
            Avx512F.Shuffle4x128(left, right, 0x88) + Avx512F.Shuffle4x128(left, right, 0xDD);

        /// <summary>
        /// The four rows from <paramref name="rows"/> regrouped: block b of <paramref name="e0"/> holds column 4b of the
        /// four rows, of <paramref name="e1"/> column 4b + 1, and so on.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Quad(ref float rows, nint stride, out Vector512<float> e0, out Vector512<float> e1, out Vector512<float> e2, out Vector512<float> e3)
        {
            Vector512<float> r0 = Load(ref rows, 0), r1 = Load(ref rows, stride), r2 = Load(ref rows, 2 * stride), r3 = Load(ref rows, 3 * stride);
            Vector512<double> low01 = Avx512F.UnpackLow(r0, r1).AsDouble(), high01 = Avx512F.UnpackHigh(r0, r1).AsDouble();
            Vector512<double> low23 = Avx512F.UnpackLow(r2, r3).AsDouble(), high23 = Avx512F.UnpackHigh(r2, r3).AsDouble();
            e0 = Avx512F.UnpackLow(low01, low23).AsSingle();
            e1 = Avx512F.UnpackHigh(low01, low23).AsSingle();
            e2 = Avx512F.UnpackLow(high01, high23).AsSingle();
            e3 = Avx512F.UnpackHigh(high01, high23).AsSingle();
        }

        /// <summary>
        /// Stores the 4 by 4 block transpose of the four groups' vectors: row 4b of <paramref name="destination"/> (rows
        /// <paramref name="stride"/> apart) gets block b of <paramref name="g0"/>, <paramref name="g1"/>, <paramref name="g2"/>, <paramref name="g3"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Blocks(Vector512<float> g0, Vector512<float> g1, Vector512<float> g2, Vector512<float> g3, ref float destination, nint stride)
        {
            Vector512<float> low01 = Avx512F.Shuffle4x128(g0, g1, 0x44);
            Vector512<float> high01 = Avx512F.Shuffle4x128(g0, g1, 0xEE);
            Vector512<float> low23 = Avx512F.Shuffle4x128(g2, g3, 0x44);
            Vector512<float> high23 = Avx512F.Shuffle4x128(g2, g3, 0xEE);
            Store(Avx512F.Shuffle4x128(low01, low23, 0x88), ref destination, 0);
            Store(Avx512F.Shuffle4x128(low01, low23, 0xDD), ref destination, 4 * stride);
            Store(Avx512F.Shuffle4x128(high01, high23, 0x88), ref destination, 8 * stride);
            Store(Avx512F.Shuffle4x128(high01, high23, 0xDD), ref destination, 12 * stride);
        }
    }
}
