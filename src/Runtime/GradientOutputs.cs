using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SymGrad
{
    /// <summary>
    /// Checks a generated gradient makes of its outputs before it writes any of them. An output that
    /// shares memory with an input (<c>FGradient(w, b, dw: w)</c>) would be cleared and accumulated into
    /// while the input is still being read, and one buffer passed for two outputs would hold their sum:
    /// both give wrong numbers silently, so they throw instead. Used by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static partial class GradientOutputs
    {
        /// <summary>Throws when the output span overlaps the input (or another output).</summary>
        public static void ThrowIfOverlaps(ReadOnlySpan<double> output, string outputName, ReadOnlySpan<double> other, string otherName)
        {
            if (output.Overlaps(other))
            {
                throw Overlap(outputName, otherName);
            }
        }

        /// <summary>
        /// Throws when the scalar output is a variable inside the input span (<c>out w[0]</c>). The output is
        /// not written: it is only marked assigned, so an aliased input is left intact when this throws.
        /// </summary>
        public static void ThrowIfInside(out double output, string outputName, ReadOnlySpan<double> other, string otherName)
        {
            Unsafe.SkipInit(out output);
            if (other.Overlaps(MemoryMarshal.CreateReadOnlySpan(ref output, 1)))
            {
                throw Overlap(outputName, otherName);
            }
        }

        /// <summary>Throws when two scalar outputs are one variable; neither is written.</summary>
        public static void ThrowIfSame(out double output, string outputName, out double other, string otherName)
        {
            Unsafe.SkipInit(out output);
            Unsafe.SkipInit(out other);
            if (Unsafe.AreSame(ref output, ref other))
            {
                throw Overlap(outputName, otherName);
            }
        }

        private static ArgumentException Overlap(string outputName, string otherName) =>
            new("The gradient output '" + outputName + "' shares memory with '" + otherName + "'; pass a separate buffer for each output.", outputName);
    }
}
