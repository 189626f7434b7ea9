using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Simplification;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>
/// <see cref="AdjointLoopFusion"/> on hand-made programs: the conditions that keep an update where it is, which source
/// methods reach only in combinations (the finite-difference tests in Loops/AdjointLoopFusionTests run the steps whole).
/// </summary>
public class AdjointLoopFusionLayerTests
{
    private static readonly Variable K = new("k", ValueKind.Int);
    private static readonly Variable C = new("c", ValueKind.Int);
    private static readonly Variable T = new("t", ValueKind.Double);

    private static MethodModel Method => LayerHarness.Model("[Differentiable] public static double F(double[] w, [NoDerivative] double[] y, int k) => w[0];", "F");

    /// <summary>
    /// <c>for c up: { d = t * y[c]; a[c] += d; }  [between]  for c down: { b[c] = a[c]; a[c] = 0; }</c>, with a and b
    /// local arrays that start at zero.
    /// </summary>
    private static GradientModel Program(params CodeStmt[] between)
    {
        var up = new CodeFor("c", new IntConstant(0), K, false, new CodeStmt[]
        {
            new CodeDeclare("d", ValueKind.Double, new Binary(BinaryOperator.Multiply, T, new ElementRead("y", C, ValueKind.Double), ValueKind.Double)),
            new CodeAddTo("a", new Variable("d", ValueKind.Double), C),
        }.ToEquatableArray());
        var down = new CodeFor("c", new Binary(BinaryOperator.Subtract, K, new IntConstant(1), ValueKind.Int), new IntConstant(0), true, new CodeStmt[]
        {
            new CodeAssign("b", new ElementRead("a", C, ValueKind.Double), C),
            new CodeAssign("a", Constant.Zero, C),
        }.ToEquatableArray());
        CodeStmt[] forward = { new CodeArrayDeclare("a", K, false), new CodeArrayDeclare("b", K, false) };
        CodeStmt[] reverse = new CodeStmt[] { new CodeDeclare("t", ValueKind.Double, Constant.One), up }.Concat(between).Append(down).ToArray();
        return new GradientModel(Method, forward.ToEquatableArray(), reverse.ToEquatableArray(), "result");
    }

    [Fact]
    public void AnUpdateMovesIntoTheNextLoopAndItsArrayBecomesALocal()
    {
        GradientModel fused = AdjointLoopFusion.Apply(Program());

        Assert.DoesNotContain(CodeWalker.All(fused.Forward), s => s is CodeArrayDeclare { Name: "a" });
        Assert.DoesNotContain(CodeWalker.All(fused.Reverse), s => s is CodeAddTo { Name: "a" } or CodeAssign { Name: "a" });
        CodeFor down = fused.Reverse.OfType<CodeFor>().Single(f => f.Descending);
        Assert.Contains(down.Body, s => s is CodeDeclare { Name: "aValue", Value: Constant { Value: 0.0 } });
        Assert.Contains(down.Body, s => s is CodeAddTo { Name: "aValue", Index: null });
        Assert.Contains(down.Body, s => s is CodeAssign { Name: "b", Value: Variable { Name: "aValue" } });
    }

    [Fact]
    public void AnUpdateStaysWhenWhatItReadsChangesBeforeTheNextLoop()
    {
        GradientModel program = Program(new CodeAssign("t", new Constant(5.0)));

        Assert.Same(program, AdjointLoopFusion.Apply(program));
    }

    [Fact]
    public void AnUpdateStaysWhenTheNextLoopChangesWhatItReads()
    {
        GradientModel program = Program();
        CodeFor down = program.Reverse.OfType<CodeFor>().Single(f => f.Descending);
        GradientModel changing = program with
        {
            Reverse = program.Reverse.Select(s => ReferenceEquals(s, down) ? down with { Body = down.Body.Append(new CodeAddTo("t", Constant.One)).ToEquatableArray() } : s).ToEquatableArray(),
        };

        Assert.Same(changing, AdjointLoopFusion.Apply(changing));
    }

    [Fact]
    public void AnArrayTouchedOutsideTheLoopsStaysAnArray()
    {
        // a[0] read after the loops: its elements must keep their values.
        GradientModel program = Program();
        GradientModel reading = program with { Reverse = program.Reverse.Append(new CodeAssign("r", new ElementRead("a", new IntConstant(0), ValueKind.Double))).ToEquatableArray() };

        Assert.Same(reading, AdjointLoopFusion.Apply(reading));
    }

    [Fact]
    public void FusedLoopsKeepAnArrayTheMethodReadsElsewhere()
    {
        // for c down: { if (y[c] > 0) a[c] += y[c]; e[c] += y[c]; }  for c down: { b[c] = a[c] + e[c]; a[c] = 0; e[c] = 0; }
        // r = e[0]: a (its update under a branch, which stays in its loop) lets the loops fuse and becomes a local; e, read
        // after them, stays an array.
        Expr top = new Binary(BinaryOperator.Subtract, K, new IntConstant(1), ValueKind.Int);
        Expr y = new ElementRead("y", C, ValueKind.Double);
        var positive = new Binary(BinaryOperator.Greater, y, Constant.Zero, ValueKind.Bool);
        var adds = new CodeFor("c", top, new IntConstant(0), true, new CodeStmt[]
        {
            new CodeIf(positive, new CodeStmt[] { new CodeAddTo("a", y, C) }.ToEquatableArray(), EquatableArray<CodeStmt>.Empty),
            new CodeAddTo("e", y, C),
        }.ToEquatableArray());
        var reads = new CodeFor("c", top, new IntConstant(0), true, new CodeStmt[]
        {
            new CodeAssign("b", new Binary(BinaryOperator.Add, new ElementRead("a", C, ValueKind.Double), new ElementRead("e", C, ValueKind.Double), ValueKind.Double), C),
            new CodeAssign("a", Constant.Zero, C),
            new CodeAssign("e", Constant.Zero, C),
        }.ToEquatableArray());
        CodeStmt[] forward = { new CodeArrayDeclare("a", K, false), new CodeArrayDeclare("b", K, false), new CodeArrayDeclare("e", K, false) };
        CodeStmt[] reverse = { adds, reads, new CodeAssign("r", new ElementRead("e", new IntConstant(0), ValueKind.Double)) };
        GradientModel fused = AdjointLoopFusion.Apply(new GradientModel(Method, forward.ToEquatableArray(), reverse.ToEquatableArray(), "result"));

        CodeFor loop = Assert.Single(fused.Reverse.OfType<CodeFor>());
        Assert.DoesNotContain(CodeWalker.All(fused.Forward), s => s is CodeArrayDeclare { Name: "a" });
        Assert.Contains(loop.Body, s => s is CodeAddTo { Name: "e" });
        Assert.Contains(loop.Body, s => s is CodeAssign { Name: "e" });
        Assert.Contains(CodeWalker.All(fused.Forward), s => s is CodeArrayDeclare { Name: "e" });
    }
}
