using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// What a taped loop computes again instead of saving (docs/loops-and-arrays.md, "Recomputing instead
/// of taping"): each case is checked against central finite differences and for the shape of the
/// generated code, including the cases where a transformation must not apply.
/// </summary>
public class RecomputeTests
{
    private static readonly double[] Six = { 0.3, -0.2, 0.5, 0.7, 1.1, -0.4 };

    [Fact]
    public void ANestedLoopsCarriedIntegerIsReadWithTheValueTheLoopLeft()
    {
        // l = i is computed from the counter, but the inner loop changes it before a[l] reads it:
        // computing it again in the reverse iteration read a[i] instead of a[i + 2].
        GradientProbe.Check(
            """
                    double s = x;
                    for (int i = 0; i < 3; i++)
                    {
                        int l = i;
                        for (int j = 0; j < 2; j++)
                        {
                            l++;
                        }

                        s = s * x + a[l];
                    }

                    return s;
            """,
            Six,
            0.8);
    }

    [Fact]
    public void AnIndexIncrementedThroughATriangleRunsBackwardsInsteadOfBeingTaped()
    {
        // GMM's lIndex: set before the triangle, incremented once per entry. The row loop reads it in closed form
        // (Normalization/InductionVariables) and steps it by the row's length; the reverse undoes that step; the tape
        // holds only the recurrence's values.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double s = x;
                    int l = 0;
                    for (int i = 0; i < 3; i++)
                    {
                        for (int j = i + 1; j < 3; j++)
                        {
                            s = Math.Sin(s * a[l]) + x;
                            l++;
                        }
                    }

                    return s + a[l];
            """,
            Six,
            0.8));
        Assert.DoesNotContain("(int)tape.Pop()", generated);
        Assert.DoesNotContain("tape.Push(l", generated);
        Assert.Contains(" - (global::System.Math.Max(i + 1, 3) - i - 1);", generated);
    }

    [Fact]
    public void AStrideReadFromOutsideTheLoopIsUndoneToo()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double s = x;
                    int step = a.Length / 6;
                    int l = 1;
                    for (int i = 0; i < 3; i++)
                    {
                        s = s * a[l] + x;
                        l = l + step;
                        s = Math.Tanh(s + a[l - 1]);
                    }

                    return s;
            """,
            Six,
            0.6));
        Assert.DoesNotContain("(int)tape.Pop()", generated);
    }

    [Theory]
    [InlineData("l = (l * 2 + 1) % 6;")]
    [InlineData("if (s > 0.5) { l++; }")]
    [InlineData("l = l + l % 2 + 1;")]
    public void AnIndexThatCannotBeUndoneIsStillTaped(string update)
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double s = x;
                    int l = 0;
                    for (int i = 0; i < 3; i++)
                    {
                        s = Math.Sin(s * a[l]) + x;
                        UPDATE
                    }

                    return s;
            """.Replace("UPDATE", update),
            Six,
            0.8));
        Assert.Contains("(int)tape.Pop()", generated);
    }

    [Fact]
    public void AnIndexChangedByAnInnerLoopWithoutReverseCodeIsTaped()
    {
        // The inner loop has no derivative work, so no reverse loop undoes its increments: the outer
        // loop must save its index rather than run it backwards.
        GradientProbe.Check(
            """
                    double s = x;
                    int l = 0;
                    for (int i = 0; i < 2; i++)
                    {
                        for (int j = 0; j < 2; j++)
                        {
                            l++;
                        }

                        s = Math.Sin(s * a[l]) + x;
                        l++;
                    }

                    return s;
            """,
            Six,
            0.8);
    }

    [Fact]
    public void AContributionReadingTheIndexAfterTheLoopIsEvaluatedBeforeTheLoopRunsItBackwards()
    {
        // t's adjoint a[l] is queued before the loop's reverse and summed after it, when l is back to 0.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double s = x;
                    double t = x * x;
                    int l = 0;
                    for (int i = 0; i < 3; i++)
                    {
                        s = Math.Sin(s * a[l]) + x;
                        l++;
                    }

                    return s + t * a[l];
            """,
            Six,
            0.8));
        Assert.DoesNotContain("(int)tape.Pop()", generated);
    }

    [Theory]
    [InlineData("t[j] = t[j] + a[j] * s;")]
    [InlineData("t[j] = a[j] * s + t[j];")]
    [InlineData("t[j] -= a[j] * s;")]
    public void AnElementUpdatedInPlacePassesItsAdjointThrough(string update)
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] t = new double[a.Length];
                    double s = x;
                    for (int i = 0; i < 3; i++)
                    {
                        for (int j = 0; j < a.Length; j++)
                        {
                            UPDATE
                        }

                        s = Math.Sin(s + t[i]);
                    }

                    return s + t[4];
            """.Replace("UPDATE", update),
            Six,
            0.8));
        Assert.DoesNotContain("dt[j] = 0.0;", generated);
    }

    [Fact]
    public void AnElementUpdatedFromItsOwnArrayKeepsTheFullReverse()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] t = new double[a.Length];
                    double s = x;
                    for (int i = 0; i < 3; i++)
                    {
                        for (int j = 1; j < a.Length; j++)
                        {
                            t[j] = t[j] + t[j - 1] * s + a[j];
                        }

                        s = Math.Sin(s + t[i]);
                    }

                    return s + t[4];
            """,
            Six,
            0.8));
        Assert.Contains("dt[j] = 0.0;", generated);
    }

    /// <summary>
    /// GMM's per-component loop in small: scratch vectors filled from the inputs, a triangular product
    /// with a running index, a squared norm, all inside a taped loop (the recurrence on s).
    /// </summary>
    private const string Components = """
                    int d = 3;
                    double[] c = new double[d];
                    double[] q = new double[d];
                    double s = x;
                    for (int k = 0; k < 2; k++)
                    {
                        for (int j = 0; j < d; j++)
                        {
                            c[j] = x * (j + k + 1) - a[j];
                        }

                        for (int j = 0; j < d; j++)
                        {
                            q[j] = a[j] * c[j];
                        }

                        int l = d;
                        for (int i = 0; i < d; i++)
                        {
                            for (int j = i + 1; j < d; j++)
                            {
                                q[j] = q[j] + a[l] * c[i];
                                l++;
                            }
                        }

                        double norm = 0.0;
                        for (int j = 0; j < d; j++)
                        {
                            norm += q[j] * q[j];
                        }

                        s = Math.Sin(s) + norm;
                    }

                    return s;
            """;

    /// <summary>The iteration's element saves are all there: no strategy replaced them.</summary>
    private static void AssertTaped(string generated)
    {
        Assert.Contains("previous", generated);
        Assert.DoesNotContain("Recomputed", generated);
        Assert.DoesNotContain("PopRange", generated);
    }

    [Fact]
    public void AnIterationThatFillsScratchVectorsSavesTheirFinalContentsInsteadOfEveryOverwrittenElement()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(Components, Six, 0.3));
        Assert.Contains("tape.PushRange(c);\n            tape.PushRange(q);", generated);
        Assert.Contains("// The iteration's final contents of c, q, saved instead of every element it overwrites.\n            tape.PopRange(q);\n            tape.PopRange(c);", generated);
        Assert.DoesNotContain("previous", generated);
        Assert.DoesNotContain("Recomputed", generated);

        // The reverse triangle adds into dc[i] for every j: a local holds it.
        Assert.Contains("double dcSum = dc[i];", generated);
    }

    [Fact]
    public void AScratchVectorReadBeforeTheLoopThatFillsItKeepsItsSaves()
    {
        // c[1] read at the top of an iteration holds the previous iteration's value: its reverse reads it
        // after the reverse of the fill restored it.
        AssertTaped(GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] c = new double[3];
                    double s = x;
                    for (int k = 0; k < 3; k++)
                    {
                        s = s + c[1] * s;
                        for (int j = 0; j < 3; j++)
                        {
                            c[j] = a[j] * x + k;
                        }

                        s = Math.Sin(s + c[0] * c[1] + c[2]);
                    }

                    return s;
            """,
            Six,
            0.3)));
    }

    [Fact]
    public void AnElementTheReverseReadsBeforeItWasOverwrittenKeepsItsSave()
    {
        // c[j] = c[j] * c[j]: the derivative reads the old c[j], which only the restore brings back.
        AssertTaped(GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] c = new double[3];
                    double s = x;
                    for (int k = 0; k < 3; k++)
                    {
                        for (int j = 0; j < 3; j++)
                        {
                            c[j] = a[j] * s;
                        }

                        for (int j = 0; j < 3; j++)
                        {
                            c[j] = c[j] * c[j] + x;
                        }

                        s = Math.Sin(s + c[0] * c[1] + c[2]);
                    }

                    return s;
            """,
            Six,
            0.3)));
    }

    /// <summary>Scratch elements written one by one (no loop fills the array): what a recomputed iteration writes again.</summary>
    private const string Elements = """
                    double[] m = new double[3];
                    double[] c = new double[3];
                    double s = x;
                    for (int k = 0; k < 3; k++)
                    {
                        BEFORE
                        c[0] = FIRST;
                        c[1] = c[0] * a[1] + x;
                        AFTER
                        s = Math.Sin(s + c[0] * c[1]);
                        m[k] = s;
                    }

                    return s + m[1];
            """;

    private static string ElementsWith(string first = "a[0] * x + k", string before = "", string after = "") =>
        Elements.Replace("FIRST", first).Replace("BEFORE", before).Replace("AFTER", after);

    [Fact]
    public void ScratchElementsWrittenFromTheIterationsInputsAreWrittenAgainInsteadOfSaved()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(ElementsWith(), Six, 0.3));
        Assert.Contains("// Recomputed, instead of saving every element the iteration overwrites: its writes of c again.", generated);
        Assert.DoesNotContain("PopRange", generated);

        // m outlives the loop, but only the return reads it, after the loop: no reverse code reads m after the
        // loop's restores, so they are left out (Differentiation/DeadRestores), and so are the saves they would read.
        Assert.DoesNotContain("m[k] = previous", generated);
        Assert.DoesNotContain("double previous", generated);
    }

    [Fact]
    public void AScratchElementReadBeforeItIsWrittenKeepsItsSave()
    {
        AssertTaped(GradientProbe.GradientMethod(GradientProbe.Check(ElementsWith(before: "s = s + c[1] * s;"), Six, 0.3)));
    }

    [Fact]
    public void AScratchElementWrittenFromAnArrayTheIterationChangesKeepsItsSave()
    {
        // m[0] changes in the first iteration, after c[0] read it: when the reverse of that iteration
        // starts, m[0] holds the new value, not the one c[0] was computed from.
        AssertTaped(GradientProbe.GradientMethod(GradientProbe.Check(ElementsWith(first: "m[0] + a[0] * x"), Six, 0.3)));
    }

    [Fact]
    public void AScratchElementOverwrittenAfterTheReverseNeedsItKeepsItsSave()
    {
        // c[0] = c[0] * c[0]: its derivative reads the first c[0], which the second write overwrote.
        AssertTaped(GradientProbe.GradientMethod(GradientProbe.Check(ElementsWith(after: "c[0] = c[0] * c[0] + x;"), Six, 0.3)));
    }

    [Fact]
    public void AScratchElementCheaperToSaveThanToComputeAgainKeepsItsSave()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(ElementsWith(first: "Math.Exp(Math.Sin(a[0] * x + k))"), Six, 0.3));
        Assert.DoesNotContain("Recomputed", generated);
    }

    [Theory]
    [InlineData("if (x > 0) { c[j] = a[j] * x; } else { c[j] = a[j]; }", "s")]
    [InlineData("c[j] = a[j] * x;", "s + c[2]")]
    public void AScratchArrayWrittenInABranchOrUsedOutsideTheLoopKeepsItsSaves(string fill, string result)
    {
        AssertTaped(GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] c = new double[3];
                    double s = x;
                    for (int k = 0; k < 3; k++)
                    {
                        for (int j = 0; j < 3; j++)
                        {
                            FILL
                        }

                        s = Math.Sin(s + c[0] * c[1] + c[2]);
                    }

                    return RESULT;
            """.Replace("FILL", fill).Replace("RESULT", result),
            Six,
            0.3)));
    }

    [Fact]
    public void TheSameLoopWithItsScratchArrayFilledPlainlySavesItsFinalContents()
    {
        // The control for the cases above: nothing but the fill differs.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] c = new double[3];
                    double s = x;
                    for (int k = 0; k < 3; k++)
                    {
                        for (int j = 0; j < 3; j++)
                        {
                            c[j] = a[j] * x + k;
                        }

                        s = Math.Sin(s + c[0] * c[1] + c[2]);
                    }

                    return s;
            """,
            Six,
            0.3));
        Assert.Contains("tape.PopRange(c);", generated);
        Assert.DoesNotContain("previous", generated);
    }
}
