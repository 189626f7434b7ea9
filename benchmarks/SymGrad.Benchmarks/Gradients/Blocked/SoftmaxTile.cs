using System.Runtime.CompilerServices;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>
    /// The softmax cross-entropy of a tile's <see cref="Tiling.Rows"/> rows of padded logits, in SoftmaxCrossEntropy's
    /// stable form: per row max, e_c = exp(z_c - max), lse = max + log(sum e); loss S lse - y·z with S = sum_c y_c, and
    /// dL/dz = e S / sum e - y. The exps run on whole vectors of classes (padding lanes get -infinity, so e = 0 there);
    /// the logs, divisions and losses of the eight rows run as vectors of rows.
    /// </summary>
    internal static class SoftmaxTile
    {
        /// <summary>Doubles of scratch <see cref="CrossEntropy"/> needs.</summary>
        public const int ScratchLength = 4 * Tiling.Rows;

        /// <summary>
        /// Replaces the logits (rows <paramref name="stride"/> apart, <paramref name="width"/> lanes of which the first k
        /// are classes) with dL/dz and returns the tile's summed loss. Rows whose targets are all zero (the padding rows
        /// of a last tile) give loss 0 and dL/dz 0.
        /// </summary>
        /// <param name="padding">width lanes: 0 for a class, -infinity for a padding lane.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double CrossEntropy<TLanes, TVec>(ref double logits, ref double targets, nint stride, int width, ref double padding, ref double scratch)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct
        {
            nint v = TLanes.Count;
            ref double maxima = ref scratch;
            ref double sums = ref Unsafe.Add(ref scratch, Tiling.Rows);
            ref double targetSums = ref Unsafe.Add(ref scratch, 2 * Tiling.Rows);
            ref double dots = ref Unsafe.Add(ref scratch, 3 * Tiling.Rows);
            for (nint r = 0; r < Tiling.Rows; r++)
            {
                ref double z = ref Unsafe.Add(ref logits, r * stride);
                ref double y = ref Unsafe.Add(ref targets, r * stride);
                TVec largest = TLanes.Add(TLanes.Load(ref z, 0), TLanes.Load(ref padding, 0));
                for (nint o = v; o < width; o += v)
                {
                    largest = TLanes.Max(largest, TLanes.Add(TLanes.Load(ref z, o), TLanes.Load(ref padding, o)));
                }

                double max = TLanes.MaxAcross(largest);
                TVec shift = TLanes.Create(max);
                TVec sumExp = TLanes.Zero, targetSum = TLanes.Zero, dot = TLanes.Zero;
                for (nint o = 0; o < width; o += v)
                {
                    TVec logit = TLanes.Load(ref z, o);
                    TVec target = TLanes.Load(ref y, o);
                    TVec e = VectorExp.Exp<TLanes, TVec>(TLanes.Add(TLanes.Subtract(logit, shift), TLanes.Load(ref padding, o)));
                    TLanes.Store(e, ref z, o);
                    sumExp = TLanes.Add(sumExp, e);
                    targetSum = TLanes.Add(targetSum, target);
                    dot = TLanes.MultiplyAdd(target, logit, dot);
                }

                Unsafe.Add(ref maxima, r) = max;
                Unsafe.Add(ref sums, r) = TLanes.Sum(sumExp);
                Unsafe.Add(ref targetSums, r) = TLanes.Sum(targetSum);
                Unsafe.Add(ref dots, r) = TLanes.Sum(dot);
            }

            // Per row: lse = max + log(sum e), loss = S lse - y·z, and the factor S / sum e (kept in sums).
            TVec loss = TLanes.Zero;
            for (nint o = 0; o < Tiling.Rows; o += v)
            {
                TVec sumExp = TLanes.Load(ref sums, o);
                TVec targetSum = TLanes.Load(ref targetSums, o);
                TVec lse = TLanes.Add(TLanes.Load(ref maxima, o), VectorLog.Log<TLanes, TVec>(sumExp));
                loss = TLanes.Add(loss, TLanes.Subtract(TLanes.Multiply(targetSum, lse), TLanes.Load(ref dots, o)));
                TLanes.Store(TLanes.Divide(targetSum, sumExp), ref sums, o);
            }

            for (nint r = 0; r < Tiling.Rows; r++)
            {
                ref double z = ref Unsafe.Add(ref logits, r * stride);
                ref double y = ref Unsafe.Add(ref targets, r * stride);
                TVec factor = TLanes.Create(Unsafe.Add(ref sums, r));
                for (nint o = 0; o < width; o += v)
                {
                    TLanes.Store(TLanes.Subtract(TLanes.Multiply(TLanes.Load(ref z, o), factor), TLanes.Load(ref y, o)), ref z, o);
                }
            }

            return TLanes.Sum(loss);
        }
    }
}
