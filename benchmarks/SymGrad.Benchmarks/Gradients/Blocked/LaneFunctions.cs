using System;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>The blocked kernels' vector exp, log and log1p over spans, for the self-check's accuracy sweep.</summary>
    public static class LaneFunctions
    {
        public enum Function
        {
            Exp,
            Log,
            Log1P,
        }

        /// <summary>result[i] = f(input[i]); whole vectors, then the tail through a zero-padded vector.</summary>
        public static void Apply(Function function, ReadOnlySpan<double> input, Span<double> result, LaneWidth width)
        {
            if (width == LaneWidth.Widest && Vector512.IsHardwareAccelerated)
            {
                Apply<Lanes512, Vector512<double>>(function, input, result);
            }
            else
            {
                Apply<Lanes256, Vector256<double>>(function, input, result);
            }
        }

        private static void Apply<TLanes, TVec>(Function function, ReadOnlySpan<double> input, Span<double> result)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct
        {
            Span<double> lane = stackalloc double[Tiling.WidestLanes];
            for (int i = 0; i < input.Length; i += TLanes.Count)
            {
                int count = Math.Min(TLanes.Count, input.Length - i);
                lane.Fill(1.0);
                input.Slice(i, count).CopyTo(lane);
                TVec value = TLanes.Load(ref lane[0], 0);
                TVec output = function switch
                {
                    Function.Exp => VectorExp.Exp<TLanes, TVec>(value),
                    Function.Log => VectorLog.Log<TLanes, TVec>(value),
                    _ => VectorLog.Log1P<TLanes, TVec>(value),
                };
                TLanes.Store(output, ref lane[0], 0);
                lane.Slice(0, count).CopyTo(result.Slice(i, count));
            }
        }
    }
}
