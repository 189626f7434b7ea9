using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// Row lanes' ints that differ between rows (docs/how-it-works.md, "Row lanes"): a class label per row
    /// (<c>y[i]</c>) is eight 64-bit lanes, lane l holding row i + l's value (sixteen 32-bit lanes in a <c>float</c>
    /// method, whose <c>int</c> arithmetic wraps as C#'s does). They pick elements of a private array's
    /// lanes (element e of row i + l is lane l of <c>lanes[e]</c>), add to them, and index <c>SymMath.LogSoftmax</c> per lane. Every
    /// lane's index is checked before anything is read or written, and a bad one throws the exception the row alone
    /// would throw there (with several bad rows, which is reported may differ: a statement runs for eight rows before the
    /// next).
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
        public static Vector512<long> GatherInts(ReadOnlySpan<int> array, int start, int stride)
        {
            CheckRun(start, stride, Count, array.Length);
            ref int first = ref Unsafe.Add(ref MemoryMarshal.GetReference(array), (nint)start);
            nint step = stride;
            return Vector512.Create(
                first,
                Unsafe.Add(ref first, step),
                Unsafe.Add(ref first, 2 * step),
                Unsafe.Add(ref first, 3 * step),
                Unsafe.Add(ref first, 4 * step),
                Unsafe.Add(ref first, 5 * step),
                Unsafe.Add(ref first, 6 * step),
                (long)Unsafe.Add(ref first, 7 * step));
        }

        /// <summary>
        /// Each lane's low 32 bits as a signed <c>int</c>, widened again: the result of <c>int</c> arithmetic done in 64
        /// bits, wrapped as unchecked C# wraps it. (A project compiled with overflow checks gets no
        /// <see cref="OverflowException"/> from an int computed in lanes.)
        /// </summary>
        /// <param name="values">Sums, differences or products of <c>int</c> values.</param>
        /// <returns>The values as <c>int</c> arithmetic gives them.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<long> WrapInts(Vector512<long> values) => Vector512.ShiftRightArithmetic(Vector512.ShiftLeft(values, 32), 32);

        /// <summary>The rows of a group: <paramref name="first"/> + l in lane l.</summary>
        /// <param name="first">Lane 0's row.</param>
        /// <returns>The eight row numbers.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<long> RowNumbers(int first) => Vector512.Create((long)first) + Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7);

        /// <summary>Lane l of <c>lanes[index[l]]</c>: each row's element of a private array at its own index.</summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <param name="index">Each lane's element.</param>
        /// <returns>The picked values.</returns>
        /// <exception cref="IndexOutOfRangeException">When a lane's index is outside the array.</exception>
        public static Vector512<double> Pick(ReadOnlySpan<Vector512<double>> lanes, Vector512<long> index)
        {
            CheckIndices(index, lanes.Length);
            Vector512<double> picked = Vector512<double>.Zero;
            ref double into = ref Unsafe.As<Vector512<double>, double>(ref picked);
            ref double from = ref Unsafe.As<Vector512<double>, double>(ref MemoryMarshal.GetReference(lanes));
            for (int l = 0; l < Count; l++)
            {
                Unsafe.Add(ref into, l) = Unsafe.Add(ref from, ((nint)index.GetElement(l) * Count) + l);
            }

            return picked;
        }

        /// <summary>Adds lane l of <paramref name="value"/> to lane l of <c>lanes[index[l]]</c>: <c>array[index] += value</c> row by row.</summary>
        /// <param name="lanes">The private array's lanes.</param>
        /// <param name="index">Each lane's element.</param>
        /// <param name="value">Each lane's addend.</param>
        /// <exception cref="IndexOutOfRangeException">When a lane's index is outside the array (then nothing is added).</exception>
        public static void AddAt(Span<Vector512<double>> lanes, Vector512<long> index, Vector512<double> value)
        {
            CheckIndices(index, lanes.Length);
            ref double into = ref Unsafe.As<Vector512<double>, double>(ref MemoryMarshal.GetReference(lanes));
            for (int l = 0; l < Count; l++)
            {
                Unsafe.Add(ref into, ((nint)index.GetElement(l) * Count) + l) += value.GetElement(l);
            }
        }

        /// <summary>
        /// <see cref="SymMath.LogSumExp(ReadOnlySpan{double})"/> of each lane's row: the largest value, each value's exp
        /// shifted by it summed in element order, then its log (the vector exp and log, which may differ from Math's in
        /// the last bits); a lane whose largest value is infinite gives that value.
        /// </summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <returns>Each row's log-sum-exp.</returns>
        /// <exception cref="ArgumentException">When the array is empty.</exception>
        public static Vector512<double> LogSumExp(ReadOnlySpan<Vector512<double>> lanes)
        {
            if (lanes.IsEmpty)
            {
                throw new ArgumentException("LogSumExp needs at least one value.", nameof(lanes));
            }

            Vector512<double> max = Vector512.Create(double.NegativeInfinity);
            foreach (Vector512<double> value in lanes)
            {
                max = Vector512.Max(max, value);
            }

            Vector512<double> sum = Vector512<double>.Zero;
            foreach (Vector512<double> value in lanes)
            {
                sum += Vector512.Exp(value - max);
            }

            Vector512<double> infinite = Vector512.Equals(Vector512.Abs(max), Vector512.Create(double.PositiveInfinity));
            return Vector512.ConditionalSelect(infinite, max, max + Vector512.Log(sum));
        }

        /// <summary><see cref="SymMath.LogSoftmax(ReadOnlySpan{double}, int)"/> of each lane's row at its own index: the picked value minus <see cref="LogSumExp(ReadOnlySpan{Vector512{double}})"/>.</summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <param name="index">Each lane's index.</param>
        /// <returns>Each row's log-softmax at its index.</returns>
        /// <exception cref="ArgumentOutOfRangeException">When a lane's index is outside the array, as SymMath.LogSoftmax throws.</exception>
        public static Vector512<double> LogSoftmax(ReadOnlySpan<Vector512<double>> lanes, Vector512<long> index)
        {
            for (int l = 0; l < Count; l++)
            {
                long at = index.GetElement(l);
                if ((ulong)at >= (ulong)lanes.Length)
                {
                    throw new ArgumentOutOfRangeException(nameof(index), (int)at, "The index must select an element of z (length " + lanes.Length + ").");
                }
            }

            return Pick(lanes, index) - LogSumExp(lanes);
        }

        /// <summary>The <c>float</c> <see cref="GatherInts"/>: elements <paramref name="start"/> + l * <paramref name="stride"/>, l = 0 to 15, sixteen 32-bit lanes (a <c>float</c> method's sixteen rows).</summary>
        /// <param name="array">The array read.</param>
        /// <param name="start">The element of lane 0.</param>
        /// <param name="stride">The distance between the elements of neighbouring lanes.</param>
        /// <returns>The sixteen values, lane 0's first.</returns>
        /// <exception cref="IndexOutOfRangeException">When a lane's element is outside the array.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<int> GatherSingleInts(ReadOnlySpan<int> array, int start, int stride)
        {
            CheckRun(start, stride, SingleCount, array.Length);
            if (stride == 1)
            {
                return Vector512.LoadUnsafe(ref Unsafe.Add(ref MemoryMarshal.GetReference(array), (nint)start));
            }

            Vector512<int> gathered = Vector512<int>.Zero;
            ref int into = ref Unsafe.As<Vector512<int>, int>(ref gathered);
            ref int first = ref Unsafe.Add(ref MemoryMarshal.GetReference(array), (nint)start);
            for (int l = 0; l < SingleCount; l++)
            {
                Unsafe.Add(ref into, l) = Unsafe.Add(ref first, (nint)l * stride);
            }

            return gathered;
        }

        /// <summary>The rows of a <c>float</c> group: <paramref name="first"/> + l in lane l, l = 0 to 15.</summary>
        /// <param name="first">Lane 0's row.</param>
        /// <returns>The sixteen row numbers.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<int> SingleRowNumbers(int first) => Vector512.Create(first) + Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

        /// <summary>The <c>float</c> <see cref="Pick(ReadOnlySpan{Vector512{double}}, Vector512{long})"/>: lane l of <c>lanes[index[l]]</c>, sixteen lanes.</summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <param name="index">Each lane's element.</param>
        /// <returns>The picked values.</returns>
        /// <exception cref="IndexOutOfRangeException">When a lane's index is outside the array.</exception>
        public static Vector512<float> Pick(ReadOnlySpan<Vector512<float>> lanes, Vector512<int> index)
        {
            CheckIndices(index, lanes.Length);
            Vector512<float> picked = Vector512<float>.Zero;
            ref float into = ref Unsafe.As<Vector512<float>, float>(ref picked);
            ref float from = ref Unsafe.As<Vector512<float>, float>(ref MemoryMarshal.GetReference(lanes));
            for (int l = 0; l < SingleCount; l++)
            {
                Unsafe.Add(ref into, l) = Unsafe.Add(ref from, ((nint)index.GetElement(l) * SingleCount) + l);
            }

            return picked;
        }

        /// <summary>The <c>float</c> <see cref="AddAt(Span{Vector512{double}}, Vector512{long}, Vector512{double})"/>: <c>array[index] += value</c> row by row, sixteen lanes.</summary>
        /// <param name="lanes">The private array's lanes.</param>
        /// <param name="index">Each lane's element.</param>
        /// <param name="value">Each lane's addend.</param>
        /// <exception cref="IndexOutOfRangeException">When a lane's index is outside the array (then nothing is added).</exception>
        public static void AddAt(Span<Vector512<float>> lanes, Vector512<int> index, Vector512<float> value)
        {
            CheckIndices(index, lanes.Length);
            ref float into = ref Unsafe.As<Vector512<float>, float>(ref MemoryMarshal.GetReference(lanes));
            for (int l = 0; l < SingleCount; l++)
            {
                Unsafe.Add(ref into, ((nint)index.GetElement(l) * SingleCount) + l) += value.GetElement(l);
            }
        }

        /// <summary>The <c>float</c> <see cref="LogSumExp(ReadOnlySpan{Vector512{double}})"/>: <see cref="SymMath.LogSumExp(ReadOnlySpan{float})"/> of each of sixteen rows.</summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <returns>Each row's log-sum-exp.</returns>
        /// <exception cref="ArgumentException">When the array is empty.</exception>
        public static Vector512<float> LogSumExp(ReadOnlySpan<Vector512<float>> lanes)
        {
            if (lanes.IsEmpty)
            {
                throw new ArgumentException("LogSumExp needs at least one value.", nameof(lanes));
            }

            Vector512<float> max = Vector512.Create(float.NegativeInfinity);
            foreach (Vector512<float> value in lanes)
            {
                max = Vector512.Max(max, value);
            }

            Vector512<float> sum = Vector512<float>.Zero;
            foreach (Vector512<float> value in lanes)
            {
                sum += Vector512.Exp(value - max);
            }

            Vector512<float> infinite = Vector512.Equals(Vector512.Abs(max), Vector512.Create(float.PositiveInfinity));
            return Vector512.ConditionalSelect(infinite, max, max + Vector512.Log(sum));
        }

        /// <summary>The <c>float</c> <see cref="LogSoftmax(ReadOnlySpan{Vector512{double}}, Vector512{long})"/>: each of sixteen rows' log-softmax at its index.</summary>
        /// <param name="lanes">The private array's lanes, one vector per element.</param>
        /// <param name="index">Each lane's index.</param>
        /// <returns>Each row's log-softmax at its index.</returns>
        /// <exception cref="ArgumentOutOfRangeException">When a lane's index is outside the array, as SymMath.LogSoftmax throws.</exception>
        public static Vector512<float> LogSoftmax(ReadOnlySpan<Vector512<float>> lanes, Vector512<int> index)
        {
            for (int l = 0; l < SingleCount; l++)
            {
                int at = index.GetElement(l);
                if ((uint)at >= (uint)lanes.Length)
                {
                    throw new ArgumentOutOfRangeException(nameof(index), at, "The index must select an element of z (length " + lanes.Length + ").");
                }
            }

            return Pick(lanes, index) - LogSumExp(lanes);
        }

        private static void CheckIndices(Vector512<int> index, int length)
        {
            if (Vector512.GreaterThanOrEqualAny(index.AsUInt32(), Vector512.Create((uint)length)))
            {
                throw new IndexOutOfRangeException($"A row's index is outside an array of {length}.");
            }
        }

        private static void CheckIndices(Vector512<long> index, int length)
        {
            if (Vector512.GreaterThanOrEqualAny(index.AsUInt64(), Vector512.Create((ulong)length)))
            {
                throw new IndexOutOfRangeException($"A row's index ({string.Join(", ", Enumerable(index))}) is outside an array of {length}.");
            }
        }

        private static System.Collections.Generic.IEnumerable<long> Enumerable(Vector512<long> index)
        {
            for (int l = 0; l < Count; l++)
            {
                yield return index.GetElement(l);
            }
        }
    }
}
