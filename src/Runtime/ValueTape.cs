using System;
using System.Buffers;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// The stack of values a generated gradient saves in a loop's forward iterations and reads back,
    /// in reverse order, in the loop's reverse iterations. Storage is rented from
    /// <see cref="ArrayPool{T}.Shared"/> and returned by <see cref="Dispose"/>, so steady-state calls
    /// do not allocate. Used by generated code; a mutable struct, so keep it in a local.
    /// </summary>
    public struct ValueTape : IDisposable
    {
        private double[]? buffer;
        private int count;

        /// <summary>The number of values on the tape.</summary>
        public readonly int Count => count;

        /// <summary>Pushes a value. Inlined into the generated loops, so the tape's fields can live in registers.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Push(double value)
        {
            if (buffer is null || count == buffer.Length)
            {
                Grow();
            }

            buffer![count++] = value;
        }

        /// <summary>Pushes the eight lanes of <paramref name="values"/>, lane 0 first: what pushing them one by one does (a generated element-wise loop).</summary>
        /// <param name="values">The values.</param>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Push(System.Runtime.Intrinsics.Vector512<double> values)
        {
            while (buffer is null || buffer.Length - count < 8)
            {
                Grow();
            }

            // count + 8 <= buffer.Length was just checked.
            Vector512.StoreUnsafe(values, ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(buffer), (nuint)count);
            count += 8;
        }

        /// <summary>Pops the value pushed last.</summary>
        /// <exception cref="InvalidOperationException">The tape is empty.</exception>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public double Pop()
        {
            if (count == 0)
            {
                ThrowEmpty();
            }

            return buffer![--count];
        }

        /// <summary>
        /// Pops eight values: lane 7 is the value pushed last, lane 0 the one pushed eight values before it (what popping
        /// them one by one gives, lane 7 first: a generated element-wise loop that runs backwards eight elements at a time).
        /// </summary>
        /// <returns>The values, in the order they were pushed.</returns>
        /// <exception cref="InvalidOperationException">The tape holds fewer than eight values.</exception>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public System.Runtime.Intrinsics.Vector512<double> PopLanes()
        {
            if (count < 8)
            {
                ThrowEmpty();
            }

            // Eight or more values are on the tape, so the buffer holds count - 8 .. count - 1.
            count -= 8;
            return Vector512.LoadUnsafe(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(buffer!), (nuint)count);
        }

        /// <summary>Pushes the sixteen lanes of a <c>float</c> vector, lane 0 first, each widened exactly (a <c>float</c> method's element-wise loop).</summary>
        /// <param name="values">The values.</param>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Push(Vector512<float> values)
        {
            (Vector512<double> lower, Vector512<double> upper) = Vector512.Widen(values);
            Push(lower);
            Push(upper);
        }

        /// <summary>Pops sixteen values pushed as <c>float</c> lanes, in the order they were pushed (<see cref="PopLanes"/> for sixteen <c>float</c> lanes).</summary>
        /// <returns>The values, narrowed back exactly.</returns>
        /// <exception cref="InvalidOperationException">The tape holds fewer than sixteen values.</exception>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public Vector512<float> PopSingleLanes()
        {
            Vector512<double> upper = PopLanes();
            Vector512<double> lower = PopLanes();
            return Vector512.Narrow(lower, upper);
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private static void ThrowEmpty() => throw new InvalidOperationException("The tape is empty: a generated reverse sweep read more values than its forward sweep saved.");

        /// <summary>
        /// Pushes every value of <paramref name="values"/>, first to last: what pushing them one by one does,
        /// in one copy (a generated loop saves a scratch array's final contents this way).
        /// </summary>
        public void PushRange(ReadOnlySpan<double> values)
        {
            while (buffer is null || buffer.Length - count < values.Length)
            {
                Grow();
            }

            double[] storage = buffer;
            int at = count;
            if (values.Length <= ShortRange)
            {
                // A short run (a GMM component's few coordinates) is cheaper element by element than through a copy call.
                for (int i = 0; i < values.Length; i++)
                {
                    storage[at + i] = values[i];
                }
            }
            else
            {
                values.CopyTo(new Span<double>(storage, at, values.Length));
            }

            count = at + values.Length;
        }

        /// <summary>
        /// Pops <paramref name="into"/>'s length of values into it: the value pushed last goes to its last
        /// element, as popping them one by one from the last element down does.
        /// </summary>
        /// <exception cref="InvalidOperationException">The tape holds fewer values.</exception>
        public void PopRange(Span<double> into)
        {
            if (count < into.Length)
            {
                throw new InvalidOperationException("The tape is empty: a generated reverse sweep read more values than its forward sweep saved.");
            }

            int at = count - into.Length;
            double[] storage = buffer!;
            if (into.Length <= ShortRange)
            {
                for (int i = 0; i < into.Length; i++)
                {
                    into[i] = storage[at + i];
                }
            }
            else
            {
                new ReadOnlySpan<double>(storage, at, into.Length).CopyTo(into);
            }

            count = at;
        }

        /// <summary>Runs up to this long are copied element by element.</summary>
        private const int ShortRange = 8;

        /// <summary>Pushes every value of a <c>float</c> span, first to last, widened exactly (a <c>float</c> model's scratch array).</summary>
        public void PushRange(ReadOnlySpan<float> values)
        {
            while (buffer is null || buffer.Length - count < values.Length)
            {
                Grow();
            }

            double[] storage = buffer;
            for (int i = 0; i < values.Length; i++)
            {
                storage[count + i] = values[i];
            }

            count += values.Length;
        }

        /// <summary>Pops <paramref name="into"/>'s length of values into a <c>float</c> span, as the <c>double</c> overload does; values pushed as <c>float</c> come back exactly.</summary>
        /// <exception cref="InvalidOperationException">The tape holds fewer values.</exception>
        public void PopRange(Span<float> into)
        {
            if (count < into.Length)
            {
                throw new InvalidOperationException("The tape is empty: a generated reverse sweep read more values than its forward sweep saved.");
            }

            int at = count - into.Length;
            double[] storage = buffer!;
            for (int i = 0; i < into.Length; i++)
            {
                into[i] = (float)storage[at + i];
            }

            count = at;
        }

        /// <summary>Returns the storage to the pool.</summary>
        public void Dispose()
        {
            if (buffer is not null)
            {
                ArrayPool<double>.Shared.Return(buffer);
                buffer = null;
            }

            count = 0;
        }

        private void Grow()
        {
            double[] larger = ArrayPool<double>.Shared.Rent(buffer is null ? 256 : buffer.Length * 2);
            if (buffer is not null)
            {
                Array.Copy(buffer, larger, count);
                ArrayPool<double>.Shared.Return(buffer);
            }

            buffer = larger;
        }
    }
}
