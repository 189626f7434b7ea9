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

    /// <summary>
    /// Found by CI with <c>CsCheck_Seed=0rTzFWaYAtQa</c> (pullback calls), the program and point seed exactly as it
    /// printed them. At this point <c>F1</c> calls <c>F0(Math.Exp(s), ...)</c> with an argument of 51.6, and there
    /// <c>Math.Sinh(y) + Math.Tanh(y) * (y - Math.Sinh(y))</c> is 1.3e22 - 1.3e22 = 0 (y is lost in the difference)
    /// where the source's function is 51.6. Finite differences follow the rounded program (1.1705, flat), the chain
    /// rule follows the source (-46.83; the function itself, in 60 digits, has 1.349, since its Min takes the other
    /// side). The check must count the point as one that cannot judge (<see cref="CancellationProbe"/>), not fail it.
    /// </summary>
    [Fact]
    public void ASumThatCancelsToNothingIsNotJudged()
    {
        BatchCheck check = CallGraphBatch.Check(new[] { new CallGraphBatch.Program(CancellingCallee, 1580033012) }, inlining: false);
        Assert.True(check.Passed, check.Failure);
        Assert.EndsWith("the program's 's += (Math.Tanh(y)) * ((y) - (s))' cancels", Assert.Single(check.CancelledPoints!));
        Assert.True(check.Checked > 0, "no point could be checked");
    }

    private const string CancellingCallee =
        """
        using System;
        using SymGrad;

        public static partial class G44_A
        {
            [Differentiable]
            public static double F0(double y, double[] w, double x)
            {
                double s = Math.Sinh(y);
                s += (Math.Tanh(y)) * ((y) - (s));
                return 2.0 * Math.Atan((0.5 * s) + (-(w[0])));
            }
        }

        public static partial class G44_A
        {
            [Differentiable]
            public static double F1([NoDerivative] double c, double x)
            {
                double s = Math.Pow(1.0 + (x) * (x), 2.0 * Math.Tanh(1.625));
                double[] t = new double[3];
                for (int i = 0; i < t.Length; i++)
                {
                    t[i] = (x) / (0.5 + (x) * (x));
                }
                s -= (F0((1.5) - (c), t, 1.375)) - (((F0(s, t, (x) * (c)) > s) ? (F0((1.5) - (c), t, 1.375)) : (s)));
                double[] t2 = new double[3];
                for (int i = 0; i < t2.Length; i++)
                {
                    t2[i] = ((!(x <= 0.25 * i)) ? (0.25 * i) : (Math.Pow(1.0 + (x) * (x), 2.0 * Math.Tanh(x))));
                }
                s -= Math.Min(F0(Math.Exp(s), t2, SymMath.Sigmoid(s)), x);
                return 2.0 * Math.Atan((0.5 * s) + (Math.Max(x, x)));
            }
        }
        """;

    private static void AssertPasses(string source, int pointSeed)
    {
        BatchCheck check = CallGraphBatch.Check(new[] { new CallGraphBatch.Program(source, pointSeed) });
        Assert.True(check.Passed, check.Failure);
        Assert.True(check.Checked > 0, "no point could be checked");
    }
}
