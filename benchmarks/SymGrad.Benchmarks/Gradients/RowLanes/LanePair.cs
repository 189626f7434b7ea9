using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SymGrad.Benchmarks.Gradients.Blocked;

namespace SymGrad.Benchmarks.Gradients.RowLanes
{
    /// <summary>
    /// Two <c>Vector256&lt;double&gt;</c> operated on in lockstep: eight rows of a softmax at once, as two groups of four.
    /// Each operation is written for both halves one after the other, so the JIT interleaves two independent dependency
    /// chains; a first-generation Zen core, whose floating-point scheduler is small, then keeps both FMA pipes busy
    /// through an exp's or a log's long chain (measured: a softmax of four rows at a time was about a third slower).
    /// </summary>
    internal readonly struct LanePair
    {
        public readonly Vector256<double> First;

        public readonly Vector256<double> Second;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public LanePair(Vector256<double> first, Vector256<double> second)
        {
            First = first;
            Second = second;
        }
    }

    /// <summary>
    /// <see cref="LanePair"/> as lanes of the blocked kernels' vector maths (<see cref="VectorExp"/>, <see cref="VectorLog"/>):
    /// every operation is <see cref="Lanes256"/>'s on each half, so the pair computes the same bits as two separate calls.
    /// </summary>
    internal readonly struct PairLanes : ILanes<LanePair>
    {
        public static int Count => 2 * Vector256<double>.Count;

        public static LanePair Zero => new(Vector256<double>.Zero, Vector256<double>.Zero);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Create(double value) => new(Vector256.Create(value), Vector256.Create(value));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Load(ref double source, nint offset) =>
            new(Lanes256.Load(ref source, offset), Lanes256.Load(ref source, offset + Vector256<double>.Count));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(LanePair value, ref double destination, nint offset)
        {
            Lanes256.Store(value.First, ref destination, offset);
            Lanes256.Store(value.Second, ref destination, offset + Vector256<double>.Count);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Add(LanePair left, LanePair right) => new(left.First + right.First, left.Second + right.Second);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Subtract(LanePair left, LanePair right) => new(left.First - right.First, left.Second - right.Second);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Multiply(LanePair left, LanePair right) => new(left.First * right.First, left.Second * right.Second);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Divide(LanePair left, LanePair right) => new(left.First / right.First, left.Second / right.Second);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair MultiplyAdd(LanePair left, LanePair right, LanePair addend) =>
            new(Lanes256.MultiplyAdd(left.First, right.First, addend.First), Lanes256.MultiplyAdd(left.Second, right.Second, addend.Second));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Max(LanePair left, LanePair right) => new(Lanes256.Max(left.First, right.First), Lanes256.Max(left.Second, right.Second));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Min(LanePair left, LanePair right) => new(Lanes256.Min(left.First, right.First), Lanes256.Min(left.Second, right.Second));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Abs(LanePair value) => new(Lanes256.Abs(value.First), Lanes256.Abs(value.Second));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair GreaterThanOrEqual(LanePair left, LanePair right) =>
            new(Lanes256.GreaterThanOrEqual(left.First, right.First), Lanes256.GreaterThanOrEqual(left.Second, right.Second));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Select(LanePair mask, LanePair ifSet, LanePair ifClear) =>
            new(Lanes256.Select(mask.First, ifSet.First, ifClear.First), Lanes256.Select(mask.Second, ifSet.Second, ifClear.Second));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Sum(LanePair value) => Lanes256.Sum(value.First) + Lanes256.Sum(value.Second);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double MaxAcross(LanePair value) => Lanes256.MaxAcross(Lanes256.Max(value.First, value.Second));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair ScaleByPowerOfTwo(LanePair value, LanePair exponent) =>
            new(Lanes256.ScaleByPowerOfTwo(value.First, exponent.First), Lanes256.ScaleByPowerOfTwo(value.Second, exponent.Second));

        /// <summary>An 8 x 8 block, element by element (the row-lanes kernel transposes its rows four at a time itself).</summary>
        public static void Transpose(ref double source, nint sourceStride, ref double destination, nint destinationStride) =>
            BlockTranspose.Scalar(ref source, sourceStride, ref destination, destinationStride, Count);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair PowerOfTwoFraction(LanePair shifted) =>
            new(Lanes256.PowerOfTwoFraction(shifted.First), Lanes256.PowerOfTwoFraction(shifted.Second));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Exponent(LanePair value) => new(Lanes256.Exponent(value.First), Lanes256.Exponent(value.Second));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static LanePair Significand(LanePair value) => new(Lanes256.Significand(value.First), Lanes256.Significand(value.Second));
    }
}
