using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>The row tile every float blocked kernel works in, and its argument checks.</summary>
    internal static class SingleTiling
    {
        /// <summary>
        /// Samples per tile: sixteen, one Vector512&lt;float&gt; of rows, so the tile's nonlinear functions (exp, log,
        /// division) run on whole vectors of rows; each weight vector loaded (or broadcast) once is used by this many rows.
        /// </summary>
        public const int Rows = 16;

        /// <summary>The products' register blocks: 8 rows at a time (two per tile), as the double kernels' tiles.</summary>
        public const int HalfRows = 8;

        /// <summary>The widest vector in floats: workspaces are padded to it, so they serve every width.</summary>
        public const int WidestLanes = 16;

        /// <summary>
        /// Whether a kernel asked for <paramref name="width"/> runs 16 lanes (<see cref="SingleLanes512"/>, which needs
        /// AVX-512F and a Vector512 the runtime accelerates) or 8 (<see cref="SingleLanes256"/>).
        /// </summary>
        public static bool Widest(LaneWidth width) => width == LaneWidth.Widest && Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

        public static int RoundUp(int value, int multiple) => Tiling.RoundUp(value, multiple);

        /// <summary>Throws unless <paramref name="array"/> holds at least <paramref name="length"/> elements.</summary>
        public static void Require(float[] array, long length, string name)
        {
            if (array.Length < length)
            {
                throw new ArgumentException($"{name} needs {length} elements, it has {array.Length}.", name);
            }
        }
    }
}
