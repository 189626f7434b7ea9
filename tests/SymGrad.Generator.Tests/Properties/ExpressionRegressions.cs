using Xunit;
using static SymGrad.Generator.Tests.Properties.RandomExpression;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Random expressions the expression property (<see cref="GradientProperties"/>) failed on, replayed through the same
/// check (<see cref="ExpressionBatch"/>: the value bit for bit, every partial against central differences).
/// </summary>
public class ExpressionRegressions
{
    /// <summary>
    /// Found by a hunt on 2026-12-07 (<c>CsCheck_Seed=44Nj9SpnewI1</c>). At the point (-1.21, 0.43, -0.52) the tangent's
    /// argument x / (0.5 + z * z) is 2e-4 from -pi/2, the tangent about -5,000 and its cosh infinite; the tanh of that is
    /// 1, so the value is finite (the base to the power 2) and differences give -11.93 along x, while the chain rule's
    /// sech^2 * sinh is 0 x infinity, NaN, as in every AD tool (docs/second-order.md, "Not covered"). The check does not
    /// judge a partial that is not finite where an intermediate overflows, and judges the other two points.
    /// </summary>
    [Fact]
    public void AnOverflowUnderASaturatedTanhIsNotJudged()
    {
        RandomExpression expression = new Binary("pow", new Variable(0), new Unary("Cosh", new Unary("Tan", new Binary("/", new Variable(0), new Variable(2)))));
        Assert.Equal("Math.Pow(1.0 + (x) * (x), 2.0 * Math.Tanh(Math.Cosh(Math.Tan((x) / (0.5 + (z) * (z))))))", expression.Render());

        BatchCheck check = ExpressionBatch.Check(new[] { expression });

        Assert.True(check.Passed, check.Failure);
        Assert.Equal(1, check.Skipped);
        Assert.Equal(2, check.Checked);
    }
}
