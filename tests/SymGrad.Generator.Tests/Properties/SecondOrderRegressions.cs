using Xunit;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Programs the second-order property (<see cref="SecondOrderProperties"/>) found wrong, shrunk by
/// hand, replayed through the same check (<see cref="SecondOrderBatch"/>: tangents, Hessian-vector
/// products against differences of the gradient, and Hessians).
/// </summary>
public class SecondOrderRegressions
{
    /// <summary>
    /// Found by the exit-loop family (CsCheck seed 0005101deKa3, whose program names were renamed to
    /// generated ones: <c>a -> index</c>, a loop counter <c>i -> dindexBuffer</c>). The gradient
    /// compiles, but the forward-mode methods declare the buffer <c>dindexBuffer</c> for the array
    /// parameter <c>index</c> inside the loop whose counter already has that name: CS0136.
    /// </summary>
    [Fact]
    public void LoopCounterNamedLikeTheArraysBuffer() => AssertPasses(
        """
        using System;
        using SymGrad;

        public static partial class T0_A
        {
            [Differentiable]
            public static double F(double[] index, double x)
            {
                double s = 1;
                for (int dindexBuffer = 0; dindexBuffer < index.Length; dindexBuffer++)
                {
                    s += x * Math.Min(index[dindexBuffer], index[dindexBuffer]);
                }

                return s;
            }
        }
        """,
        arrayLength: 3);

    /// <summary>
    /// Found by the call-graph family (CsCheck seed 0006RqRJAg-2, before this fix too). A call kept as
    /// a pullback call (G declares an array and is called in a branch) whose result nothing reads: the
    /// tangent program dropped the dead declaration hoisted before the branch but kept the assignment
    /// in it (the call is not pure), so <c>FTangent</c> did not compile (CS0103).
    /// </summary>
    [Fact]
    public void UnreadResultOfACallInABranch() => AssertPasses(
        """
        using System;
        using SymGrad;

        public static partial class T0_A
        {
            [Differentiable]
            public static double G(double x, double y)
            {
                double[] t = new double[2];
                t[0] = x * y;
                t[1] = Math.Sin(x);
                return t[0] + t[1];
            }

            [Differentiable]
            public static double Twice(double a, double b) => a * 2.0;

            [Differentiable]
            public static double F(double x, double y)
            {
                double s = x * y;
                if (x > 0.1)
                {
                    s += Twice(s, G(x, y));
                }

                return s;
            }
        }
        """,
        arrayLength: 3);

    private static void AssertPasses(string source, int arrayLength)
    {
        SecondOrderBatch.Outcome outcome = SecondOrderBatch.Check(new[] { new SecondOrderBatch.Program(source, PointSeed: 3) }, arrayLength);
        Assert.True(outcome.Failure is null, outcome.Failure);
        Assert.True(outcome.ProductsChecked > 0 && outcome.HessiansChecked > 0, "no product or Hessian could be checked");
    }
}
