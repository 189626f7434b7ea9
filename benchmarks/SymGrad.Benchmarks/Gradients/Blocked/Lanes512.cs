using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>Eight doubles per lane operation (AVX-512 when <see cref="Vector512.IsHardwareAccelerated"/>).</summary>
    internal readonly struct Lanes512 : ILanes<Vector512<double>>
    {
        public static int Count => Vector512<double>.Count;

        public static Vector512<double> Zero => Vector512<double>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Create(double value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Load(ref double source, nint offset) => Vector512.LoadUnsafe(ref Unsafe.Add(ref source, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector512<double> value, ref double destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Add(Vector512<double> left, Vector512<double> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Subtract(Vector512<double> left, Vector512<double> right) => left - right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Multiply(Vector512<double> left, Vector512<double> right) => left * right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Divide(Vector512<double> left, Vector512<double> right) => left / right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> MultiplyAdd(Vector512<double> left, Vector512<double> right, Vector512<double> addend) =>
            Vector512.FusedMultiplyAdd(left, right, addend);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Max(Vector512<double> left, Vector512<double> right) => Vector512.MaxNative(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Min(Vector512<double> left, Vector512<double> right) => Vector512.MinNative(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Abs(Vector512<double> value) => Vector512.Abs(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> GreaterThanOrEqual(Vector512<double> left, Vector512<double> right) => Vector512.GreaterThanOrEqual(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Select(Vector512<double> mask, Vector512<double> ifSet, Vector512<double> ifClear) =>
            Vector512.ConditionalSelect(mask, ifSet, ifClear);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Sum(Vector512<double> value) => Vector512.Sum(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double MaxAcross(Vector512<double> value)
        {
            Vector256<double> half = Vector256.Max(value.GetLower(), value.GetUpper());
            Vector128<double> quarter = Vector128.Max(half.GetLower(), half.GetUpper());
            return Math.Max(quarter.ToScalar(), quarter.GetElement(1));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> ScaleByPowerOfTwo(Vector512<double> value, Vector512<double> exponent)
        {
            if (Avx512F.IsSupported)
            {
                // VSCALEFPD: value * 2^floor(exponent), with IEEE overflow, underflow and subnormals.
                return Avx512F.Scale(value, exponent);
            }

            // Two factors 2^half and 2^(exponent - half), each a normal number for |exponent| <= 2100.
            Vector512<long> whole = (Vector512.Floor(exponent) + Vector512.Create(PowerOfTwoBits.Shifter)).AsInt64() - Vector512.Create(PowerOfTwoBits.ShifterBits);
            Vector512<long> half = whole >> 1;
            Vector512<double> first = ((half + Vector512.Create(PowerOfTwoBits.Bias)) << PowerOfTwoBits.MantissaBits).AsDouble();
            Vector512<double> second = ((whole - half + Vector512.Create(PowerOfTwoBits.Bias)) << PowerOfTwoBits.MantissaBits).AsDouble();
            return value * first * second;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Transpose(ref double source, nint sourceStride, ref double destination, nint destinationStride)
        {
            if (!Avx512F.IsSupported)
            {
                BlockTranspose.Scalar(ref source, sourceStride, ref destination, destinationStride, Count);
                return;
            }

            // Pairs of rows interleaved, then pairs of pairs (two-source permutes), then 256-bit halves: 24 shuffles.
            Vector512<double> t0 = Avx512F.UnpackLow(Load(ref source, 0), Load(ref source, sourceStride));
            Vector512<double> t1 = Avx512F.UnpackHigh(Load(ref source, 0), Load(ref source, sourceStride));
            Vector512<double> t2 = Avx512F.UnpackLow(Load(ref source, 2 * sourceStride), Load(ref source, 3 * sourceStride));
            Vector512<double> t3 = Avx512F.UnpackHigh(Load(ref source, 2 * sourceStride), Load(ref source, 3 * sourceStride));
            Vector512<double> t4 = Avx512F.UnpackLow(Load(ref source, 4 * sourceStride), Load(ref source, 5 * sourceStride));
            Vector512<double> t5 = Avx512F.UnpackHigh(Load(ref source, 4 * sourceStride), Load(ref source, 5 * sourceStride));
            Vector512<double> t6 = Avx512F.UnpackLow(Load(ref source, 6 * sourceStride), Load(ref source, 7 * sourceStride));
            Vector512<double> t7 = Avx512F.UnpackHigh(Load(ref source, 6 * sourceStride), Load(ref source, 7 * sourceStride));
            Vector512<long> evenPairs = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13);
            Vector512<long> oddPairs = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
            Vector512<double> u0 = Avx512F.PermuteVar8x64x2(t0, evenPairs, t2);
            Vector512<double> u1 = Avx512F.PermuteVar8x64x2(t1, evenPairs, t3);
            Vector512<double> u2 = Avx512F.PermuteVar8x64x2(t0, oddPairs, t2);
            Vector512<double> u3 = Avx512F.PermuteVar8x64x2(t1, oddPairs, t3);
            Vector512<double> u4 = Avx512F.PermuteVar8x64x2(t4, evenPairs, t6);
            Vector512<double> u5 = Avx512F.PermuteVar8x64x2(t5, evenPairs, t7);
            Vector512<double> u6 = Avx512F.PermuteVar8x64x2(t4, oddPairs, t6);
            Vector512<double> u7 = Avx512F.PermuteVar8x64x2(t5, oddPairs, t7);
            Store(Vector512.Create(u0.GetLower(), u4.GetLower()), ref destination, 0);
            Store(Vector512.Create(u1.GetLower(), u5.GetLower()), ref destination, destinationStride);
            Store(Vector512.Create(u2.GetLower(), u6.GetLower()), ref destination, 2 * destinationStride);
            Store(Vector512.Create(u3.GetLower(), u7.GetLower()), ref destination, 3 * destinationStride);
            Store(Vector512.Create(u0.GetUpper(), u4.GetUpper()), ref destination, 4 * destinationStride);
            Store(Vector512.Create(u1.GetUpper(), u5.GetUpper()), ref destination, 5 * destinationStride);
            Store(Vector512.Create(u2.GetUpper(), u6.GetUpper()), ref destination, 6 * destinationStride);
            Store(Vector512.Create(u3.GetUpper(), u7.GetUpper()), ref destination, 7 * destinationStride);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> PowerOfTwoFraction(Vector512<double> shifted)
        {
            ref double table = ref PowerOfTwoFractions.Table[0];
            if (Avx512F.IsSupported)
            {
                // VPERMT2PD reads the low 4 bits of each index: a 16-entry table lookup in one instruction.
                return Avx512F.PermuteVar8x64x2(Load(ref table, 0), shifted.AsInt64(), Load(ref table, Count));
            }

            Vector512<long> index = shifted.AsInt64() & Vector512.Create(15L);
            return Vector512.Create(
                Unsafe.Add(ref table, (nint)index.GetElement(0)), Unsafe.Add(ref table, (nint)index.GetElement(1)),
                Unsafe.Add(ref table, (nint)index.GetElement(2)), Unsafe.Add(ref table, (nint)index.GetElement(3)),
                Unsafe.Add(ref table, (nint)index.GetElement(4)), Unsafe.Add(ref table, (nint)index.GetElement(5)),
                Unsafe.Add(ref table, (nint)index.GetElement(6)), Unsafe.Add(ref table, (nint)index.GetElement(7)));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Exponent(Vector512<double> value)
        {
            Vector512<ulong> biased = value.AsUInt64() >>> PowerOfTwoBits.MantissaBits;
            return (biased | Vector512.Create(PowerOfTwoBits.TwoToThe52Bits)).AsDouble() - Vector512.Create(PowerOfTwoBits.TwoToThe52PlusBias);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Significand(Vector512<double> value) =>
            ((value.AsUInt64() & Vector512.Create(PowerOfTwoBits.MantissaMask)) | Vector512.Create(PowerOfTwoBits.OneBits)).AsDouble();
    }
}
