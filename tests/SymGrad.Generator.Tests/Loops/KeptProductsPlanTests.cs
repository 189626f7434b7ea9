using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;
using SymGrad.Generator.Vectorization;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Which output-layer updates the row lanes keep for the tile (<see cref="RowKeptProducts.Find"/>), on loops built
/// directly: the reversed class loop's <c>dw2[c * h + j] += dZElement * a[j]</c> is kept; not when the loop writes its
/// source, when its scale is not the scales row's element at the class, or when the same statement stands in another
/// loop too (the printer finds the update by its counter and text, so two copies would share one tile's kept rows).
/// </summary>
public class KeptProductsPlanTests
{
    private static readonly Variable C = new("c", ValueKind.Int);
    private static readonly Variable J = new("j", ValueKind.Int);
    private static readonly Variable H = new("h", ValueKind.Int);
    private static readonly Variable K = new("k", ValueKind.Int);

    private static readonly CodeAddTo Update = new(
        "dw2",
        new Binary(BinaryOperator.Multiply, new Variable("dZElement", ValueKind.Double), new ElementRead("a", J, ValueKind.Double), ValueKind.Double),
        new Binary(BinaryOperator.Add, new Binary(BinaryOperator.Multiply, C, H, ValueKind.Int), J, ValueKind.Int));

    /// <summary>The reversed class loop: read dz[c], clear it, then <paramref name="inner"/> (by default the update's loop over j).</summary>
    private static CodeFor ClassLoop(params CodeStmt[] extra) => new(
        "c",
        new Binary(BinaryOperator.Subtract, K, new IntConstant(1), ValueKind.Int),
        new IntConstant(0),
        true,
        new CodeStmt[]
        {
            new CodeDeclare("dZElement", ValueKind.Double, new ElementRead("dz", C, ValueKind.Double)),
            new CodeAssign("dz", new Constant(0.0), C),
            new CodeFor("j", new IntConstant(0), H, false, new CodeStmt[] { Update }.ToEquatableArray()),
        }.Concat(extra).ToEquatableArray());

    private static System.Collections.Generic.List<KeptProducts> Find(params CodeStmt[] rowBody)
    {
        var rows = new CodeFor("i", new IntConstant(0), new Variable("m", ValueKind.Int), false, rowBody.ToEquatableArray());
        return RowKeptProducts.Find(
            rows,
            LoopEffects.Of(rows.Body)!,
            new[] { "dz", "a" },
            new[] { "dw2" },
            e => !ExprRewriter.VariablesAndArrays(e).Any(name => name is "i" or "dZElement" or "dz" or "a"),
            new NameAllocator(new[] { "dz", "a", "dw2" }));
    }

    [Fact]
    public void TheOutputLayersUpdateIsKeptWithItsRowsAndClasses()
    {
        KeptProducts kept = Assert.Single(Find(ClassLoop()));
        Assert.Equal(("dw2", "dz", "a"), (kept.Destination, kept.Scales, kept.Source));
        Assert.Equal(new IntConstant(0), kept.Lowest);
        Assert.Equal(H, kept.RowStride);
        Assert.Equal(H, kept.Count);
        Assert.Equal(("dzKept", "aKept"), (kept.ScalesKept, kept.SourcesKept));
    }

    [Fact]
    public void NotWhenTheLoopWritesItsSource()
    {
        Assert.Empty(Find(ClassLoop(new CodeAssign("a", new Constant(1.0), C))));
    }

    [Fact]
    public void NotWhenTheScaleIsWrittenAgain()
    {
        Assert.Empty(Find(ClassLoop(new CodeAssign("dZElement", new Constant(2.0)))));
    }

    [Fact]
    public void NotWhenTheSameStatementStandsInAnotherLoop()
    {
        Assert.Empty(Find(ClassLoop(), ClassLoop()));
    }
}
