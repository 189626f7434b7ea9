namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>The vector width a blocked kernel runs at.</summary>
    public enum LaneWidth
    {
        /// <summary>Vector512 when <c>Vector512.IsHardwareAccelerated</c>, else Vector256: what the benchmarks run.</summary>
        Widest,

        /// <summary>Vector256 always: the fallback, run by the self-check so it is checked on AVX-512 machines too.</summary>
        Vector256,
    }
}
