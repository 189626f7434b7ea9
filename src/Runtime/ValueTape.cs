using System;
using System.Buffers;

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

        /// <summary>Pushes a value.</summary>
        public void Push(double value)
        {
            if (buffer is null || count == buffer.Length)
            {
                Grow();
            }

            buffer![count++] = value;
        }

        /// <summary>Pops the value pushed last.</summary>
        /// <exception cref="InvalidOperationException">The tape is empty.</exception>
        public double Pop()
        {
            if (count == 0)
            {
                throw new InvalidOperationException("The tape is empty: a generated reverse sweep read more values than its forward sweep saved.");
            }

            return buffer![--count];
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
