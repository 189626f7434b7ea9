using System;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>The row tile every blocked kernel works in, and the padding arithmetic.</summary>
    internal static class Tiling
    {
        /// <summary>
        /// Samples per tile: each weight vector loaded (or broadcast) once is used by this many rows from registers, and
        /// the tile's nonlinear functions (exp, log, division) run on whole vectors of rows.
        /// </summary>
        public const int Rows = 8;

        /// <summary>The widest vector in doubles: workspaces are sized for it, so they serve every width.</summary>
        public const int WidestLanes = 8;

        public static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

        /// <summary>Throws unless <paramref name="array"/> holds at least <paramref name="length"/> elements.</summary>
        public static void Require(double[] array, long length, string name)
        {
            if (array.Length < length)
            {
                throw new ArgumentException($"{name} needs {length} elements, it has {array.Length}.", name);
            }
        }
    }
}
