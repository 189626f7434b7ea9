using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>
/// Reverse loops that add into one fixed element keep it in a local (<see cref="InvariantElementSums"/>), on
/// hand-built generated code: GMM's reverse triangle, and the loops where the element must stay in memory.
/// </summary>
public class InvariantElementSumsTests
{
    private static readonly Variable I = new("i", ValueKind.Int);
    private static readonly Variable J = new("j", ValueKind.Int);
    private static readonly Variable L = new("l", ValueKind.Int);
    private static readonly Variable Dq = new("dq", ValueKind.Double);

    private static ElementRead Read(string array, Expr index) => new(array, index, ValueKind.Double);

    private static Expr Times(Expr left, Expr right) => new Binary(BinaryOperator.Multiply, left, right, ValueKind.Double);

    private static CodeFor Loop(params CodeStmt[] body) =>
        new("j", new Binary(BinaryOperator.Subtract, new Variable("d", ValueKind.Int), new IntConstant(1), ValueKind.Int), new Binary(BinaryOperator.Add, I, new IntConstant(1), ValueKind.Int), true, body.ToEquatableArray());

    /// <summary>for (j = d - 1; j >= i + 1; j--) { int l = base + j; double dq = dQ[j]; dIcf[l] += dq * c[i]; dc[i] += dq * icf[l]; }</summary>
    private static CodeStmt[] Triangle() => new CodeStmt[]
    {
        new CodeDeclare("l", ValueKind.Int, new Binary(BinaryOperator.Add, new Variable("base", ValueKind.Int), J, ValueKind.Int)),
        new CodeDeclare("dq", ValueKind.Double, Read("dQ", J)),
        new CodeAddTo("dIcf", Times(Dq, Read("c", I)), L),
        new CodeAddTo("dc", Times(Dq, Read("icf", L)), I),
    };

    [Fact]
    public void TheTriangleKeepsItsFixedSumAndItsFixedReadInLocalsUnderATestThatTheLoopRuns()
    {
        CodeIf hoisted = Assert.IsType<CodeIf>(InvariantElementSums.Hoist(Loop(Triangle()), new NameAllocator(new[] { "dc", "c" })));

        Assert.Equal(new Binary(BinaryOperator.GreaterOrEqual, Loop().Start, Loop().End, ValueKind.Bool), hoisted.Condition);
        Assert.Equal(new CodeDeclare("cElement", ValueKind.Double, Read("c", I)), hoisted.Then[0]);
        Assert.Equal(new CodeDeclare("dcSum", ValueKind.Double, Read("dc", I)), hoisted.Then[1]);
        CodeFor loop = Assert.IsType<CodeFor>(hoisted.Then[2]);
        Assert.Equal(new CodeAddTo("dIcf", Times(Dq, new Variable("cElement", ValueKind.Double)), L), loop.Body[2]);
        Assert.Equal(new CodeAddTo("dcSum", Times(Dq, Read("icf", L))), loop.Body[3]);
        Assert.Equal(new CodeAssign("dc", new Variable("dcSum", ValueKind.Double), I), hoisted.Then[3]);
    }

    [Fact]
    public void AnArrayTheLoopAlsoReadsStaysInMemory()
    {
        CodeStmt[] body = Triangle().Append(new CodeAddTo("dIcf", Read("dc", J), L)).ToArray();

        Assert.IsType<CodeFor>(InvariantElementSums.Hoist(Loop(body), new NameAllocator(new string[0])));
    }

    [Fact]
    public void AnIndexTheLoopChangesIsNotFixed()
    {
        CodeStmt[] body = Triangle().Select(s => s is CodeAddTo { Name: "dc" } add ? add with { Index = L } : s).ToArray();

        Assert.IsType<CodeFor>(InvariantElementSums.Hoist(Loop(body), new NameAllocator(new string[0])));
    }

    [Fact]
    public void ASumInABranchOrAtTwoIndicesStaysInMemory()
    {
        CodeStmt[] branched = { new CodeIf(new Variable("b", ValueKind.Bool), new CodeStmt[] { new CodeAddTo("dc", Dq, I) }.ToEquatableArray(), EquatableArray<CodeStmt>.Empty) };
        CodeStmt[] twoIndices = { new CodeAddTo("dc", Dq, I), new CodeAddTo("dc", Dq, new Variable("k", ValueKind.Int)) };

        Assert.IsType<CodeFor>(InvariantElementSums.Hoist(Loop(branched), new NameAllocator(new string[0])));
        Assert.IsType<CodeFor>(InvariantElementSums.Hoist(Loop(twoIndices), new NameAllocator(new string[0])));
    }

    [Fact]
    public void AFixedReadAloneIsLeftAsItIs()
    {
        CodeStmt[] body = { new CodeAddTo("dIcf", Times(Dq, Read("c", I)), J) };

        Assert.IsType<CodeFor>(InvariantElementSums.Hoist(Loop(body), new NameAllocator(new string[0])));
    }
}
