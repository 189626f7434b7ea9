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
        // GMM's lIndex: set before the triangle, incremented once per entry. The reverse loops undo the
        // increments; the tape holds only the recurrence's values.
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
        Assert.Contains(" - 1;", generated);
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
}
