using System;
using System.Linq;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Compares one generated partial derivative with central finite differences of the method. Shared
/// by the expression and loop-program checks so both judge a match the same way.
/// </summary>
internal static class FiniteDifferenceCheck
{
    public enum Verdict
    {
        Matches,
        Mismatch,

        /// <summary>A kink, a branch switch or a singularity within the step: differences say nothing here.</summary>
        Uncheckable,
    }

    /// <summary>
    /// Whether the method has a corner exactly at the point along one coordinate (a tie in Max or Min):
    /// the one-sided differences disagree, and central differences average the two sides.
    /// </summary>
    /// <param name="along">The method's value at the point moved by t along the coordinate.</param>
    public static bool IsKink(Func<double, double> along)
    {
        const double h = 1e-5;
        double at = along(0);
        double forward = (along(h) - at) / h;
        double backward = (at - along(-h)) / h;
        return Math.Abs(forward - backward) > 1e-2 * (1 + Math.Abs(forward) + Math.Abs(backward));
    }

    /// <summary>The steps a right gradient must match the differences at one of.</summary>
    public static readonly double[] Steps = { 1e-6, 1e-5, 1e-4, 1e-3 };

    /// <param name="difference">Central difference of the method along this coordinate with step h.</param>
    public static Verdict Compare(double analytic, double value, Func<double, double> difference, out double fine)
    {
        fine = difference(1e-6);
        double coarse = difference(1e-4);
        if (!double.IsFinite(fine) || Math.Abs(fine - coarse) > 1e-3 * (1 + Math.Abs(fine)))
        {
            return Verdict.Uncheckable;
        }

        if (!double.IsFinite(analytic) && fine == 0 && coarse == 0)
        {
            return Verdict.Uncheckable; // saturated (atan of an overflowing power): the chain rule meets 0 * inf, as in every AD tool
        }

        // Central differences carry a rounding error of about eps |f| / h on top of the truncation error.
        double rounding = 8 * 2.2e-16 * Math.Abs(value) / 1e-6;
        // Large intermediates make the function noisy at small steps; a right gradient matches the
        // differences at some step between 1e-6 and 1e-3, a wrong one at none.
        bool matches = Steps.Select(difference)
            .Any(d => Math.Abs(analytic - d) <= 1e-5 + 1e-4 * Math.Abs(d) + rounding);
        return matches ? Verdict.Matches : Verdict.Mismatch;
    }
}
