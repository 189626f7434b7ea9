using System;
using System.ComponentModel;

namespace SymGrad
{
    /// <summary>
    /// Used by the generated dense Hessians, which carry several directions' tangents at once (one lane each): whether
    /// a guarded block of the gradient's reverse code must run for any lane.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class TangentLanes
    {
        /// <summary>Whether any lane's tangent is not 0 (a NaN counts as not 0).</summary>
        /// <param name="tangents">The lanes' tangents of one value.</param>
        public static bool AnyNonZero(ReadOnlySpan<double> tangents)
        {
            foreach (double tangent in tangents)
            {
                if (tangent != 0.0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether any lane's tangent is not 0, for a <c>float</c> method (a NaN counts as not 0).</summary>
        /// <param name="tangents">The lanes' tangents of one value.</param>
        public static bool AnyNonZero(ReadOnlySpan<float> tangents)
        {
            foreach (float tangent in tangents)
            {
                if (tangent != 0.0f)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
