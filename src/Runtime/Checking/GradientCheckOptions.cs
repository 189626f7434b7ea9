namespace SymGrad
{
    /// <summary>
    /// Settings for <c>GradientCheck.Compare</c>: the finite-difference step and the tolerances an entry must meet.
    /// An entry passes when |analytic - numeric| &lt;= <see cref="AbsoluteTolerance"/> + <see cref="RelativeTolerance"/> * |numeric|,
    /// the same rule as <c>torch.allclose</c>.
    /// </summary>
    /// <param name="Step">The step h of the central difference (f(x + h e_i) - f(x - h e_i)) / 2h. Must be finite and positive.</param>
    /// <param name="RelativeTolerance">The tolerance relative to |numeric|. Must be finite and non-negative.</param>
    /// <param name="AbsoluteTolerance">The absolute tolerance. Must be finite and non-negative.</param>
    /// <param name="WorstEntriesToReport">How many of the worst entries the report lists. Must be non-negative.</param>
    public sealed record GradientCheckOptions(
        double Step = 1e-6,
        double RelativeTolerance = 1e-5,
        double AbsoluteTolerance = 1e-7,
        int WorstEntriesToReport = 5)
    {
        /// <summary>
        /// The defaults for a <c>float</c> function: a step of 4e-3 (near the cube root of <c>float</c>'s 6e-8, where the
        /// rounding of the two evaluations and the truncation of the difference balance) and tolerances of 1e-2 relative
        /// and 1e-3 absolute, since the estimate itself is good to about three digits.
        /// </summary>
        public static GradientCheckOptions Single { get; } = new(Step: 4e-3, RelativeTolerance: 1e-2, AbsoluteTolerance: 1e-3);
    }
}
