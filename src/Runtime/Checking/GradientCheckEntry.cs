namespace SymGrad
{
    /// <summary>One gradient component compared by <c>GradientCheck.Compare</c>.</summary>
    /// <param name="Index">The index of the component in the parameter vector.</param>
    /// <param name="Analytic">The gradient supplied by the caller (for example a generated gradient).</param>
    /// <param name="Numeric">The central-difference estimate.</param>
    /// <param name="AbsoluteError">|Analytic - Numeric| (NaN when either is NaN).</param>
    /// <param name="RelativeError">|Analytic - Numeric| / max(|Analytic|, |Numeric|), or 0 when both are 0.</param>
    public readonly record struct GradientCheckEntry(int Index, double Analytic, double Numeric, double AbsoluteError, double RelativeError);
}
