using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// Row lanes' ints that differ between rows (docs/how-it-works.md, "Row lanes"): a class label per row
    /// (<c>y[i]</c>) is eight 64-bit lanes, lane l holding row i + l's value (sixteen 32-bit lanes in a <c>float</c>
    /// method, whose <c>int</c> arithmetic wraps as C#'s does). They pick elements of a private array's lanes (element e
    /// of row i + l is lane l of <c>lanes[e]</c>), add to them, and index <c>SymMath.LogSoftmax</c> per lane. Every
    /// lane's index is checked before anything is read or written, and a bad one throws the exception the row alone
    /// would throw there (with several bad rows, which is reported may differ: a statement runs for eight rows before the
    /// next). The log-softmax and log-sum-exp can also keep each element's share of the softmax for a generated reverse
    /// (<c>Vectorization/RowSoftmaxShares</c> in the generator). Each operation is written once over the lane type and the
    /// index type; the public overloads name the pairs generated code uses.
    /// </summary>
    public static partial class Lanes
    {
        /// <summary>Elements <paramref name="start"/> + l * <paramref name="stride"/> of an <c>int</c> array, l = 0 to 7, widened to 64-bit lanes.</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="stride">The distance between the elements of neighbouring lanes.</param>
        /// <returns>The eight values, lane 0's first.</returns>
        /// <exception cref="IndexOutOfRangeException">When a lane's element is outside the array.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<long> GatherInts(ReadOnlySpan<int> array, int start, int stride) => GatherIndices<long>(array, start, stride);

        /// <summary>The <c>float</c> <see cref="GatherInts(ReadOnlySpan{int}, int, int)"/>: elements <paramref name="start"/> + l * <paramref name="stride"/>, l = 0 to 15, sixteen 32-bit lanes (a <c>float</c> method's sixteen rows).</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="stride">The distance between the elements of neighbouring lanes.</param>
        /// <returns>The sixteen values, lane 0's first.</returns>
        /// <exception cref="IndexOutOfRangeException">When a lane's element is outside the array.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<int> GatherSingleInts(ReadOnlySpan<int> array, int start, int stride) => GatherIndices<int>(array, start, stride);

        /// <summary>
        /// Each lane's low 32 bits as a signed <c>int</c>, widened again: the result of <c>int</c> arithmetic done in 64
        /// bits, wrapped as unchecked C# wraps it. (A project compiled with overflow checks gets no
        /// <see cref="OverflowException"/> from an int computed in lanes.)
        /// </summary>
        /// <param name="values">Sums, differences or products of <c>int</c> values.</param>
        /// <returns>The values as <c>int</c> arithmetic gives them.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<long> WrapInts(Vector512<long> values) => Vector512.ShiftRightArithmetic(Vector512.ShiftLeft(values, 32), 32);

        /// <summary>Lane l of <c>lanes[index[l]]</c>: each row's element of a private array at its own index.</summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <param name="index">Each lane's element.</param>
        /// <returns>The picked values.</returns>
        /// <exception cref="IndexOutOfRangeException">When a lane's index is outside the array.</exception>
        public static Vector512<double> Pick(ReadOnlySpan<Vector512<double>> lanes, Vector512<long> index) => PickChecked(lanes, index);

        /// <summary>The <c>float</c> <see cref="Pick(ReadOnlySpan{Vector512{double}}, Vector512{long})"/>: sixteen lanes.</summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <param name="index">Each lane's element.</param>
        /// <returns>The picked values.</returns>
        /// <exception cref="IndexOutOfRangeException">When a lane's index is outside the array.</exception>
        public static Vector512<float> Pick(ReadOnlySpan<Vector512<float>> lanes, Vector512<int> index) => PickChecked(lanes, index);

        /// <summary>Adds lane l of <paramref name="value"/> to lane l of <c>lanes[index[l]]</c>: <c>array[index] += value</c> row by row.</summary>
        /// <param name="lanes">The private array's lanes.</param>
        /// <param name="index">Each lane's element.</param>
        /// <param name="value">Each lane's addend.</param>
        /// <exception cref="IndexOutOfRangeException">When a lane's index is outside the array (then nothing is added).</exception>
        public static void AddAt(Span<Vector512<double>> lanes, Vector512<long> index, Vector512<double> value) => AddAtChecked(lanes, index, value);

        /// <summary>The <c>float</c> <see cref="AddAt(Span{Vector512{double}}, Vector512{long}, Vector512{double})"/>: sixteen lanes.</summary>
        /// <param name="lanes">The private array's lanes.</param>
        /// <param name="index">Each lane's element.</param>
        /// <param name="value">Each lane's addend.</param>
        /// <exception cref="IndexOutOfRangeException">When a lane's index is outside the array (then nothing is added).</exception>
        public static void AddAt(Span<Vector512<float>> lanes, Vector512<int> index, Vector512<float> value) => AddAtChecked(lanes, index, value);

        /// <summary>
        /// <see cref="SymMath.LogSumExp(ReadOnlySpan{double})"/> of each lane's row: the largest value, each value's exp
        /// shifted by it summed in element order, then its log (the lane exp and log, <see cref="Exp(Vector512{double})"/>
        /// and <see cref="Log(Vector512{double})"/>, which may differ from Math's in the last bits); a lane whose largest
        /// value is infinite gives that value.
        /// </summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <returns>Each row's log-sum-exp.</returns>
        /// <exception cref="ArgumentException">When the array is empty.</exception>
        public static Vector512<double> LogSumExp(ReadOnlySpan<Vector512<double>> lanes) => LogSumExpOf(lanes);

        /// <summary>The <c>float</c> <see cref="LogSumExp(ReadOnlySpan{Vector512{double}})"/>: <see cref="SymMath.LogSumExp(ReadOnlySpan{float})"/> of each of sixteen rows.</summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <returns>Each row's log-sum-exp.</returns>
        /// <exception cref="ArgumentException">When the array is empty.</exception>
        public static Vector512<float> LogSumExp(ReadOnlySpan<Vector512<float>> lanes) => LogSumExpOf(lanes);

        /// <summary><see cref="SymMath.LogSoftmax(ReadOnlySpan{double}, int)"/> of each lane's row at its own index: the picked value minus <see cref="LogSumExp(ReadOnlySpan{Vector512{double}})"/>.</summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <param name="index">Each lane's index.</param>
        /// <returns>Each row's log-softmax at its index.</returns>
        /// <exception cref="ArgumentOutOfRangeException">When a lane's index is outside the array, as SymMath.LogSoftmax throws.</exception>
        public static Vector512<double> LogSoftmax(ReadOnlySpan<Vector512<double>> lanes, Vector512<long> index) => LogSoftmaxOf(lanes, index);

        /// <summary>The <c>float</c> <see cref="LogSoftmax(ReadOnlySpan{Vector512{double}}, Vector512{long})"/>: each of sixteen rows' log-softmax at its index.</summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <param name="index">Each lane's index.</param>
        /// <returns>Each row's log-softmax at its index.</returns>
        /// <exception cref="ArgumentOutOfRangeException">When a lane's index is outside the array, as SymMath.LogSoftmax throws.</exception>
        public static Vector512<float> LogSoftmax(ReadOnlySpan<Vector512<float>> lanes, Vector512<int> index) => LogSoftmaxOf(lanes, index);

        /// <summary>
        /// Up to this many elements, <see cref="PickChecked{T, TIndex}"/> and <see cref="AddAtChecked{T, TIndex}"/> compare
        /// every element's number with the lanes' indices (one compare and one select an element); longer arrays take each
        /// lane's element on its own (eight or sixteen scalar reads), which costs the same at any length.
        /// </summary>
        private const int ComparedElements = 16;

        /// <summary>
        /// <see cref="LogSumExp(ReadOnlySpan{Vector512{double}})"/> (the same bits), also writing each element's softmax share
        /// <c>exp(z_j - logSumExp)</c> into <paramref name="shares"/>: the exps the sum already took, <c>exp(z_j - max)</c>,
        /// times the sum's reciprocal (within a few ulps of the exp taken again, which a gradient's reverse would do). A lane
        /// whose largest value is infinite gets that exp taken again (0 or NaN), as the reverse would take it.
        /// </summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <param name="shares">At least as many vectors as <paramref name="lanes"/>: element j's share in vector j.</param>
        /// <returns>Each row's log-sum-exp.</returns>
        /// <exception cref="ArgumentException">When the array is empty, or <paramref name="shares"/> is shorter than it or overlaps it.</exception>
        public static Vector512<double> LogSumExp(ReadOnlySpan<Vector512<double>> lanes, Span<Vector512<double>> shares) => LogSumExpOf(lanes, shares);

        /// <summary>The <c>float</c> <see cref="LogSumExp(ReadOnlySpan{Vector512{double}}, Span{Vector512{double}})"/>: sixteen rows.</summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <param name="shares">At least as many vectors as <paramref name="lanes"/>: element j's share in vector j.</param>
        /// <returns>Each row's log-sum-exp.</returns>
        /// <exception cref="ArgumentException">When the array is empty, or <paramref name="shares"/> is shorter than it or overlaps it.</exception>
        public static Vector512<float> LogSumExp(ReadOnlySpan<Vector512<float>> lanes, Span<Vector512<float>> shares) => LogSumExpOf(lanes, shares);

        /// <summary>
        /// <see cref="LogSoftmax(ReadOnlySpan{Vector512{double}}, Vector512{long})"/> (the same bits), also writing each
        /// element's softmax share <c>exp(z_j - logSumExp)</c> into <paramref name="shares"/> as
        /// <see cref="LogSumExp(ReadOnlySpan{Vector512{double}}, Span{Vector512{double}})"/> does: a generated reverse reads
        /// them instead of taking every exp again.
        /// </summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <param name="index">Each lane's index.</param>
        /// <param name="shares">At least as many vectors as <paramref name="lanes"/>: element j's share in vector j.</param>
        /// <returns>Each row's log-softmax at its index.</returns>
        /// <exception cref="ArgumentOutOfRangeException">When a lane's index is outside the array, as SymMath.LogSoftmax throws.</exception>
        /// <exception cref="ArgumentException">When <paramref name="shares"/> is shorter than the array or overlaps it.</exception>
        public static Vector512<double> LogSoftmax(ReadOnlySpan<Vector512<double>> lanes, Vector512<long> index, Span<Vector512<double>> shares) => LogSoftmaxOf(lanes, index, shares);

        /// <summary>The <c>float</c> <see cref="LogSoftmax(ReadOnlySpan{Vector512{double}}, Vector512{long}, Span{Vector512{double}})"/>: sixteen rows.</summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <param name="index">Each lane's index.</param>
        /// <param name="shares">At least as many vectors as <paramref name="lanes"/>: element j's share in vector j.</param>
        /// <returns>Each row's log-softmax at its index.</returns>
        /// <exception cref="ArgumentOutOfRangeException">When a lane's index is outside the array, as SymMath.LogSoftmax throws.</exception>
        /// <exception cref="ArgumentException">When <paramref name="shares"/> is shorter than the array or overlaps it.</exception>
        public static Vector512<float> LogSoftmax(ReadOnlySpan<Vector512<float>> lanes, Vector512<int> index, Span<Vector512<float>> shares) => LogSoftmaxOf(lanes, index, shares);

        /// <summary>Elements start + l * stride of an <c>int</c> array, one per lane of <typeparamref name="TIndex"/> (64-bit: eight, 32-bit: sixteen), built in registers.</summary>
        private static Vector512<TIndex> GatherIndices<TIndex>(ReadOnlySpan<int> array, int start, int stride)
            where TIndex : unmanaged, IBinaryInteger<TIndex>
        {
            CheckRun(start, stride, Vector512<TIndex>.Count, array.Length);
            ref int first = ref Unsafe.Add(ref MemoryMarshal.GetReference(array), (nint)start);
            return typeof(TIndex) == typeof(long) ? WidenedInts(ref first, 7, stride).As<long, TIndex>() : Ints(ref first, 15, stride).As<int, TIndex>();
        }

        /// <summary>Lane l of <c>lanes[index[l]]</c>: by compares and selects up to <see cref="ComparedElements"/> elements, else built in registers as <see cref="GatherIndices{TIndex}"/>.</summary>
        private static Vector512<T> PickChecked<T, TIndex>(ReadOnlySpan<Vector512<T>> lanes, Vector512<TIndex> index)
            where T : unmanaged
            where TIndex : unmanaged, IBinaryInteger<TIndex>
        {
            CheckIndices(index, lanes.Length);
            if (lanes.Length <= ComparedElements)
            {
                // Each element's lanes where the index names it: vector compares and selects, no lane taken out one at a time.
                Vector512<T> picked = Vector512<T>.Zero;
                Vector512<TIndex> element = Vector512<TIndex>.Zero;
                foreach (Vector512<T> lane in lanes)
                {
                    picked = Vector512.ConditionalSelect(Vector512.Equals(index, element).As<TIndex, T>(), lane, picked);
                    element += Vector512<TIndex>.One;
                }

                return picked;
            }

            ref T from = ref Unsafe.As<Vector512<T>, T>(ref MemoryMarshal.GetReference(lanes));
            if (typeof(T) == typeof(double))
            {
                ref double value = ref Unsafe.As<T, double>(ref from);
                return Vector512.Create(
                    Unsafe.Add(ref value, Element(index, 0, 8)),
                    Unsafe.Add(ref value, Element(index, 1, 8)),
                    Unsafe.Add(ref value, Element(index, 2, 8)),
                    Unsafe.Add(ref value, Element(index, 3, 8)),
                    Unsafe.Add(ref value, Element(index, 4, 8)),
                    Unsafe.Add(ref value, Element(index, 5, 8)),
                    Unsafe.Add(ref value, Element(index, 6, 8)),
                    Unsafe.Add(ref value, Element(index, 7, 8))).As<double, T>();
            }

            ref float single = ref Unsafe.As<T, float>(ref from);
            return Vector512.Create(
                Vector256.Create(
                    Unsafe.Add(ref single, Element(index, 0, 16)),
                    Unsafe.Add(ref single, Element(index, 1, 16)),
                    Unsafe.Add(ref single, Element(index, 2, 16)),
                    Unsafe.Add(ref single, Element(index, 3, 16)),
                    Unsafe.Add(ref single, Element(index, 4, 16)),
                    Unsafe.Add(ref single, Element(index, 5, 16)),
                    Unsafe.Add(ref single, Element(index, 6, 16)),
                    Unsafe.Add(ref single, Element(index, 7, 16))),
                Vector256.Create(
                    Unsafe.Add(ref single, Element(index, 8, 16)),
                    Unsafe.Add(ref single, Element(index, 9, 16)),
                    Unsafe.Add(ref single, Element(index, 10, 16)),
                    Unsafe.Add(ref single, Element(index, 11, 16)),
                    Unsafe.Add(ref single, Element(index, 12, 16)),
                    Unsafe.Add(ref single, Element(index, 13, 16)),
                    Unsafe.Add(ref single, Element(index, 14, 16)),
                    Unsafe.Add(ref single, Element(index, 15, 16)))).As<float, T>();
        }

        private static void AddAtChecked<T, TIndex>(Span<Vector512<T>> lanes, Vector512<TIndex> index, Vector512<T> value)
            where T : unmanaged, IFloatingPointIeee754<T>
            where TIndex : unmanaged, IBinaryInteger<TIndex>
        {
            CheckIndices(index, lanes.Length);
            if (lanes.Length <= ComparedElements)
            {
                // Each element's lanes where the index names it get the sum; the others keep their bits (-0.0 too). Whole
                // vectors are stored, so the next vector read of an element does not wait on lane-sized stores.
                Vector512<TIndex> element = Vector512<TIndex>.Zero;
                foreach (ref Vector512<T> lane in lanes)
                {
                    lane = Vector512.ConditionalSelect(Vector512.Equals(index, element).As<TIndex, T>(), lane + value, lane);
                    element += Vector512<TIndex>.One;
                }

                return;
            }

            ref T into = ref Unsafe.As<Vector512<T>, T>(ref MemoryMarshal.GetReference(lanes));
            for (int l = 0; l < Vector512<T>.Count; l++)
            {
                Unsafe.Add(ref into, Element(index, l, Vector512<T>.Count)) += value.GetElement(l);
            }
        }

        private static Vector512<T> LogSumExpOf<T>(ReadOnlySpan<Vector512<T>> lanes)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            Vector512<T> max = LargestOf(lanes);
            Vector512<T> sum = Vector512<T>.Zero;
            foreach (Vector512<T> value in lanes)
            {
                sum += Exp(value - max);
            }

            return LogSumExpFrom(max, sum, out _);
        }

        /// <summary>
        /// <see cref="LogSumExpOf{T}(ReadOnlySpan{Vector512{T}})"/>'s steps in its order (the same functions, so the same
        /// bits), each shifted exp kept in <paramref name="shares"/> and then scaled by the sum's reciprocal.
        /// </summary>
        private static Vector512<T> LogSumExpOf<T>(ReadOnlySpan<Vector512<T>> lanes, Span<Vector512<T>> shares)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (shares.Length < lanes.Length)
            {
                throw new ArgumentException("The shares need one vector per element (" + lanes.Length + "), not " + shares.Length + ".", nameof(shares));
            }

            if (lanes.Overlaps(shares))
            {
                throw new ArgumentException("The shares must not share memory with the array's lanes.", nameof(shares));
            }

            Vector512<T> max = LargestOf(lanes);
            Vector512<T> sum = Vector512<T>.Zero;
            for (int j = 0; j < lanes.Length; j++)
            {
                Vector512<T> share = Exp(lanes[j] - max);
                shares[j] = share;
                sum += share;
            }

            Vector512<T> logSumExp = LogSumExpFrom(max, sum, out Vector512<T> infinite);
            Vector512<T> reciprocal = Vector512<T>.One / sum;
            if (Vector512.ExtractMostSignificantBits(infinite) != 0)
            {
                // A lane whose largest value is infinite takes its shares as the reverse would take them, exp(z - logSumExp)
                // (0 or NaN); the other lanes keep theirs, so a row's shares do not depend on the rows beside it (with
                // AVX-512, or AVX2 and FMA: without them the lane exp, Vector512.Exp, may round a vector's lanes differently
                // when one is infinite).
                for (int j = 0; j < lanes.Length; j++)
                {
                    shares[j] = Vector512.ConditionalSelect(infinite, Exp(lanes[j] - logSumExp), shares[j] * reciprocal);
                }

                return logSumExp;
            }

            for (int j = 0; j < lanes.Length; j++)
            {
                shares[j] *= reciprocal;
            }

            return logSumExp;
        }

        /// <summary>Each lane's largest value (the log-sum-exp's shift); an empty array throws as SymMath.LogSumExp does.</summary>
        private static Vector512<T> LargestOf<T>(ReadOnlySpan<Vector512<T>> lanes)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (lanes.IsEmpty)
            {
                throw new ArgumentException("LogSumExp needs at least one value.", nameof(lanes));
            }

            Vector512<T> max = Vector512.Create(T.NegativeInfinity);
            foreach (Vector512<T> value in lanes)
            {
                max = Vector512.Max(max, value);
            }

            return max;
        }

        /// <summary>max + log(sum), or max itself in the lanes where it is infinite (<paramref name="infinite"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> LogSumExpFrom<T>(Vector512<T> max, Vector512<T> sum, out Vector512<T> infinite)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            infinite = Vector512.Equals(Vector512.Abs(max), Vector512.Create(T.PositiveInfinity));
            return Vector512.ConditionalSelect(infinite, max, max + Log(sum));
        }

        private static Vector512<T> LogSoftmaxOf<T, TIndex>(ReadOnlySpan<Vector512<T>> lanes, Vector512<TIndex> index, Span<Vector512<T>> shares)
            where T : unmanaged, IFloatingPointIeee754<T>
            where TIndex : unmanaged, IBinaryInteger<TIndex>
        {
            CheckLogSoftmaxIndex(index, lanes.Length);
            return PickChecked(lanes, index) - LogSumExpOf(lanes, shares);
        }

        private static Vector512<T> LogSoftmaxOf<T, TIndex>(ReadOnlySpan<Vector512<T>> lanes, Vector512<TIndex> index)
            where T : unmanaged, IFloatingPointIeee754<T>
            where TIndex : unmanaged, IBinaryInteger<TIndex>
        {
            CheckLogSoftmaxIndex(index, lanes.Length);
            return PickChecked(lanes, index) - LogSumExpOf(lanes);
        }

        /// <summary>Throws what SymMath.LogSoftmax throws when a lane's index is outside the array.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void CheckLogSoftmaxIndex<TIndex>(Vector512<TIndex> index, int length)
            where TIndex : unmanaged, IBinaryInteger<TIndex>
        {
            if (AnyOutside(index, length))
            {
                ThrowLogSoftmaxIndex(index, length);
            }
        }

        /// <summary>The position of lane <paramref name="lane"/>'s element in the lanes laid out as one array.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static nint Element<TIndex>(Vector512<TIndex> index, int lane, int count)
            where TIndex : unmanaged, IBinaryInteger<TIndex> =>
            (nint.CreateTruncating(index.GetElement(lane)) * count) + lane;

        /// <summary>Throws when a lane's index is outside an array of <paramref name="length"/>: one vector comparison, the message built only then.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void CheckIndices<TIndex>(Vector512<TIndex> index, int length)
            where TIndex : unmanaged, IBinaryInteger<TIndex>
        {
            if (AnyOutside(index, length))
            {
                ThrowIndexOutside(index, length);
            }
        }

        /// <summary>Whether a lane's index is negative or at least <paramref name="length"/> (compared unsigned, so a negative index is a large one).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool AnyOutside<TIndex>(Vector512<TIndex> index, int length)
            where TIndex : unmanaged, IBinaryInteger<TIndex> =>
            typeof(TIndex) == typeof(long)
                ? Vector512.GreaterThanOrEqualAny(index.AsUInt64(), Vector512.Create((ulong)(uint)length))
                : Vector512.GreaterThanOrEqualAny(index.AsUInt32(), Vector512.Create((uint)length));

        /// <summary>The first lane outside the array, for the message of the exception a bad index throws.</summary>
        private static int FirstOutside<TIndex>(Vector512<TIndex> index, int length, out long at)
            where TIndex : unmanaged, IBinaryInteger<TIndex>
        {
            for (int l = 0; l < Vector512<TIndex>.Count; l++)
            {
                at = long.CreateTruncating(index.GetElement(l));
                if ((ulong)at >= (ulong)length)
                {
                    return l;
                }
            }

            at = 0;
            return -1;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private static void ThrowIndexOutside<TIndex>(Vector512<TIndex> index, int length)
            where TIndex : unmanaged, IBinaryInteger<TIndex>
        {
            int lane = FirstOutside(index, length, out long at);
            throw new IndexOutOfRangeException($"Row {lane} of the group's index ({at}) is outside an array of {length}.");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private static void ThrowLogSoftmaxIndex<TIndex>(Vector512<TIndex> index, int length)
            where TIndex : unmanaged, IBinaryInteger<TIndex>
        {
            FirstOutside(index, length, out long at);
            throw new ArgumentOutOfRangeException(nameof(index), (int)at, "The index must select an element of z (length " + length + ").");
        }

        /// <summary>The lane exp of <c>double</c> or <c>float</c> lanes (<see cref="Exp(Vector512{double})"/>, the one generated lanes call).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> Exp<T>(Vector512<T> values)
            where T : unmanaged =>
            typeof(T) == typeof(double) ? Exp(values.AsDouble()).As<double, T>() : Exp(values.AsSingle()).As<float, T>();

        /// <summary>The lane log of <c>double</c> or <c>float</c> lanes (<see cref="Log(Vector512{double})"/>, the one generated lanes call).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> Log<T>(Vector512<T> values)
            where T : unmanaged =>
            typeof(T) == typeof(double) ? Log(values.AsDouble()).As<double, T>() : Log(values.AsSingle()).As<float, T>();
    }
}
