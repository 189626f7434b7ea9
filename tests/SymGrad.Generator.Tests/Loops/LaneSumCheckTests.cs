using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Vectorization;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Which sums into the enclosing code an element-wise loop keeps in lanes (<see cref="ElementwiseLoops.Check"/>), on
/// loops built directly: a sum the loop also reads, or an array it sums into an element of and also reads, keeps the
/// loop scalar (its lanes would read a partial sum); sums that only add, into a variable or into one element beside
/// adds at a run of the same array, are kept.
/// </summary>
public class LaneSumCheckTests
{
    private static readonly Variable J = new("j", ValueKind.Int);
    private static readonly Expr E = new Call(MathFunction.Exp, new ElementRead("a", J, ValueKind.Double), null);
    private static readonly Variable Total = new("total", ValueKind.Double);

    [Fact]
    public void AVariableSumIsKeptInLanes()
    {
        var check = ElementwiseLoops.Check(Loop(new CodeDeclare("e", ValueKind.Double, E), new CodeAddTo("total", Local("e"))));
        Assert.NotNull(check);
        Assert.Equal(("total", (Expr?)null), Assert.Single(check.Value.Sums));
    }

    [Fact]
    public void ASumTheLoopAlsoReadsIsNot()
    {
        Assert.Null(ElementwiseLoops.Check(Loop(
            new CodeDeclare("e", ValueKind.Double, E),
            new CodeAddTo("total", Local("e")),
            new CodeAssign("b", new Binary(BinaryOperator.Multiply, Local("e"), Total, ValueKind.Double), J))));
    }

    [Fact]
    public void AnElementSumBesideAddsAtARunIsKeptButNotBesideAReadOfTheArray()
    {
        var zero = new IntConstant(0);
        var adds = ElementwiseLoops.Check(Loop(new CodeDeclare("e", ValueKind.Double, E), new CodeAddTo("g", Local("e"), zero), new CodeAddTo("g", Local("e"), J)));
        Assert.NotNull(adds);
        Assert.Equal(("g", (Expr?)zero), Assert.Single(adds.Value.Sums));

        Assert.Null(ElementwiseLoops.Check(Loop(
            new CodeDeclare("e", ValueKind.Double, E),
            new CodeAddTo("g", Local("e"), zero),
            new CodeAssign("b", new Binary(BinaryOperator.Multiply, Local("e"), new ElementRead("g", J, ValueKind.Double), ValueKind.Double), J))));
    }

    [Fact]
    public void AnElementSumAtAnIndexTheLoopMovesIsARunNotASum()
    {
        var check = ElementwiseLoops.Check(Loop(new CodeDeclare("e", ValueKind.Double, E), new CodeAddTo("g", Local("e"), J)));
        Assert.NotNull(check);
        Assert.Empty(check.Value.Sums);
    }

    private static Variable Local(string name) => new(name, ValueKind.Double);

    private static CodeFor Loop(params CodeStmt[] body) => new("j", new IntConstant(0), new Variable("n", ValueKind.Int), false, body.ToEquatableArray());
}
