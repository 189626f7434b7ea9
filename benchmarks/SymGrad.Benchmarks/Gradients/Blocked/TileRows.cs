using System;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>Copies of a tile's input rows and target rows where the kernels cannot read them in place.</summary>
    internal static class TileRows
    {
        /// <summary>
        /// Rows from <paramref name="first"/> of the m by n <paramref name="x"/> into <paramref name="tile"/> (the tile's
        /// rows n apart); the rows past m are zero. Returns how many rows are real.
        /// </summary>
        public static int CopyInputs(double[] x, int first, int m, int n, double[] tile)
        {
            int valid = Math.Min(Tiling.Rows, m - first);
            Array.Copy(x, first * n, tile, 0, valid * n);
            Array.Clear(tile, valid * n, (Tiling.Rows - valid) * n);
            return valid;
        }

        /// <summary>
        /// The target rows from <paramref name="first"/> (m by k) into <paramref name="tile"/>, rows <paramref name="width"/>
        /// apart, whose padding lanes stay zero from <see cref="ClearTargets"/>; rows past m become zero, so they add
        /// nothing to the loss or the gradient. A plain loop: k is small, and a call per row would cost more.
        /// </summary>
        public static void CopyTargets(double[] y, int first, int m, int k, double[] tile, int width)
        {
            int valid = Math.Min(Tiling.Rows, m - first);
            for (int r = 0; r < Tiling.Rows; r++)
            {
                int source = (first + r) * k;
                int target = r * width;
                for (int c = 0; c < k; c++)
                {
                    tile[target + c] = r < valid ? y[source + c] : 0.0;
                }
            }
        }

        /// <summary>Zeros the whole target tile, padding lanes included, once per call.</summary>
        public static void ClearTargets(double[] tile) => Array.Clear(tile);
    }
}
