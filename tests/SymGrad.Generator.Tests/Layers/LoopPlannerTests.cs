using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.Differentiation.Planning;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>The loop plan on its own: what the planner decides before the sweep, and what the sweep then pushes.</summary>
public class LoopPlannerTests
{
    [Fact]
    public void ALoopWithACarriedProductIsTapedAndSavesTheProductBeforeEachFactor()
    {
        Planned planned = Plan(@"
    [Differentiable] public static double P(double x, double[] w)
    {
        double p = 1;
        for (int i = 0; i < w.Length; i++) { p *= w[i] * x; }
        return p;
    }", "P");

        PlannedLoop loop = planned.Plan.Of(planned.Loop.Id);
        Assert.False(loop.IsFused);
        CarriedValue product = Assert.Single(loop.Carried);
        Assert.False(product.Accumulates);
        string before = StartCopyOf(planned.Loop, product.Name);

        // d(p * t)/dt = p: the reverse iteration reads the product as it was before this iteration.
        EquatableArray<SavedValue> saves = planned.Sweep.SavesOf(planned.Loop.Id);
        Assert.Contains(new SavedValue(before, ValueKind.Double), saves);
        Assert.All(saves, s => Assert.Contains(s, loop.Candidates));
        Assert.DoesNotContain(saves, s => s.Name == planned.Loop.Counter || planned.Loop.Carried.Contains(s.Name));
        Assert.True(planned.Sweep.UsesTape);
        Assert.Null(planned.Sweep.FusedIterationOf(planned.Loop.Id));
    }

    [Fact]
    public void ASumAccumulationLoopIsFusedAndSavesNothing()
    {
        Planned planned = Plan(@"
    [Differentiable] public static double S(double x, double[] w)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++) { s += Math.Sin(w[i] * x); }
        return s * s;
    }", "S");

        PlannedLoop loop = planned.Plan.Of(planned.Loop.Id);
        Assert.True(loop.IsFused);
        Assert.Equal(Assert.Single(planned.Loop.Carried), loop.Fused!.Accumulator);
        Assert.True(Assert.Single(loop.Carried).Accumulates);
        Assert.False(loop.RecordsStop);
        Assert.Empty(planned.Sweep.SavesOf(planned.Loop.Id));
        Assert.False(planned.Sweep.UsesTape);

        FusedIteration iteration = planned.Sweep.FusedIterationOf(planned.Loop.Id)!;
        Assert.Equal(loop.Fused.Accumulator, iteration.Accumulator);
        Assert.Contains(iteration.Scalars, s => s.Outer == "x");
    }

    [Fact]
    public void OnlyALoopThatMayExitEarlyAndHasReverseCodeRecordsWhereItStopped()
    {
        Planned active = Plan(@"
    [Differentiable] public static double G(double x)
    {
        double s = x;
        for (int i = 0; i < 10; i++) { if (s > 100) break; s = s * x; }
        return s;
    }", "G");
        Planned inactive = Plan(@"
    [Differentiable] public static double H(double x)
    {
        int k = 0;
        for (int i = 0; i < 10; i++) { if (i * i > 50) break; k = k + 1; }
        return x * k;
    }", "H");

        Assert.NotNull(active.Loop.Stop);
        Assert.True(active.Plan.Of(active.Loop.Id).RecordsStop);
        Assert.NotNull(inactive.Loop.Stop);
        Assert.False(inactive.Plan.Of(inactive.Loop.Id).RecordsStop);
    }

    [Fact]
    public void AFusedLoopsScratchArrayWrittenOncePerElementSavesNoOldElements()
    {
        Planned planned = Plan(@"
    [Differentiable] public static double T(double x, double[] w)
    {
        double s = 0;
        double[] t = new double[3];
        for (int i = 0; i < w.Length; i++)
        {
            for (int j = 0; j < 3; j++) { t[j] = w[i] * x * j; }
            s += t[0] + t[1] * t[2];
        }
        return s;
    }", "T");

        PlannedLoop loop = planned.Plan.Of(planned.Loop.Id);
        Assert.True(loop.IsFused);
        Assert.Equal(new[] { "t" }, loop.Fused!.WrittenOnce);
        List<string> saved = StatementWalker.All(planned.Loop.Body).OfType<ElementAssignStatement>().Select(e => e.Saved).OfType<string>().ToList();
        Assert.NotEmpty(saved);
        Assert.Equal(saved, planned.Plan.DeadSaves);

        // The forward sweep skips them.
        GradientModel gradient = GradientBuilder.Build(planned.Model, DerivativeRequest.Gradient);
        Assert.DoesNotContain(CodeWalker.All(gradient.Forward), s => s is CodeDeclare d && saved.Contains(d.Name));
    }

    [Fact]
    public void AStridedLoopComputesItsIndexAgainInsteadOfSavingIt()
    {
        Planned planned = Plan(@"
    [Differentiable] public static double Q(double x, double[] w)
    {
        double p = x;
        for (int i = 1; i < w.Length; i += 2) { p *= w[i]; }
        return p;
    }", "Q");

        PlannedLoop loop = planned.Plan.Of(planned.Loop.Id);
        AssignStatement index = Assert.Single(loop.Recomputable, r => r.Value.Kind == ValueKind.Int);
        var read = new HashSet<string>(loop.Candidates.Select(c => c.Name));
        (EquatableArray<SavedValue> saves, EquatableArray<AssignStatement> recomputed) = loop.SavesFor(read, planned.Loop.Counter, new HashSet<string>());
        Assert.Contains(index, recomputed);
        Assert.DoesNotContain(saves, s => s.Name == index.Target);
        Assert.Contains(saves, s => s.Kind == ValueKind.Double);

        // The sweep's pushes are the same function of what its reverse iteration actually reads.
        EquatableArray<SavedValue> pushed = planned.Sweep.SavesOf(planned.Loop.Id);
        Assert.NotEmpty(pushed);
        Assert.All(pushed, s => Assert.Contains(s, saves));
        Assert.DoesNotContain(pushed, s => s.Name == index.Target);
    }

    [Fact]
    public void ThePlanIsAValue()
    {
        const string Members = @"
    [Differentiable] public static double P(double x, double[] w)
    {
        double p = 1;
        double s = 0;
        for (int i = 0; i < w.Length; i++) { p *= w[i] * x; }
        for (int i = 0; i < w.Length; i++) { s += w[i] * p; }
        return s;
    }";

        Planned first = Plan(Members, "P");
        Planned second = Plan(Members, "P");

        Assert.Equal(2, first.Plan.Loops.Count);
        Assert.Equal(first.Plan, second.Plan);
        Assert.Equal(first.Plan.GetHashCode(), second.Plan.GetHashCode());
        Assert.Equal(first.Sweep, second.Sweep);
        Assert.NotEqual(first.Plan.Loops[0], first.Plan.Loops[1]);
    }

    private static string StartCopyOf(ForStatement loop, string carried) =>
        loop.Body.OfType<AssignStatement>().First(a => a.Value is Variable v && v.Name == carried).Target;

    private sealed record Planned(MethodModel Model, ForStatement Loop, LoopPlan Plan, ReverseResult Sweep);

    /// <summary>Prepares the method as the gradient builder does, plans its loops and runs the reverse sweep on the plan.</summary>
    private static Planned Plan(string members, string method)
    {
        MethodModel model = LayerHarness.Model(members, method);
        NameAllocator names = Names.For(model);
        PreparedBody body = GradientBuilder.Prepare(model, names);
        LoopPlan plan = LoopPlanner.Plan(body.Prepared, body.Active);
        ReverseResult sweep = ReverseSweep.Build(body.Prepared, body.Result, names, new HashSet<string>(body.Active), body.Differentiated, DerivativeRequest.Gradient, plan);
        ForStatement loop = StatementWalker.All(body.Prepared).OfType<ForStatement>().First();
        return new Planned(model, loop, plan, sweep);
    }
}
