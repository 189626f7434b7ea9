using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Vectorization;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// The rule of element-wise loops on arrays added to at several runs (docs/how-it-works.md, "Element-wise loops"),
/// on loops written in the generator's code IR, since no source method reaches every branch of it: a user's array
/// written in a loop is saved element by element, and a reverse sweep's adjoint arrays are only added to. An array
/// the loop only adds to, at several runs, lets the loop run in lanes; one it also reads, assigns or updates does not.
/// </summary>
public class ElementwiseLoopRuleTests
{
    private static readonly Expr J = new Variable("j", ValueKind.Int);

    /// <summary><c>double e = Math.Exp(x[j] * x[j + 1]);</c>: the function that makes lanes worth it.</summary>
    private static readonly CodeStmt Exp = new CodeDeclare(
        "e",
        ValueKind.Double,
        new Call(MathFunction.Exp, new Binary(BinaryOperator.Multiply, Element("x", 0), Element("x", 1), ValueKind.Double), null));

    private static readonly Expr E = new Variable("e", ValueKind.Double);

    [Fact]
    public void AddsAtTwoRunsOfAnArrayTheLoopNeverReadsRunInLanes() =>
        Assert.NotNull(ElementwiseLoops.Check(Loop(Exp, AddTo("dx", 0), AddTo("dx", 1))));

    [Fact]
    public void AddsAtTwoRunsOfAnArrayTheLoopAlsoReadsStayScalar()
    {
        // dx[j] read after dx[j + 1] was added to in the iteration before: lanes would read it before that add.
        CodeStmt readsIt = new CodeAddTo("total", Element("dx", 0));
        Assert.Null(ElementwiseLoops.Check(Loop(Exp, AddTo("dx", 0), AddTo("dx", 1), readsIt)));
    }

    [Fact]
    public void AddsAtTwoRunsOfAnArrayTheLoopAlsoAssignsStayScalar()
    {
        Assert.Null(ElementwiseLoops.Check(Loop(Exp, new CodeAssign("dx", E, J), AddTo("dx", 1))));
        Assert.Null(ElementwiseLoops.Check(Loop(Exp, AddTo("dx", 1), new CodeAssign("dx", E, J))));
    }

    [Fact]
    public void AddsAtTwoRunsOfTwoArraysAndReadsOfAThirdRunInLanes() =>
        Assert.NotNull(ElementwiseLoops.Check(Loop(Exp, AddTo("dx", 0), AddTo("dy", 0), AddTo("dx", 1), AddTo("dy", -1))));

    private static Expr Run(int offset) => offset == 0 ? J : new Binary(BinaryOperator.Add, J, new IntConstant(offset), ValueKind.Int);

    private static Expr Element(string array, int offset) => new ElementRead(array, Run(offset), ValueKind.Double);

    /// <summary><c>array[j + offset] += e * x[j];</c></summary>
    private static CodeStmt AddTo(string array, int offset) =>
        new CodeAddTo(array, new Binary(BinaryOperator.Multiply, E, Element("x", 0), ValueKind.Double), Run(offset));

    /// <summary><c>for (int j = 1; j &lt; n - 1; j++)</c> around the body.</summary>
    private static CodeFor Loop(params CodeStmt[] body) => new(
        "j",
        new IntConstant(1),
        new Binary(BinaryOperator.Subtract, new Variable("n", ValueKind.Int), new IntConstant(1), ValueKind.Int),
        false,
        body.ToEquatableArray());
}
