using System.Runtime.CompilerServices;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>The stable sigmoid and softplus in float lanes, in SymMath's forms, from one exp of -|z|.</summary>
    internal static class SingleVectorActivations
    {
        /// <summary>1 / (1 + e) for z &gt;= 0 and e / (1 + e) below, e = exp(-|z|): no overflow, no cancellation.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Sigmoid<TLanes, TVec>(TVec z)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            TVec e = SingleVectorExp.Exp<TLanes, TVec>(TLanes.Subtract(TLanes.Zero, TLanes.Abs(z)));
            return SigmoidFrom<TLanes, TVec>(z, e);
        }

        /// <summary>softplus(z) = max(z, 0) + log1p(exp(-|z|)), and sigmoid(z) from the same exponential.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Softplus<TLanes, TVec>(TVec z, out TVec sigmoid)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            TVec e = SingleVectorExp.Exp<TLanes, TVec>(TLanes.Subtract(TLanes.Zero, TLanes.Abs(z)));
            sigmoid = SigmoidFrom<TLanes, TVec>(z, e);
            return TLanes.Add(TLanes.Max(TLanes.Zero, z), SingleVectorLog.Log1P<TLanes, TVec>(e));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TVec SigmoidFrom<TLanes, TVec>(TVec z, TVec e)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            TVec one = TLanes.Create(1.0f);
            TVec numerator = TLanes.Select(TLanes.GreaterThanOrEqual(z, TLanes.Zero), one, e);
            return TLanes.Divide(numerator, TLanes.Add(one, e));
        }
    }
}
