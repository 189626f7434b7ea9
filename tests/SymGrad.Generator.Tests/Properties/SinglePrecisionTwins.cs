using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// How the <c>float</c> property tests (<see cref="SinglePrecisionProperties"/>) make a method's <c>float</c> twin and judge
/// its derivatives against the <c>double</c> method's, whose own derivatives the other property tests check against finite
/// differences (differences in <c>float</c> are good to about three digits; the <c>double</c> method to about ten).
/// </summary>
/// <remarks>
/// The bar: every <c>float</c> operation rounds (relative 6e-8), so a correct <c>float</c> result agrees with the
/// <c>double</c> one to <see cref="Tolerance"/> of the largest of the value and the partials (at least 1), the bar the
/// consumer tests set for the samples' <c>float</c> models (docs/single-precision.md). Where the <c>double</c> method itself
/// moves by more than that between inputs <see cref="Step"/> apart (a branch, a min or max switching, a kink, a steep
/// function: <c>float</c> rounding can land on either side), the point is not judged. Neither is a point past <c>float</c>'s
/// range (3.4e38): the <c>float</c> method's own value overflows, or, where the test can tell
/// (<see cref="RandomExpressionRange"/>), an intermediate does. There the chain rule can meet 0 x infinity while the value
/// stays finite, as in <c>double</c> at e^709 (docs/second-order.md, "Not covered"). The tests count both kinds.
/// </remarks>
internal static class SinglePrecisionTwins
{
    /// <summary>Agreement asked of each <c>float</c> result, relative to the largest of the <c>double</c> value and partials (at least 1).</summary>
    public const double Tolerance = 1e-4;

    /// <summary>How far apart the inputs are between which the <c>double</c> method must not move by more than the tolerance.</summary>
    public const double Step = 1e-5;

    public enum Outcome
    {
        Agrees,
        Mismatch,

        /// <summary>The <c>double</c> method is not finite, or moves by more than the tolerance within the step.</summary>
        Unjudgeable,

        /// <summary>Past <c>float</c>'s range: the <c>float</c> method's value, or an intermediate the test can see, overflows.</summary>
        OutOfRange,
    }

    private static readonly Regex MathCall = new(@"(?<![\w.])Math\.", RegexOptions.Compiled);

    private static readonly Regex RealLiteral = new(@"(?<![\w.])(\d+\.\d+)(?![\w.])", RegexOptions.Compiled);

    private static readonly Regex DoubleKeyword = new(@"\bdouble\b", RegexOptions.Compiled);

    /// <summary>
    /// C# in <c>double</c> as its <c>float</c> twin: <c>float</c> for <c>double</c>, <c>MathF</c> for <c>Math</c>, every real
    /// literal suffixed <c>f</c> (docs/single-precision.md: a method has one precision).
    /// </summary>
    public static string InSingle(string code) => RealLiteral.Replace(MathCall.Replace(DoubleKeyword.Replace(code, "float"), "MathF."), "$1f");

    /// <summary>
    /// Judges the <c>float</c> results <paramref name="actual"/> (the value, then the partials) against the <c>double</c>
    /// method's <paramref name="expected"/> at the same inputs, given its results at the inputs moved by <see cref="Step"/>.
    /// </summary>
    /// <param name="floatOverflows">Whether the point is past <c>float</c>'s range (see <see cref="Outcome.OutOfRange"/>).</param>
    public static Outcome Judge(double[] expected, IEnumerable<double[]> neighbours, float[] actual, bool floatOverflows, out string? failure)
    {
        failure = null;
        if (expected.Any(e => !double.IsFinite(e)) || Math.Abs(expected[0]) > 1e30)
        {
            return Outcome.Unjudgeable;
        }

        double bar = Bar(expected);
        foreach (double[] moved in neighbours)
        {
            for (int k = 0; k < expected.Length; k++)
            {
                if (!(Math.Abs(moved[k] - expected[k]) <= bar))
                {
                    return Outcome.Unjudgeable;
                }
            }
        }

        if (floatOverflows)
        {
            return Outcome.OutOfRange;
        }

        for (int k = 0; k < expected.Length; k++)
        {
            if (!(Math.Abs(actual[k] - expected[k]) <= bar))
            {
                string what = k == 0 ? "the value" : "partial " + (k - 1);
                failure = $"{what}: float {actual[k]:R}, the double method {expected[k]:R} (allowed {bar:G3}); float ({string.Join(", ", actual.Select(a => a.ToString("R")))}), double ({string.Join(", ", expected.Select(e => e.ToString("R")))})";
                return Outcome.Mismatch;
            }
        }

        return Outcome.Agrees;
    }

    /// <summary>How far a <c>float</c> result may be from <paramref name="expected"/>'s.</summary>
    public static double Bar(double[] expected) => Tolerance * Math.Max(1.0, expected.Max(Math.Abs));

    /// <summary>Each of <paramref name="inputs"/> moved by <see cref="Step"/> either way, one coordinate at a time.</summary>
    public static IEnumerable<double[]> Neighbours(double[] inputs)
    {
        for (int k = 0; k < inputs.Length; k++)
        {
            foreach (double sign in new[] { -1.0, 1.0 })
            {
                double[] moved = (double[])inputs.Clone();
                moved[k] += sign * Step;
                yield return moved;
            }
        }
    }
}
