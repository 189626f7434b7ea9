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

    /// <summary><c>for c down: { first }  for c down: { second; a[c] = 0; }</c> with a, b and t local arrays.</summary>
    private static GradientModel TwoLoops(CodeStmt[] first, CodeStmt[] second, string secondCounter = "c")
    {
        Expr top = new Binary(BinaryOperator.Subtract, K, new IntConstant(1), ValueKind.Int);
        var one = new CodeFor("c", top, new IntConstant(0), true, first.ToEquatableArray());
        var other = new CodeFor(secondCounter, top, new IntConstant(0), true, second.Append(new CodeAssign("a", Constant.Zero, new Variable(secondCounter, ValueKind.Int))).ToEquatableArray());
        CodeStmt[] forward = { new CodeArrayDeclare("a", K, false), new CodeArrayDeclare("b", K, false), new CodeArrayDeclare("t", K, false) };
        return new GradientModel(Method, forward.ToEquatableArray(), new CodeStmt[] { one, other }.ToEquatableArray(), "result");
    }

    [Fact]
    public void LoopsWhoseSecondReadsAWholeArrayTheFirstWritesStaySeparate()
    {
        // The second loop reads LogSumExp(t) of all of t, which the first loop is still writing: fused, it would read t
        // half written.
        GradientModel program = TwoLoops(
            new CodeStmt[] { new CodeAssign("t", new ElementRead("y", C, ValueKind.Double), C), new CodeAddTo("a", new ElementRead("y", C, ValueKind.Double), C) },
            new CodeStmt[] { new CodeAssign("b", new Binary(BinaryOperator.Multiply, new ElementRead("a", C, ValueKind.Double), new VectorCall(VectorFunction.LogSumExp, "t", null, null), ValueKind.Double), C) });

        Assert.Same(program, AdjointLoopFusion.Apply(program));
    }

    [Fact]
    public void AnArrayANestedLoopTouchesStaysAnArray()
    {
        // a[c] is added to in a loop nested in the first loop: the loops may fuse, but a keeps its elements.
        var nested = new CodeFor("j", new IntConstant(0), K, false, new CodeStmt[] { new CodeAddTo("a", new ElementRead("y", new Variable("j", ValueKind.Int), ValueKind.Double), C) }.ToEquatableArray());
        GradientModel fused = AdjointLoopFusion.Apply(TwoLoops(
            new CodeStmt[] { nested },
            new CodeStmt[] { new CodeAssign("b", new ElementRead("a", C, ValueKind.Double), C) }));

        Assert.Contains(CodeWalker.All(fused.Forward), s => s is CodeArrayDeclare { Name: "a" });
        Assert.DoesNotContain(CodeWalker.All(fused.Reverse), s => s is CodeDeclare { Name: "aValue" });
    }

    [Fact]
    public void LoopsWhoseCountersWouldClashStaySeparate()
    {
        // The second loop counts with j and holds a loop counting with c: renamed to c, its counter would clash. (The
        // first loop's update is under a branch, so it does not move on its own.)
        var inner = new CodeFor("c", new IntConstant(0), K, false, new CodeStmt[] { new CodeAddTo("t", Constant.One, new Variable("c", ValueKind.Int)) }.ToEquatableArray());
        var j = new Variable("j", ValueKind.Int);
        var positive = new Binary(BinaryOperator.Greater, new ElementRead("y", C, ValueKind.Double), Constant.Zero, ValueKind.Bool);
        GradientModel program = TwoLoops(
            new CodeStmt[] { new CodeIf(positive, new CodeStmt[] { new CodeAddTo("a", new ElementRead("y", C, ValueKind.Double), C) }.ToEquatableArray(), EquatableArray<CodeStmt>.Empty) },
            new CodeStmt[] { inner, new CodeAssign("b", new ElementRead("a", j, ValueKind.Double), j) },
            "j");

        Assert.Equal(2, AdjointLoopFusion.Apply(program).Reverse.OfType<CodeFor>().Count());
    }
}
