using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;
using SymGrad.Generator.Vectorization;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Which log-softmax and log-sum-exp calls of a row lanes' body keep their softmax shares for the reverse
/// (<see cref="RowSoftmaxShares.Find"/>), on bodies built directly: the rule table's reverse (the prelude
/// <c>logSumExp = z[y] - logSoftmax</c>, then <c>dz[j] += exp(z[j] - logSumExp)</c>) keeps them; not when z or either
/// local is written after the call, when the array is not private, or when nothing reads an exp of the shares' form.
/// </summary>
public class SoftmaxSharesPlanTests
{
    private static readonly Variable J = new("j", ValueKind.Int);
    private static readonly Expr Label = new ElementRead("y", new Variable("i", ValueKind.Int), ValueKind.Int);

    private static readonly CodeDeclare Call = new("logSoftmax", ValueKind.Double, new VectorCall(VectorFunction.LogSoftmax, "z", null, Label));

    private static readonly CodeDeclare Prelude = new(
        "logSumExp",
        ValueKind.Double,
        new Binary(BinaryOperator.Subtract, new ElementRead("z", Label, ValueKind.Double), new Variable("logSoftmax", ValueKind.Double), ValueKind.Double));

    private static CodeFor Reverse(string logSumExp = "logSumExp") => new(
        "j",
        new IntConstant(0),
        new LengthOf("z"),
        false,
        new CodeStmt[]
        {
            new CodeAddTo("dz", new Call(MathFunction.Exp, new Binary(BinaryOperator.Subtract, new ElementRead("z", J, ValueKind.Double), new Variable(logSumExp, ValueKind.Double), ValueKind.Double), null), J),
        }.ToEquatableArray());

    private static List<SoftmaxShares> Find(params CodeStmt[] body) =>
        RowSoftmaxShares.Find(body, new[] { "z", "dz" }, Uniform, new NameAllocator(new[] { "z", "dz", "y", "i", "logSoftmax", "logSumExp" }));

    /// <summary>The same in every row: reads neither the row counter nor a row's label.</summary>
    private static bool Uniform(Expr index) => !ExprRewriter.VariablesAndArrays(index).Any(name => name is "i" or "y");

    [Fact]
    public void TheRuleTablesReverseOfALogSoftmaxReadsItsShares()
    {
        SoftmaxShares shares = Assert.Single(Find(Call, Prelude, Reverse()));
        Assert.Equal(("z", "logSoftmax", "logSumExp", "zShares", "zSharesBuffer"), (shares.Array, shares.CallLocal, shares.LogSumExp, shares.Shares, shares.Buffer));
        Assert.False(shares.LogSumExpRead);
    }

    [Fact]
    public void ALogSumExpIsItsOwnPrelude()
    {
        var call = new CodeDeclare("lse", ValueKind.Double, new VectorCall(VectorFunction.LogSumExp, "z", null, null));
        SoftmaxShares shares = Assert.Single(Find(call, Reverse("lse")));
        Assert.Equal("lse", shares.LogSumExp);
        Assert.True(shares.LogSumExpRead);
    }

    [Fact]
    public void ALogSumExpReadElsewhereStaysDeclared()
    {
        var other = new CodeAddTo("total", new Variable("logSumExp", ValueKind.Double));
        Assert.True(Assert.Single(Find(Call, Prelude, Reverse(), other)).LogSumExpRead);
    }

    [Fact]
    public void AWriteAfterTheCallKeepsTheExps()
    {
        // z restored before the reverse reads it, or a local the shares stand for changed: the exps are of other values.
        Assert.Empty(Find(Call, Prelude, new CodeAssign("z", new Constant(1.0), new IntConstant(0)), Reverse()));
        Assert.Empty(Find(Call, Prelude, new CodeAssign("logSumExp", new Constant(1.0)), Reverse()));
        Assert.Empty(Find(Call, Prelude, new CodeAssign("logSoftmax", new Constant(1.0)), Reverse()));
    }

    [Fact]
    public void WithoutThePreludeOrAShareReadNothingIsKept()
    {
        Assert.Empty(Find(Call, Reverse()));
        Assert.Empty(Find(Call, Prelude));
        Assert.Empty(RowSoftmaxShares.Find(new CodeStmt[] { Call, Prelude, Reverse() }, new[] { "dz" }, Uniform, new NameAllocator(new[] { "z" })));
    }

    [Fact]
    public void AReadAtARowsOwnIndexIsNoShare()
    {
        // exp(z[y[i]] - logSumExp) differs per row: the printer gathers it, so the log-sum-exp must stay declared.
        var atLabel = new CodeAddTo("total", new Call(MathFunction.Exp, new Binary(BinaryOperator.Subtract, new ElementRead("z", Label, ValueKind.Double), new Variable("logSumExp", ValueKind.Double), ValueKind.Double), null));
        Assert.Empty(Find(Call, Prelude, atLabel));
        Assert.True(Assert.Single(Find(Call, Prelude, Reverse(), atLabel)).LogSumExpRead);
    }
}
