using System;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>Once-per-call copies between the models' row-major weights and the kernels' transposed, padded ones.</summary>
    internal static class WeightLayout
    {
        /// <summary>transposed[t * width + r] = matrix[r * columns + t] for r &lt; rows, 0 in the padding lanes r &gt;= rows.</summary>
        public static void Transpose(double[] matrix, int rows, int columns, double[] transposed, int width)
        {
            for (int t = 0; t < columns; t++)
            {
                int target = t * width;
                for (int r = 0; r < rows; r++)
                {
                    transposed[target + r] = matrix[r * columns + t];
                }

                Array.Clear(transposed, target + rows, width - rows);
            }
        }

        /// <summary>matrix[r * columns + t] = transposed[t * width + r] * scale: a gradient back in the model's layout.</summary>
        public static void TransposeBack(double[] transposed, int width, int rows, int columns, double[] matrix, double scale)
        {
            for (int r = 0; r < rows; r++)
            {
                int target = r * columns;
                for (int t = 0; t < columns; t++)
                {
                    matrix[target + t] = transposed[t * width + r] * scale;
                }
            }
        }

        /// <summary>padded[r * width + t] = matrix[r * columns + t], 0 in the padding lanes t &gt;= columns.</summary>
        public static void PadRows(double[] matrix, int rows, int columns, double[] padded, int width)
        {
            for (int r = 0; r < rows; r++)
            {
                Array.Copy(matrix, r * columns, padded, r * width, columns);
                Array.Clear(padded, r * width + columns, width - columns);
            }
        }

        /// <summary>The first <paramref name="count"/> values, then zeros up to <paramref name="width"/>.</summary>
        public static void Pad(double[] values, int count, double[] padded, int width)
        {
            Array.Copy(values, padded, count);
            Array.Clear(padded, count, width - count);
        }

        /// <summary>values[i] * scale for i &lt; count.</summary>
        public static void Scale(double[] values, int count, double[] destination, double scale)
        {
            for (int i = 0; i < count; i++)
            {
                destination[i] = values[i] * scale;
            }
        }
    }
}
