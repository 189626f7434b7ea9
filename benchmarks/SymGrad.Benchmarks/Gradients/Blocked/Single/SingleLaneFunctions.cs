using System;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>The float blocked kernels' vector exp, log and log1p over spans, for the self-check's accuracy sweep.</summary>
    public static class SingleLaneFunctions
    {
        /// <summary>result[i] = f(input[i]); whole vectors, then the tail through a padded vector.</summary>
        public static void Apply(LaneFunctions.Function function, ReadOnlySpan<float> input, Span<float> result, LaneWidth width)
        {
            if (SingleTiling.Widest(width))
            {
                Apply<SingleLanes512, Vector512<float>>(function, input, result);
            }
            else
            {
                Apply<SingleLanes256, Vector256<float>>(function, input, result);
            }
        }

        private static void Apply<TLanes, TVec>(LaneFunctions.Function function, ReadOnlySpan<float> input, Span<float> result)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            Span<float> lane = stackalloc float[SingleTiling.WidestLanes];
            for (int i = 0; i < input.Length; i += TLanes.Count)
            {
                int count = Math.Min(TLanes.Count, input.Length - i);
                lane.Fill(1.0f);
                input.Slice(i, count).CopyTo(lane);
                TVec value = TLanes.Load(ref lane[0], 0);
                TVec output = function switch
                {
                    LaneFunctions.Function.Exp => SingleVectorExp.Exp<TLanes, TVec>(value),
                    LaneFunctions.Function.Log => SingleVectorLog.Log<TLanes, TVec>(value),
                    _ => SingleVectorLog.Log1P<TLanes, TVec>(value),
                };
                TLanes.Store(output, ref lane[0], 0);
                lane.Slice(0, count).CopyTo(result.Slice(i, count));
            }
        }
    }
}
