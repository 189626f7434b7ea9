using System;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>Copies of a float tile's input rows and target rows where the kernels cannot read them in place.</summary>
    internal static class SingleTileRows
    {
        /// <summary>
        /// Rows from <paramref name="first"/> of the m by n <paramref name="x"/> into <paramref name="tile"/> (the tile's
        /// rows n apart); the rows past m are zero. Returns how many rows are real.
        /// </summary>
        public static int CopyInputs(float[] x, int first, int m, int n, float[] tile)
        {
            int valid = Math.Min(SingleTiling.Rows, m - first);
            Array.Copy(x, first * n, tile, 0, valid * n);
            Array.Clear(tile, valid * n, (SingleTiling.Rows - valid) * n);
            return valid;
        }

        /// <summary>
        /// The target rows from <paramref name="first"/> (m by k) into <paramref name="tile"/>, rows <paramref name="width"/>
        /// apart and zero-padded; rows past m are all zero, so they add nothing to the loss or the gradient.
        /// </summary>
        public static void CopyTargets(float[] y, int first, int m, int k, float[] tile, int width)
        {
            int valid = Math.Min(SingleTiling.Rows, m - first);
            Array.Clear(tile);
            for (int r = 0; r < valid; r++)
            {
                Array.Copy(y, (first + r) * k, tile, r * width, k);
            }
        }

        /// <summary>
        /// Whether the tile of rows from <paramref name="first"/> can be read in place: all its rows exist, and reading
        /// whole vectors of <paramref name="width"/> lanes from its last row (the lanes past a row's <paramref name="length"/>
        /// run into the next row and are ignored) stays inside the array.
        /// </summary>
        public static bool InPlace(int first, int m, int length, int width) =>
            first + SingleTiling.Rows <= m && (long)(first + SingleTiling.Rows - 1) * length + width <= (long)m * length;
    }
}
