using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Loops;

/// <summary>
/// Loops that stop early, at two layers: the loop-exit normalisation on hand-built IR, and the
/// generated code (fused loops stay tape-free, taped ones record where they stopped).
/// </summary>
public class LoopExitTests
{
    private static readonly SourceNote Note = SourceNote.None;

    private static Variable Bool(string name) => new(name, ValueKind.Bool);

    private static AssignStatement Assign(string target, Expr value) => new(target, value, Note);

    private static EquatableArray<Stmt> Block(params Stmt[] statements) => new(statements);

    private static ForStatement Loop(params Stmt[] body) =>
        new(0, "i", new IntConstant(0), new Variable("n", ValueKind.Int), false, Block(body), EquatableArray<string>.Empty, Note);

    [Fact]
    public void AContinueInAGuardClauseMovesTheRestIntoTheOtherBranchWithoutAFlag()
    {
        ForStatement loop = Loop(
            new IfStatement(Bool("c"), Block(new ContinueStatement(Note)), Block(), Note),
            Assign("s", new Binary(BinaryOperator.Add, new Variable("s", ValueKind.Double), Constant.One, ValueKind.Double)));

        var normalized = (ForStatement)Assert.Single(LoopExitNormalizer.Normalize(new Stmt[] { loop }, new NameAllocator(new[] { "s", "c", "n" })));

        Assert.Null(normalized.Exit);
        Assert.Null(normalized.Stop);
        IfStatement branch = Assert.IsType<IfStatement>(Assert.Single(normalized.Body));
        Assert.Empty(branch.Then);
        Assert.Equal("s", Assert.IsType<AssignStatement>(Assert.Single(branch.Else)).Target);
    }

    [Fact]
    public void ABreakSetsACarriedFlagThatJoinsTheExitAndGuardsTheRestOfTheIteration()
    {
        ForStatement loop = Loop(
            new IfStatement(Bool("c"), Block(Assign("s", Constant.Zero), new BreakStatement(Note)), Block(Assign("u", Constant.One)), Note),
            Assign("s", Constant.One)) with { Exit = Bool("done"), Stop = "iStop" };

        Stmt[] normalized = LoopExitNormalizer.Normalize(new Stmt[] { loop }, new NameAllocator(new[] { "s", "u", "c", "n", "done" })).ToArray();

        // broke = false; for (...) { exit: broke || done } with the rest moved into the branch that does not break.
        Assert.Equal(2, normalized.Length);
        AssignStatement initial = Assert.IsType<AssignStatement>(normalized[0]);
        Assert.Equal(new BoolConstant(false), initial.Value);
        var result = Assert.IsType<ForStatement>(normalized[1]);
        Assert.Equal(new Binary(BinaryOperator.Or, Bool(initial.Target), Bool("done"), ValueKind.Bool), result.Exit);
        Assert.Equal("iStop", result.Stop);
        IfStatement branch = Assert.IsType<IfStatement>(Assert.Single(result.Body));
        Assert.Equal(new AssignStatement(initial.Target, new BoolConstant(true), Note), branch.Then.Last());
        Assert.Equal(new[] { "u", "s" }, branch.Else.Cast<AssignStatement>().Select(a => a.Target));
    }

    [Fact]
    public void AJumpOnSomePathsOnlyGuardsTheRestWithTheFlagsItMaySet()
    {
        // if (c) { if (d) continue; } else { u = 1; }  s = 1;  : neither branch always jumps.
        ForStatement loop = Loop(
            new IfStatement(Bool("c"), Block(new IfStatement(Bool("d"), Block(new ContinueStatement(Note)), Block(), Note)), Block(Assign("u", Constant.One)), Note),
            Assign("s", Constant.One));

        var normalized = (ForStatement)Assert.Single(LoopExitNormalizer.Normalize(new Stmt[] { loop }, new NameAllocator(new[] { "s", "u", "c", "d", "n" })));

        Assert.Null(normalized.Exit);
        AssignStatement reset = Assert.IsType<AssignStatement>(normalized.Body[0]);
        Assert.Equal(new BoolConstant(false), reset.Value);
        IfStatement guard = Assert.IsType<IfStatement>(normalized.Body[2]);
        Assert.Equal(new Unary(UnaryOperator.Not, Bool(reset.Target), ValueKind.Bool), guard.Condition);
        Assert.Equal("s", Assert.IsType<AssignStatement>(Assert.Single(guard.Then)).Target);
    }

    [Theory]
    [InlineData("for (int i = 0; i < a.Length; i++) { if (a[i] > 2) break; s += a[i] * x; }")]
    [InlineData("foreach (double v in a) { if (v < 0) continue; s += Math.Exp(v * x); }")]
    [InlineData("for (int i = 0; i < a.Length && s < 4; i++) { s += a[i] * a[i] * x; }")]
    [InlineData("int i = 0; while (i < a.Length) { s += Math.Sin(a[i] * x); i += 2; }")]
    [InlineData("for (int i = a.Length - 1; i >= 0; i -= 3) { s += a[i] * x; }")]
    [InlineData("for (int i = 0; i < a.Length; i++) { if (a[i] < 0) continue; if (a[i] > 2) break; s -= a[i] * x; }")]
    public void FusedAccumulationLoopsStayTapeFreeWhateverStopsThem(string loop)
    {
        string source = "using System;\nusing SymGrad;\npublic static partial class M\n{\n    [Differentiable]\n    public static double F(double[] a, double x)\n    {\n        double s = 0;\n        " + loop + "\n        return s * s;\n    }\n}\n";

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputProblems);
        string generated = Assert.Single(run.Generated).Source;
        Assert.Contains("fused loop", generated);
        Assert.DoesNotContain("ValueTape", generated);
        Assert.DoesNotContain("Stop", generated);
    }

    [Fact]
    public void ATapedLoopThatStopsEarlyRecordsWhereAndAnInnerOnesStopGoesOnTheTape()
    {
        const string source = """
            using System;
            using SymGrad;
            public static partial class M
            {
                [Differentiable]
                public static double F(double[] a, double x)
                {
                    double h = x;
                    for (int i = 0; i < a.Length; i++)
                    {
                        for (int j = 0; j < a.Length; j++)
                        {
                            h = Math.Tanh(h * a[j]);
                            if (h > 0.5) break;
                        }

                        if (h < -0.5) return h;
                    }

                    return h * h;
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.OutputProblems);
        string generated = Assert.Single(run.Generated).Source;
        Assert.Contains("int iStop = 0;", generated);
        Assert.Contains("iStop = i + 1;", generated);
        Assert.Contains("tape.Push(jStop);", generated);
        Assert.Contains("int jStop = (int)tape.Pop();", generated);
        Assert.Contains("for (int i = iStop - 1; i >= 0; i--)", generated);
        Assert.Contains("for (int j = jStop - 1; j >= 0; j--)", generated);
    }
}
