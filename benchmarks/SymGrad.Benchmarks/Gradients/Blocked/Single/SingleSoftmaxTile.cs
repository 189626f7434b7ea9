using System.Runtime.CompilerServices;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// The softmax cross-entropy of a float tile's <see cref="SingleTiling.Rows"/> rows of padded logits, in
    /// SoftmaxCrossEntropy's stable form: per row max, e_c = exp(z_c - max), lse = max + log(sum e); loss S lse - y·z with
    /// S = sum_c y_c, and dL/dz = e S / sum e - y. As in <see cref="SoftmaxTile"/>, the logits and targets are transposed
    /// (16 by 16 blocks in registers) so lanes run along the tile's rows: then the max, the sums and every exp, log and
    /// division are whole-vector operations over the k real classes, with no horizontal reduction and no padding lane;
    /// dL/dz is transposed back.
    /// </summary>
    internal static class SingleSoftmaxTile
    {
        /// <summary>
        /// Replaces the logits (a tile of rows <paramref name="width"/> apart whose first k lanes are classes and whose
        /// padding lanes are 0) with dL/dz (padding lanes stay 0) and returns the tile's losses, one lane per row (two
        /// vectors of rows added at the 8-lane width). Rows whose targets are all zero (the padding rows of a last tile)
        /// give loss 0 and dL/dz 0.
        /// </summary>
        /// <param name="targets">The tile's target rows, <paramref name="targetStride"/> apart; only their first k lanes are read.</param>
        /// <param name="columns">width by <see cref="SingleTiling.Rows"/> floats: the transposed logits.</param>
        /// <param name="targetColumns">width by <see cref="SingleTiling.Rows"/> floats: the transposed targets.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec CrossEntropy<TLanes, TVec>(
            ref float logits, int k, int width, ref float targets, nint targetStride, ref float columns, ref float targetColumns)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            nint v = TLanes.Count;
            const int rows = SingleTiling.Rows;
            SingleBlockTranspose.Matrix<TLanes, TVec>(ref logits, width, rows, width, ref columns, rows);
            SingleBlockTranspose.Matrix<TLanes, TVec>(ref targets, targetStride, rows, width, ref targetColumns, rows);
            TVec loss = TLanes.Zero;
            for (nint o = 0; o < rows; o += v)
            {
                TVec max = TLanes.Load(ref columns, o);
                for (nint c = 1; c < k; c++)
                {
                    max = TLanes.Max(max, TLanes.Load(ref columns, c * rows + o));
                }

                TVec sumExp = TLanes.Zero, targetSum = TLanes.Zero, dot = TLanes.Zero;
                for (nint c = 0; c < k; c++)
                {
                    TVec z = TLanes.Load(ref columns, c * rows + o);
                    TVec y = TLanes.Load(ref targetColumns, c * rows + o);
                    TVec e = SingleVectorExp.Exp<TLanes, TVec>(TLanes.Subtract(z, max));
                    TLanes.Store(e, ref columns, c * rows + o);
                    sumExp = TLanes.Add(sumExp, e);
                    targetSum = TLanes.Add(targetSum, y);
                    dot = TLanes.MultiplyAdd(y, z, dot);
                }

                TVec lse = TLanes.Add(max, SingleVectorLog.Log<TLanes, TVec>(sumExp));
                loss = TLanes.Add(loss, TLanes.Subtract(TLanes.Multiply(targetSum, lse), dot));
                TVec factor = TLanes.Divide(targetSum, sumExp);
                for (nint c = 0; c < k; c++)
                {
                    TVec e = TLanes.Load(ref columns, c * rows + o);
                    TLanes.Store(TLanes.Subtract(TLanes.Multiply(e, factor), TLanes.Load(ref targetColumns, c * rows + o)), ref columns, c * rows + o);
                }
            }

            SingleBlockTranspose.Matrix<TLanes, TVec>(ref columns, rows, width, rows, ref logits, width);
            return loss;
        }
    }
}
