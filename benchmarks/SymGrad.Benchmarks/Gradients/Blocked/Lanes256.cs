using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>
    /// Four doubles per lane operation: the kernels' width where Vector512 is not accelerated. Plain AVX2 (no AVX-512
    /// instruction), so the self-check runs this width's every path on an AVX-512 machine too.
    /// </summary>
    internal readonly struct Lanes256 : ILanes<Vector256<double>>
    {
        public static int Count => Vector256<double>.Count;

        public static Vector256<double> Zero => Vector256<double>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Create(double value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Load(ref double source, nint offset) => Vector256.LoadUnsafe(ref Unsafe.Add(ref source, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<double> value, ref double destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Add(Vector256<double> left, Vector256<double> right) => left + right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Subtract(Vector256<double> left, Vector256<double> right) => left - right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Multiply(Vector256<double> left, Vector256<double> right) => left * right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Divide(Vector256<double> left, Vector256<double> right) => left / right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> MultiplyAdd(Vector256<double> left, Vector256<double> right, Vector256<double> addend) =>
            Vector256.FusedMultiplyAdd(left, right, addend);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Max(Vector256<double> left, Vector256<double> right) => Vector256.MaxNative(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Min(Vector256<double> left, Vector256<double> right) => Vector256.MinNative(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Abs(Vector256<double> value) => Vector256.Abs(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> GreaterThanOrEqual(Vector256<double> left, Vector256<double> right) => Vector256.GreaterThanOrEqual(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Select(Vector256<double> mask, Vector256<double> ifSet, Vector256<double> ifClear) =>
            Vector256.ConditionalSelect(mask, ifSet, ifClear);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Sum(Vector256<double> value) => Vector256.Sum(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double MaxAcross(Vector256<double> value)
        {
            Vector128<double> half = Vector128.Max(value.GetLower(), value.GetUpper());
            return Math.Max(half.ToScalar(), half.GetElement(1));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> ScaleByPowerOfTwo(Vector256<double> value, Vector256<double> exponent)
        {
            // Two factors 2^half and 2^(exponent - half), each a normal number for |exponent| <= 2100.
            Vector256<long> whole = (Vector256.Floor(exponent) + Vector256.Create(PowerOfTwoBits.Shifter)).AsInt64() - Vector256.Create(PowerOfTwoBits.ShifterBits);
            Vector256<long> half = whole >> 1;
            Vector256<double> first = ((half + Vector256.Create(PowerOfTwoBits.Bias)) << PowerOfTwoBits.MantissaBits).AsDouble();
            Vector256<double> second = ((whole - half + Vector256.Create(PowerOfTwoBits.Bias)) << PowerOfTwoBits.MantissaBits).AsDouble();
            return value * first * second;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Transpose(ref double source, nint sourceStride, ref double destination, nint destinationStride)
        {
            if (!Avx.IsSupported)
            {
                BlockTranspose.Scalar(ref source, sourceStride, ref destination, destinationStride, Count);
                return;
            }

            // Pairs of rows interleaved, then 128-bit halves: 8 shuffles.
            Vector256<double> t0 = Avx.UnpackLow(Load(ref source, 0), Load(ref source, sourceStride));
            Vector256<double> t1 = Avx.UnpackHigh(Load(ref source, 0), Load(ref source, sourceStride));
            Vector256<double> t2 = Avx.UnpackLow(Load(ref source, 2 * sourceStride), Load(ref source, 3 * sourceStride));
            Vector256<double> t3 = Avx.UnpackHigh(Load(ref source, 2 * sourceStride), Load(ref source, 3 * sourceStride));
            Store(Vector256.Create(t0.GetLower(), t2.GetLower()), ref destination, 0);
            Store(Vector256.Create(t1.GetLower(), t3.GetLower()), ref destination, destinationStride);
            Store(Vector256.Create(t0.GetUpper(), t2.GetUpper()), ref destination, 2 * destinationStride);
            Store(Vector256.Create(t1.GetUpper(), t3.GetUpper()), ref destination, 3 * destinationStride);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> PowerOfTwoFraction(Vector256<double> shifted)
        {
            ref double table = ref PowerOfTwoFractions.Table[0];
            Vector256<long> index = shifted.AsInt64() & Vector256.Create(15L);
            return Vector256.Create(
                Unsafe.Add(ref table, (nint)index.GetElement(0)), Unsafe.Add(ref table, (nint)index.GetElement(1)),
                Unsafe.Add(ref table, (nint)index.GetElement(2)), Unsafe.Add(ref table, (nint)index.GetElement(3)));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Exponent(Vector256<double> value)
        {
            Vector256<ulong> biased = value.AsUInt64() >>> PowerOfTwoBits.MantissaBits;
            return (biased | Vector256.Create(PowerOfTwoBits.TwoToThe52Bits)).AsDouble() - Vector256.Create(PowerOfTwoBits.TwoToThe52PlusBias);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Significand(Vector256<double> value) =>
            ((value.AsUInt64() & Vector256.Create(PowerOfTwoBits.MantissaMask)) | Vector256.Create(PowerOfTwoBits.OneBits)).AsDouble();
    }
}
