using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Vectorization;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Which locals of an element-wise loop get one <c>SymMath.Softplus(z, out sigmoid)</c> (<see cref="SoftplusPairs"/>),
/// on bodies built directly: both calls of the local's last value pair; a call before or in a statement that writes the
/// local reads another value, and a body with a statement the rule does not read pairs nothing.
/// </summary>
public class SoftplusPairTests
{
    private static readonly Variable J = new("j", ValueKind.Int);
    private static readonly Variable Z = new("z", ValueKind.Double);

    [Fact]
    public void BothCallsOfTheLastValuePair()
    {
        CodeStmt[] body =
        {
            new CodeDeclare("z", ValueKind.Double, new ElementRead("a", J, ValueKind.Double)),
            new CodeAddTo("z", new ElementRead("b", J, ValueKind.Double)),
            new CodeComment("the loss, then its derivative"),
            new CodeAddTo("total", Call(MathFunction.Softplus, Z)),
            new CodeDeclare("dz", ValueKind.Double, Call(MathFunction.Sigmoid, Z)),
        };
        Assert.Equal(new[] { "z" }, SoftplusPairs.Of(body, new[] { "z", "dz" }));
    }

    [Fact]
    public void ACallBeforeALaterWriteKeepsTheLocalUnpaired()
    {
        CodeStmt[] body =
        {
            new CodeDeclare("z", ValueKind.Double, new ElementRead("a", J, ValueKind.Double)),
            new CodeAddTo("total", Call(MathFunction.Softplus, Z)),
            new CodeAssign("z", new Binary(BinaryOperator.Multiply, Z, new Constant(0.5), ValueKind.Double)),
            new CodeAddTo("total", Call(MathFunction.Sigmoid, Z)),
        };
        Assert.Empty(SoftplusPairs.Of(body, new[] { "z" }));
    }

    [Fact]
    public void ACallInTheStatementThatWritesTheLocalKeepsItUnpaired()
    {
        CodeStmt[] body =
        {
            new CodeDeclare("z", ValueKind.Double, new ElementRead("a", J, ValueKind.Double)),
            new CodeAssign("z", Call(MathFunction.Softplus, Z)),
            new CodeAddTo("total", Call(MathFunction.Sigmoid, Z)),
        };
        Assert.Empty(SoftplusPairs.Of(body, new[] { "z" }));
    }

    [Fact]
    public void OneOfTheTwoAloneOrAnUnknownStatementPairsNothing()
    {
        CodeStmt[] softplusOnly =
        {
            new CodeDeclare("z", ValueKind.Double, new ElementRead("a", J, ValueKind.Double)),
            new CodeAddTo("total", Call(MathFunction.Softplus, Z)),
            new CodeAddTo("total", Call(MathFunction.Softplus, Z)),
        };
        Assert.Empty(SoftplusPairs.Of(softplusOnly, new[] { "z" }));
        CodeStmt[] withUnknown = softplusOnly.Append(new CodeAddTo("total", Call(MathFunction.Sigmoid, Z))).Append(new CodeClear("scratch")).ToArray();
        Assert.Empty(SoftplusPairs.Of(withUnknown, new[] { "z" }));
        Assert.Equal(new[] { "z" }, SoftplusPairs.Of(withUnknown.Take(4).ToArray(), new[] { "z" }));
    }

    private static Call Call(MathFunction function, Expr argument) => new(function, argument, null);
}
