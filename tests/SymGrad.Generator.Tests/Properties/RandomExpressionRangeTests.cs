using System;
using Xunit;
using static SymGrad.Generator.Tests.Properties.RandomExpression;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// <see cref="RandomExpressionRange"/>, which decides the points the <c>float</c> expression family counts instead of
/// judging: if it said "fits" everywhere, the family would fail at random on <c>float</c>'s range; if it said "does not
/// fit" too often, the family would judge little (it asserts at most 2%).
/// </summary>
public class RandomExpressionRangeTests
{
    [Fact]
    public void AnExpTowerPastFloatsRangeDoesNotFit()
    {
        // exp(exp(exp(1.5))) = exp(88.2), about 2e38: finite in float only just, and its square is not.
        var tower = new Unary("Exp", new Unary("Exp", new Unary("Exp", new Literal(1.5))));
        Assert.False(tower.FitsFloat(0.31, -0.72, 1.13));
        Assert.True(new Unary("Exp", new Unary("Exp", new Literal(1.5))).FitsFloat(0.31, -0.72, 1.13));
    }

    [Fact]
    public void ACosineOfALargeArgumentDoesNotFitButOfASmallOneDoes()
    {
        // The second hunt's case: the cosine of exp(exp(2.5)), about 195,000.
        Assert.False(new Unary("Cos", new Unary("Exp", new Unary("Exp", new Literal(2.5)))).FitsFloat(0.31, -0.72, 1.13));
        Assert.True(new Unary("Cos", new Binary("*", new Variable(0), new Literal(8.0))).FitsFloat(0.31, -0.72, 1.13));
    }

    [Fact]
    public void InnerFormsCountToo()
    {
        // A quotient by 0.5 + r * r: r = exp(20) is 4.9e8, fine, but r * r is 2.4e17, past the bound.
        var quotient = new Binary("/", new Variable(0), new Unary("Exp", new Literal(20.0)));
        Assert.False(quotient.FitsFloat(0.31, -0.72, 1.13));
        Assert.True(new Binary("/", new Variable(0), new Unary("Exp", new Literal(2.0))).FitsFloat(0.31, -0.72, 1.13));
    }

    [Fact]
    public void AConditionalPassesOnTheTakenArmsValueAndCountsBothArms()
    {
        // x < y is false at (0.31, -0.72): the false arm, 0.5, goes into the exp tower (181 at
        // the top); the true arm's 3.0, taken at y = 0.72, overflows it.
        var conditional = new Conditional("<", new Variable(0), new Variable(1), new Literal(3.0), new Literal(0.5));
        Assert.True(new Unary("Exp", new Unary("Exp", new Unary("Exp", conditional))).FitsFloat(0.31, -0.72, 1.13));
        Assert.False(new Unary("Exp", new Unary("Exp", new Unary("Exp", conditional))).FitsFloat(0.31, 0.72, 1.13));

        // Both arms' intermediates count, the untaken one too.
        var untakenHuge = new Conditional("<", new Variable(0), new Variable(1), new Unary("Exp", new Literal(40.0)), new Literal(0.5));
        Assert.False(untakenHuge.FitsFloat(0.31, -0.72, 1.13));
    }

    [Fact]
    public void TheRangesValueIsCheckedAgainstTheMethod()
    {
        // softplus(x) * exp(y): the evaluator and a method computing it agree to the bit.
        var expression = new Binary("*", new Unary("softplus", new Variable(0)), new Unary("Exp", new Variable(1)));
        Assert.Null(SinglePrecisionBatch.RangeDisagrees(expression, (x, y, z) => SymMath.Softplus(x) * Math.Exp(y), 0.31, -0.72, 1.13));

        // A method whose form drifted from the evaluator's (log1p written as log(1 + e)) is reported where the two differ.
        Assert.NotNull(SinglePrecisionBatch.RangeDisagrees(expression, (x, y, z) => (Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))) + 1e-9) * Math.Exp(y), 0.31, -0.72, 1.13));

        // A comparison at a tie is not judged: x < y at x = y may take either arm after a rounding.
        var tie = new Conditional("<", new Variable(0), new Variable(1), new Literal(3.0), new Literal(0.5));
        Assert.Null(SinglePrecisionBatch.RangeDisagrees(tie, (x, y, z) => 3.0, 0.5, 0.5, 1.13));
        Assert.NotNull(SinglePrecisionBatch.RangeDisagrees(tie, (x, y, z) => 3.0, 0.6, 0.5, 1.13));
    }
}
