using System.Linq;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Restores no code reads (<c>Differentiation/DeadRestores</c>): a local array written by a top-level statement that
/// reads it only to save its old elements, and referenced by no statement before it, gets no restores in the reverse
/// sweep and no saves in the forward sweep. Each method is checked against central finite differences
/// (<see cref="GradientProbe"/>); the shapes that keep their restores need them, so a rule that dropped them would fail there.
/// </summary>
public class DeadRestoreTests
{
    private static readonly double[] Seven = Enumerable.Range(0, 7).Select(k => 0.6 * System.Math.Cos(k + 0.3)).ToArray();

    [Fact]
    public void AnArrayFilledOnceFromTheInputsIsNeitherSavedNorRestored()
    {
        // ADBench GMM's first loop: every element written once from the inputs, read only by the loops after it.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] e = new double[7];
                    double[] sums = new double[2];
                    for (int k = 0; k < 2; k++)
                    {
                        double sum = 0;
                        for (int j = 0; j < 3; j++)
                        {
                            double q = a[k * 3 + j];
                            sum += q;
                            e[k * 3 + j] = Math.Exp(q * x);
                        }

                        sums[k] = sum;
                    }

                    double total = 0;
                    for (int i = 0; i < 6; i++)
                    {
                        total += e[i] * e[i] * a[6] + sums[i / 3] * x;
                    }

                    return total;
            """,
            Seven,
            0.4));
        Assert.DoesNotContain("previous", generated);
    }

    [Fact]
    public void AnArrayReadBeforeTheLoopThatOverwritesItKeepsItsRestores()
    {
        // before reads h[3] ahead of the loop; its reverse code runs after the loop's and needs the old element back.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] h = new double[7];
                    h[3] = x * x;
                    double before = h[3] * a[0];
                    for (int j = 0; j < 7; j++)
                    {
                        h[j] = Math.Sin(a[j] * x);
                    }

                    double total = before;
                    for (int j = 0; j < 7; j++)
                    {
                        total += h[j] * (j + 1);
                    }

                    return total;
            """,
            Seven,
            0.7));
        Assert.Contains("h[j] = previous", generated);
    }

    [Fact]
    public void ALoopThatReadsTheElementsItOverwritesKeepsItsRestores()
    {
        // t[i % 2] is read and written again two iterations later: each reverse iteration needs the element as it was.
        string generated = GradientProbe.GradientMethod(GradientProbe.Check(
            """
                    double[] t = new double[2];
                    for (int i = 0; i < 7; i++)
                    {
                        t[i % 2] = t[i % 2] * Math.Cos(x * a[i]) + a[i] * a[i];
                    }

                    return t[0] * t[1];
            """,
            Seven,
            0.3));
        Assert.Contains("= previous", generated);
    }
}
