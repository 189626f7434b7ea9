using Xunit;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Call graphs the call-graph property (<see cref="CallGraphProperties"/>) found wrong, shrunk by
/// hand, replayed through the same check (<see cref="CallGraphBatch"/>: values, finite differences
/// and the pullback contract of every method).
/// </summary>
public class CallGraphRegressions
{
    /// <summary>
    /// Found with point seed 471501824 (a 4-method graph whose <c>F1</c> called
    /// <c>F0(t2, Math.Max(-1.125, -1.0), Math.Pow(1.25, x), -(0.0), 2.0)</c>). BodyLowerer.LowerUserCall
    /// tests <c>arguments.Any(a => a == Invalid)</c>, and <c>Invalid</c> is <c>Constant.Zero</c>: a record,
    /// so an argument that lowers to the constant 0.0 (or -0.0) compares equal, and the whole call is
    /// silently replaced by 0.0 in FGradient and FPullback, with no diagnostic. (That check is gone: a
    /// problem with an argument is reported where it is lowered.)
    /// </summary>
    [Fact]
    public void CallWithAZeroArgumentKeepsItsValue() => AssertPasses(
        """
        using System;
        using SymGrad;

        public static partial class ZeroArgument
        {
            [Differentiable]
            public static double F0(double y, double z) => y + z;

            [Differentiable]
            public static double F1(double x) => F0(x, 0.0) * x;

            [Differentiable]
            public static double F2(double x) => F0(x, -(0.0)) * x + F0(x, 0.5 * 0.0);
        }
        """,
        pointSeed: 5);

    private static void AssertPasses(string source, int pointSeed)
    {
        BatchCheck check = CallGraphBatch.Check(new[] { new CallGraphBatch.Program(source, pointSeed) });
        Assert.True(check.Passed, check.Failure);
        Assert.True(check.Checked > 0, "no point could be checked");
    }
}
