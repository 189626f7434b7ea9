namespace SymGrad
{
    /// <summary>
    /// Settings for <see cref="GradientCheck.Compare"/>: the finite-difference step and the tolerances an entry must meet.
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
        int WorstEntriesToReport = 5);
}
