using System;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// Once-per-call copies between the float models' row-major weights and the kernels' transposed, padded ones
    /// (<see cref="WeightLayout"/> in float): whole Count by Count blocks through <see cref="ISingleLanes{TVec}.Transpose"/>,
    /// the edges element by element.
    /// </summary>
    internal static class SingleWeightLayout
    {
        /// <summary>transposed[t * width + r] = matrix[r * columns + t] for r &lt; rows, 0 in the padding lanes r &gt;= rows.</summary>
        public static void Transpose<TLanes, TVec>(float[] matrix, int rows, int columns, float[] transposed, int width)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            int v = TLanes.Count;
            int wholeRows = rows / v * v;
            int wholeColumns = columns / v * v;
            for (int r = 0; r < wholeRows; r += v)
            {
                for (int c = 0; c < wholeColumns; c += v)
                {
                    TLanes.Transpose(ref matrix[r * columns + c], columns, ref transposed[c * width + r], width);
                }
            }

            for (int t = 0; t < columns; t++)
            {
                int firstRow = t < wholeColumns ? wholeRows : 0;
                for (int r = firstRow; r < rows; r++)
                {
                    transposed[t * width + r] = matrix[r * columns + t];
                }

                Array.Clear(transposed, t * width + rows, width - rows);
            }
        }

        /// <summary>matrix[r * columns + t] = transposed[t * width + r] * scale: a gradient back in the model's layout.</summary>
        public static void TransposeBack<TLanes, TVec>(float[] transposed, int width, int rows, int columns, float[] matrix, float scale)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            int v = TLanes.Count;
            int wholeRows = rows / v * v;
            int wholeColumns = columns / v * v;
            for (int r = 0; r < wholeRows; r += v)
            {
                for (int c = 0; c < wholeColumns; c += v)
                {
                    TLanes.Transpose(ref transposed[c * width + r], width, ref matrix[r * columns + c], columns);
                }
            }

            for (int r = 0; r < rows; r++)
            {
                int firstColumn = r < wholeRows ? wholeColumns : 0;
                for (int t = firstColumn; t < columns; t++)
                {
                    matrix[r * columns + t] = transposed[t * width + r];
                }
            }

            Scale<TLanes, TVec>(matrix, rows * columns, matrix, scale);
        }

        /// <summary>padded[r * width + t] = matrix[r * columns + t], 0 in the padding lanes t &gt;= columns.</summary>
        public static void PadRows(float[] matrix, int rows, int columns, float[] padded, int width)
        {
            for (int r = 0; r < rows; r++)
            {
                Array.Copy(matrix, r * columns, padded, r * width, columns);
                Array.Clear(padded, r * width + columns, width - columns);
            }
        }

        /// <summary>The first <paramref name="count"/> values, then zeros up to <paramref name="width"/>.</summary>
        public static void Pad(float[] values, int count, float[] padded, int width)
        {
            Array.Copy(values, padded, count);
            Array.Clear(padded, count, width - count);
        }

        /// <summary>destination[i] = values[i] * scale for i &lt; count (in place when they are one array).</summary>
        public static void Scale<TLanes, TVec>(float[] values, int count, float[] destination, float scale)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            TVec factor = TLanes.Create(scale);
            int i = 0;
            for (; i + TLanes.Count <= count; i += TLanes.Count)
            {
                TLanes.Store(TLanes.Multiply(TLanes.Load(ref values[0], i), factor), ref destination[0], i);
            }

            for (; i < count; i++)
            {
                destination[i] = values[i] * scale;
            }
        }
    }
}
