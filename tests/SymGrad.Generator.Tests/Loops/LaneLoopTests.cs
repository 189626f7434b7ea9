using System.Linq;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Element-wise loops (docs/how-it-works.md, "Element-wise loops"): which loops run eight elements at a time and
/// which stay scalar, each checked against central finite differences over 19 elements (two vector steps and a tail).
/// </summary>
public class LaneLoopTests
{
    private static readonly double[] Nineteen = Enumerable.Range(0, 19).Select(k => System.Math.Sin(k + 1)).ToArray();

    [Fact]
    public void AMapThatSavesTwoValuesPerElementStaysScalar()
    {
        // The tape holds each element's values together (the sigmoid, then the element it overwrote); eight lanes of
        // each would change that order, so a loop that pushes or pops more than one value per iteration stays scalar.
        // (h[3] is written and read before the loop: that read's reverse code, after the loop's, needs the element back.)
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] h = new double[19];
                    h[3] = x * x;
                    double before = h[3] * x;
                    for (int j = 0; j < 19; j++)
                    {
                        h[j] = SymMath.Sigmoid(a[j] * x + 0.5);
                    }

                    double total = before;
                    for (int j = 0; j < 19; j++)
                    {
                        total += h[j] * h[j] * (j + 1);
                    }

                    return total;
            """,
            Nineteen,
            0.7));
        Assert.Contains("h[j] = previous", generated);
        Assert.DoesNotContain("Vector512", generated);
    }

    [Fact]
    public void AddsIntoOneArrayAtThreeRunsRunEightElementsAtATime()
    {
        // The reverse of a term that reads three neighbours adds into da at runs j - 1, j and j + 1; the loop never reads
        // da, so each vector step adds at each run in turn (docs/how-it-works.md, "Element-wise loops").
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double total = 0;
                    for (int j = 1; j < 18; j++)
                    {
                        total += SymMath.Softplus((a[j] * a[j - 1] * x) - (0.5 * a[j + 1]));
                    }

                    return total;
            """,
            Nineteen,
            0.7));
        Assert.Contains("global::SymGrad.Lanes.Store(da, j - 1, global::SymGrad.Lanes.Load(da, j - 1) + ", generated);
        Assert.Contains("global::SymGrad.Lanes.Store(da, j + 1, global::SymGrad.Lanes.Load(da, j + 1) + ", generated);
        Assert.Contains("the adds into da at several runs reach an element in another order", generated);
    }

    [Fact]
    public void AReverseLoopAddingAtTwoRunsRunsEightElementsAtATimeFromTheTop()
    {
        // The sigmoids are kept in y; the reverse of their loop runs j downwards, reading y[j] and adding into da at j
        // and j + 1 (lane l holding element j - 7 + l).
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] y = new double[19];
                    for (int j = 0; j < 18; j++)
                    {
                        y[j] = SymMath.Sigmoid((a[j] * a[j + 1]) - x);
                    }

                    double total = 0;
                    for (int j = 0; j < 18; j++)
                    {
                        total += y[j] * y[j] * (j + 1);
                    }

                    return total;
            """,
            Nineteen,
            0.7));
        Assert.Contains("from the top (lane l holds element j - 7 + l)", generated);
        Assert.Contains("at several runs reach an element in another order", generated);
    }

    [Fact]
    public void TwoAddsAtOneRunRunEightElementsAtATime()
    {
        // a[j] is both a factor and the exp's argument: the reverse adds into da[j] twice, each lane to its own element
        // in the body's order (the scalar loop's order for every element).
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double total = 0;
                    for (int j = 0; j < 19; j++)
                    {
                        total += Math.Exp(a[j] * x) * a[j];
                    }

                    return total;
            """,
            Nineteen,
            0.7));
        int vectorLoop = generated.IndexOf("for (; (long)j + global::SymGrad.Lanes.Count <= 19;", System.StringComparison.Ordinal);
        int tail = generated.IndexOf("for (; j < 19; j++)", System.StringComparison.Ordinal);
        Assert.True(vectorLoop > 0 && tail > vectorLoop, "a vector loop, then the loop for the last elements");
        string vectorBody = generated[vectorLoop..tail];
        Assert.Equal(2, vectorBody.Split("global::SymGrad.Lanes.Store(da, j, ").Length - 1);
        Assert.DoesNotContain("several runs", generated);
    }

    [Fact]
    public void AUsersArrayAddedToAtTwoRunsStaysScalarWhileItsOldElementsAreSaved()
    {
        // s[j] is read after s[j + 1] was added to in the iteration before: lanes would read it before that add. (The
        // forward sweep writes s[j] = s[j] + e and saves each element it overwrites, four values a step, which keeps the
        // loop scalar before the rule on reads is reached; the reverse sweep's adjoint arrays are only added to.)
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] s = new double[20];
                    double total = 0;
                    for (int j = 0; j < 19; j++)
                    {
                        s[j] += Math.Exp(a[j] * x);
                        s[j + 1] += Math.Exp(-a[j]);
                        total += s[j] * s[j];
                    }

                    return total;
            """,
            Nineteen,
            0.7));
        Assert.DoesNotContain("Lanes.Store(s, j + 1", generated);
        Assert.DoesNotContain("several runs", generated);
    }

    [Fact]
    public void AHiddenLayerAfterItsProductsRunsEightUnitsAtATime()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] d = new double[40];
                    for (int k = 0; k < 40; k++)
                    {
                        d[k] = Math.Sin(k + 1);
                    }

                    double[] h = new double[9];
                    double total = 0;
                    for (int i = 0; i < 4; i++)
                    {
                        for (int j = 0; j < 9; j++)
                        {
                            double s = a[18 + j] * 0.5;
                            for (int t = 0; t < 2; t++)
                            {
                                s += a[j * 2 + t] * d[i * 2 + t];
                            }

                            h[j] = SymMath.Sigmoid(s);
                        }

                        // An int that differs between rows keeps the rows from running in lanes (RowLaneTests), so the
                        // hidden layer's loops are the ones that do.
                        int weight = i % 2 + 1;
                        for (int j = 0; j < 9; j++)
                        {
                            total += h[j] * a[j] * x * weight;
                        }
                    }

                    return total;
            """,
            Enumerable.Range(0, 27).Select(k => System.Math.Cos(k + 1)).ToArray(),
            0.3));
        Assert.DoesNotContain("rows at a time", generated);
        Assert.Contains("global::System.Runtime.Intrinsics.Vector512<double> sigmoid = global::SymGrad.SymMath.Sigmoid(s);", generated);
        Assert.Contains("global::SymGrad.Lanes.Store(h, j, sigmoid);", generated);
        Assert.Contains("tape.Push(sigmoid);", generated);
        Assert.Contains("global::System.Runtime.Intrinsics.Vector512<double> sigmoid = tape.PopLanes();", generated);
        Assert.Contains("for (; (long)j - (global::SymGrad.Lanes.Count - 1) >= 0; j -= global::SymGrad.Lanes.Count)", generated);
    }

    [Fact]
    public void ASumIntoTheEnclosingCodeKeepsLanesAndAddsThemOnceAfterTheVectorLoopAndASoftplusWithItsSigmoidTakesOneExp()
    {
        // Logistic regression's row loop, fused: the loss summed into a variable, the bias's derivative into one element.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double total = 0;
                    for (int j = 0; j < 18; j++)
                    {
                        double z = a[0] + a[j + 1] * x;
                        total += SymMath.Softplus(z) - 0.5 * z;
                    }

                    return total;
            """,
            Nineteen,
            0.7));
        Assert.Contains("global::System.Runtime.Intrinsics.Vector512<double> totalLanes = global::System.Runtime.Intrinsics.Vector512.Create(-0.0);", generated);
        Assert.Contains("total += global::SymGrad.Lanes.Sum(totalLanes);", generated);
        Assert.Contains("da[0] += global::SymGrad.Lanes.Sum(daLanes);", generated);

        // The loss's softplus and its derivative's sigmoid of one logit: one SymMath.Softplus(z, out sigmoid) in the vector
        // loop (the same bits as the two calls), the calls as written in the loop for the last elements.
        Assert.Contains("global::System.Runtime.Intrinsics.Vector512<double> softplusOfZ = global::SymGrad.SymMath.Softplus(z, out global::System.Runtime.Intrinsics.Vector512<double> sigmoidOfZ);", generated);
        Assert.Contains("totalLanes += softplusOfZ - ", generated);
        Assert.Single(Occurrences(generated, "global::SymGrad.SymMath.Softplus(z)"));
        Assert.Single(Occurrences(generated, "global::SymGrad.SymMath.Sigmoid(z)"));
    }

    private static System.Collections.Generic.IEnumerable<int> Occurrences(string text, string part)
    {
        for (int at = text.IndexOf(part, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, System.StringComparison.Ordinal))
        {
            yield return at;
        }
    }

    [Fact]
    public void ASumIntoAnElementIsAddedOnlyWhenTheVectorLoopRan()
    {
        // With no element, the loop runs no iteration and never indexes a[a.Length - 1] (here a[-1]): neither may its lanes' sum.
        const string Body = """
                    double total = 0;
                    for (int j = 0; j < a.Length - 1; j++)
                    {
                        double z = a[a.Length - 1] + a[j] * x;
                        total += Math.Exp(z);
                    }

                    return total;
            """;
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(Body, Nineteen, 0.3));
        Assert.Contains("da[a.Length - 1] += global::SymGrad.Lanes.Sum(daLanes);", generated);
        GradientProbe.Check(Body, System.Array.Empty<double>(), 0.3);
    }

    [Fact]
    public void ALoopWithABranchStaysScalar()
    {
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double total = 0;
                    for (int j = 0; j < 19; j++)
                    {
                        double e = Math.Exp(a[j] * x);
                        if (e > 1.2)
                        {
                            e = e * 0.5;
                        }

                        total += e;
                    }

                    return total;
            """,
            Nineteen,
            0.7));
        Assert.DoesNotContain("Vector512", generated);
    }
}
