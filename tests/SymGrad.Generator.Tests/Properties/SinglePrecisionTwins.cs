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
/// The bar: every <c>float</c> operation rounds (relative 6e-8), so a correct <c>float</c> value agrees with the
/// <c>double</c> one to <see cref="Tolerance"/> of itself (at least 1), and with the <c>float</c> method's own to
/// <see cref="ValueAgainstMethod"/>; each partial agrees to <see cref="Tolerance"/> of the largest of the value and the
/// partials (at least 1): a partial's <c>float</c> error follows the intermediates it is made of. The consumer tests'
/// bar for the samples' models (docs/single-precision.md) is <see cref="Tolerance"/> of the largest partial; random
/// compositions need the larger scale.
/// A point where the <c>float</c> method's own value is off from the <c>double</c> method's by more than a tenth of the bar
/// (<see cref="Outcome.Unresolved"/>: a constant's cancellation, a periodic function of a large argument) is not judged. Where the <c>double</c> method itself
/// moves by more than that between inputs <see cref="Step"/> apart (a branch, a min or max switching, a kink, a steep
/// function: <c>float</c> rounding can land on either side), the point is not judged. Neither is a point past <c>float</c>'s
/// range (3.4e38): the <c>float</c> method's own value overflows, or an intermediate does, which the test tells
/// for the random expressions by evaluating them itself (<see cref="RandomExpressionRange"/>) and for the loop programs
/// by running a probed copy (<see cref="FloatRangeProbe"/>). There the chain rule can meet 0 x infinity while the value
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

        /// <summary>Past <c>float</c>'s range: the <c>float</c> method's value is not finite, or an intermediate the test can see is past the range or resolution.</summary>
        OutOfRange,

        /// <summary>The <c>float</c> method's own value is not within a tenth of the bar of the <c>double</c> method's: rounding decides.</summary>
        Unresolved,
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
    /// Judges the <c>float</c> gradient's results <paramref name="actual"/> (the value, then the partials) against the
    /// <c>double</c> method's <paramref name="expected"/> at the same inputs, given its results at the inputs moved by
    /// <see cref="Step"/> and the <c>float</c> method's own value there (<paramref name="floatValue"/>, user code the
    /// compiler built, not the generator).
    /// </summary>
    /// <param name="pastRange">Whether the test can tell that an intermediate passes <c>float</c>'s range or resolution.</param>
    public static Outcome Judge(double[] expected, IEnumerable<double[]> neighbours, float[] actual, float floatValue, bool pastRange, out string? failure)
    {
        failure = null;
        if (expected.Any(e => !double.IsFinite(e)) || Math.Abs(expected[0]) > 1e30)
        {
            return Outcome.Unjudgeable;
        }

        double smooth = Tolerance * Math.Max(1.0, expected.Max(Math.Abs));
        foreach (double[] moved in neighbours)
        {
            for (int k = 0; k < expected.Length; k++)
            {
                if (!(Math.Abs(moved[k] - expected[k]) <= smooth))
                {
                    return Outcome.Unjudgeable;
                }
            }
        }

        if (pastRange || !float.IsFinite(floatValue))
        {
            return Outcome.OutOfRange;
        }

        // The value against its own scale (the check below settles that the float method computes it to well within
        // that); a partial against the largest of the value and the partials, since its float error follows the
        // intermediates it is made of, not itself: the derivative of tanh at 8.85 is 1 - t * t of a t that float
        // rounds to within 6e-8 of 1, so a partial of size 1e-3 built on a value of 324 is off by 6e-4 in float (a hunt's
        // false failure against a bar of 1e-4 of the largest partial).
        double valueBar = Tolerance * Math.Max(1.0, Math.Abs(expected[0]));
        double partialBar = smooth;
        if (!(Math.Abs(floatValue - expected[0]) <= valueBar / 10))
        {
            // The method itself, in float, is not within a tenth of the bar of itself in double: rounding of its
            // intermediates (a constant's cancellation, a periodic function of a large argument) decides the answer here.
            return Outcome.Unresolved;
        }

        string? Failure(string what, double got, string reference, double want, double bar) =>
            Math.Abs(got - want) <= bar ? null
            : $"{what}: float {got:R}, {reference} {want:R} (allowed {bar:G3}); float gradient ({string.Join(", ", actual.Select(a => a.ToString("R")))}), double ({string.Join(", ", expected.Select(e => e.ToString("R")))}), float method {floatValue:R}";

        failure = Failure("the value", actual[0], "the float method", floatValue, ValueAgainstMethod * Math.Max(1.0, Math.Abs(floatValue)))
            ?? Failure("the value", actual[0], "the double method", expected[0], valueBar);
        for (int k = 1; failure is null && k < expected.Length; k++)
        {
            failure = Failure("partial " + (k - 1), actual[k], "the double method", expected[k], partialBar);
        }

        return failure is null ? Outcome.Agrees : Outcome.Mismatch;
    }

    /// <summary>
    /// How far the <c>float</c> gradient's value may be from the <c>float</c> method's, relative: the same operations in the
    /// same precision, but constants the simplifier folds are folded in <c>double</c> and rounded once.
    /// </summary>
    public const double ValueAgainstMethod = 1e-5;

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
