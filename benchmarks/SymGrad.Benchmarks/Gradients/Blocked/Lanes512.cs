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
        public static Vector512<double> Max(Vector512<double> left, Vector512<double> right) => Vector512.Max(left, right);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Min(Vector512<double> left, Vector512<double> right) => Vector512.Min(left, right);

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
            Vector512<long> whole = (exponent + Vector512.Create(PowerOfTwoBits.Shifter)).AsInt64() - Vector512.Create(PowerOfTwoBits.ShifterBits);
            Vector512<long> half = whole >> 1;
            Vector512<double> first = ((half + Vector512.Create(PowerOfTwoBits.Bias)) << PowerOfTwoBits.MantissaBits).AsDouble();
            Vector512<double> second = ((whole - half + Vector512.Create(PowerOfTwoBits.Bias)) << PowerOfTwoBits.MantissaBits).AsDouble();
            return value * first * second;
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
