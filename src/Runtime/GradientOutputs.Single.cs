using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SymGrad
{
    /// <summary>The <c>float</c> overloads of the output checks, for the code generated for <c>float</c> models.</summary>
    public static partial class GradientOutputs
    {
        /// <summary>Throws when the output span overlaps the input (or another output).</summary>
        public static void ThrowIfOverlaps(ReadOnlySpan<float> output, string outputName, ReadOnlySpan<float> other, string otherName)
        {
            if (output.Overlaps(other))
            {
                throw Overlap(outputName, otherName);
            }
        }

        /// <summary>Throws when the scalar output is a variable inside the input span; the output is not written.</summary>
        public static void ThrowIfInside(out float output, string outputName, ReadOnlySpan<float> other, string otherName)
        {
            Unsafe.SkipInit(out output);
            if (other.Overlaps(MemoryMarshal.CreateReadOnlySpan(ref output, 1)))
            {
                throw Overlap(outputName, otherName);
            }
        }

        /// <summary>Throws when two scalar outputs are one variable; neither is written.</summary>
        public static void ThrowIfSame(out float output, string outputName, out float other, string otherName)
        {
            Unsafe.SkipInit(out output);
            Unsafe.SkipInit(out other);
            if (Unsafe.AreSame(ref output, ref other))
            {
                throw Overlap(outputName, otherName);
            }
        }
    }
}
