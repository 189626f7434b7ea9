using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// Eight floats per lane operation: the kernels' width where AVX-512 is not there. Plain AVX2 (no AVX-512
    /// instruction), so a check at this width runs its every path on an AVX-512 machine too; without AVX the shuffles
    /// fall back to portable Vector256 code.
    /// </summary>
    internal readonly struct SingleLanes256 : ISingleLanes<Vector256<float>>
    {
        public static int Count => Vector256<float>.Count;

        public static Vector256<float> Zero => Vector256<float>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Create(float value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Load(ref float source, nint offset) => Vector256.LoadUnsafe(ref Unsafe.Add(ref source, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => left - right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Divide(Vector256<float> left, Vector256<float> right) => left / right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) =>
            Vector256.FusedMultiplyAdd(left, right, addend);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Max(Vector256<float> left, Vector256<float> right) => Vector256.MaxNative(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Min(Vector256<float> left, Vector256<float> right) => Vector256.MinNative(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Abs(Vector256<float> value) => Vector256.Abs(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> GreaterThanOrEqual(Vector256<float> left, Vector256<float> right) => Vector256.GreaterThanOrEqual(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Select(Vector256<float> mask, Vector256<float> ifSet, Vector256<float> ifClear) =>
            Vector256.ConditionalSelect(mask, ifSet, ifClear);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(Vector256<float> value) => Vector256.Sum(value);

        /// <summary>Two factors 2^half and 2^(k - half), k = floor(exponent): each a normal float for |k| &lt;= 160.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> ScaleByPowerOfTwo(Vector256<float> value, Vector256<float> exponent)
        {
            Vector256<int> whole = Vector256.ConvertToInt32(Vector256.Floor(exponent));
            Vector256<int> half = whole >> 1;
            Vector256<float> first = ((half + Vector256.Create(SingleBits.Bias)) << SingleBits.MantissaBits).AsSingle();
            Vector256<float> second = ((whole - half + Vector256.Create(SingleBits.Bias)) << SingleBits.MantissaBits).AsSingle();
            return value * first * second;
        }

        /// <summary>Two 8-entry VPERMPS lookups (they read the low 3 bits of each index) and a blend on bit 3.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> PowerOfTwoFraction(Vector256<float> shifted)
        {
            ref float table = ref SinglePowerOfTwoFractions.Table[0];
            Vector256<int> index = shifted.AsInt32();
            Vector256<float> upper = Vector256.Equals(index & Vector256.Create(8), Vector256.Create(8)).AsSingle();
            if (Avx2.IsSupported)
            {
                return Vector256.ConditionalSelect(upper, Avx2.PermuteVar8x32(Load(ref table, Count), index), Avx2.PermuteVar8x32(Load(ref table, 0), index));
            }

            Vector256<int> low = index & Vector256.Create(7);
            return Vector256.ConditionalSelect(upper, Vector256.Shuffle(Load(ref table, Count), low), Vector256.Shuffle(Load(ref table, 0), low));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Exponent(Vector256<float> value)
        {
            Vector256<int> biased = value.AsInt32() >>> SingleBits.MantissaBits;
            return (biased | Vector256.Create(SingleBits.TwoToThe23Bits)).AsSingle() - Vector256.Create(SingleBits.TwoToThe23PlusBias);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Significand(Vector256<float> value) =>
            ((value.AsInt32() & Vector256.Create(SingleBits.MantissaMask)) | Vector256.Create(SingleBits.OneBits)).AsSingle();

        /// <summary>8 by 8 in 24 shuffles: 32-bit elements of row pairs interleaved, then 64-bit pairs, then 128-bit halves.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Transpose(ref float source, nint sourceStride, ref float destination, nint destinationStride)
        {
            if (!Avx.IsSupported)
            {
                SingleBlockTranspose.Scalar(ref source, sourceStride, ref destination, destinationStride, Count);
                return;
            }

            Quad(ref source, sourceStride, out Vector256<float> a0, out Vector256<float> a1, out Vector256<float> a2, out Vector256<float> a3);
            Quad(ref Unsafe.Add(ref source, 4 * sourceStride), sourceStride, out Vector256<float> b0, out Vector256<float> b1, out Vector256<float> b2, out Vector256<float> b3);
            Store(Avx.Permute2x128(a0, b0, 0x20), ref destination, 0);
            Store(Avx.Permute2x128(a1, b1, 0x20), ref destination, destinationStride);
            Store(Avx.Permute2x128(a2, b2, 0x20), ref destination, 2 * destinationStride);
            Store(Avx.Permute2x128(a3, b3, 0x20), ref destination, 3 * destinationStride);
            Store(Avx.Permute2x128(a0, b0, 0x31), ref destination, 4 * destinationStride);
            Store(Avx.Permute2x128(a1, b1, 0x31), ref destination, 5 * destinationStride);
            Store(Avx.Permute2x128(a2, b2, 0x31), ref destination, 6 * destinationStride);
            Store(Avx.Permute2x128(a3, b3, 0x31), ref destination, 7 * destinationStride);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> InterleaveSums(Vector256<float> left, Vector256<float> right)
        {
            if (Avx.IsSupported)
            {
                return Avx.UnpackLow(left, right) + Avx.UnpackHigh(left, right);
            }

            return Vector256.Create(
                left[0] + left[2], right[0] + right[2], left[1] + left[3], right[1] + right[3],
                left[4] + left[6], right[4] + right[6], left[5] + left[7], right[5] + right[7]);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> PairSums(Vector256<float> left, Vector256<float> right)
        {
            if (Avx.IsSupported)
            {
                return Avx.UnpackLow(left.AsDouble(), right.AsDouble()).AsSingle() + Avx.UnpackHigh(left.AsDouble(), right.AsDouble()).AsSingle();
            }

            return Vector256.Create(
                left[0] + left[2], left[1] + left[3], right[0] + right[2], right[1] + right[3],
                left[4] + left[6], left[5] + left[7], right[4] + right[6], right[5] + right[7]);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> BlockSums(Vector256<float> left, Vector256<float> right)
        {
            if (Avx.IsSupported)
            {
                return Avx.Permute2x128(left, right, 0x20) + Avx.Permute2x128(left, right, 0x31);
            }

            return Vector256.Create(left.GetLower() + left.GetUpper(), right.GetLower() + right.GetUpper());
        }

        /// <summary>Block b of <paramref name="e0"/> holds column 4b of the four rows from <paramref name="rows"/>, of <paramref name="e1"/> column 4b + 1, and so on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Quad(ref float rows, nint stride, out Vector256<float> e0, out Vector256<float> e1, out Vector256<float> e2, out Vector256<float> e3)
        {
            Vector256<float> r0 = Load(ref rows, 0), r1 = Load(ref rows, stride), r2 = Load(ref rows, 2 * stride), r3 = Load(ref rows, 3 * stride);
            Vector256<double> low01 = Avx.UnpackLow(r0, r1).AsDouble(), high01 = Avx.UnpackHigh(r0, r1).AsDouble();
            Vector256<double> low23 = Avx.UnpackLow(r2, r3).AsDouble(), high23 = Avx.UnpackHigh(r2, r3).AsDouble();
            e0 = Avx.UnpackLow(low01, low23).AsSingle();
            e1 = Avx.UnpackHigh(low01, low23).AsSingle();
            e2 = Avx.UnpackLow(high01, high23).AsSingle();
            e3 = Avx.UnpackHigh(high01, high23).AsSingle();
        }
    }
}
