using System.Collections.Generic;
using System.IO;
using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.Differentiation.Planning;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests.Layers;

/// <summary>
/// What the planner decides for the scratch arrays and integers of taped loops (docs/loops-and-arrays.md,
/// "Recomputing instead of taping"), on ADBench's GMM objective as the samples write it and on small cases.
/// </summary>
public class ScratchPlanTests
{
    [Fact]
    public void GmmsComponentLoopSavesItsVectorsFinalContentsAndRunsItsIndexBackwards()
    {
        Prepared gmm = Prepare(GmmMembers(), "Objective");
        ForStatement components = gmm.Loops.Single(l => l.Body.OfType<ForStatement>().Any(inner => WritesTo(inner, "centered")));
        PlannedLoop planned = gmm.Plan.Of(components.Id);

        Assert.Equal(new[] { "centered", "qTimesCentered" }, planned.FinalContents);
        Assert.Null(planned.Recompute);

        // The triangle's index: the j loop reads it in closed form (no chain of its own); the i loop steps it by the
        // row's length once per row, and runs it backwards by that length.
        ForStatement rows = components.Body.OfType<ForStatement>().Single(l => l.Body.OfType<ForStatement>().Any());
        ForStatement columns = rows.Body.OfType<ForStatement>().Single();
        IntegerChain outer = Assert.Single(gmm.Plan.Of(rows.Id).Chains);
        Assert.Empty(gmm.Plan.Of(columns.Id).Chains);
        Assert.True(outer.IsRoot);
        Assert.Contains(outer.Steps, s => s.Inverse is Binary { Operator: BinaryOperator.Subtract, Right: Binary { Operator: BinaryOperator.Subtract } });

        // The cost model's figures: the element saves cost most, the two copies least, the recompute between.
        RecomputedIteration recomputed = RecomputedIterations.ForArrays(components, new[] { "centered", "qTimesCentered" })!;
        Assert.True(recomputed.TapeCost > recomputed.SliceCost, $"tape {recomputed.TapeCost}, slice {recomputed.SliceCost}");
        Assert.True(recomputed.SliceCost > 2 * RecomputedIterations.FinalContentsCost);

        // The sweep: one copy of each vector, no element of them and no index on the tape.
        ReverseResult sweep = gmm.Sweep();
        Assert.Equal(new[] { "centered", "qTimesCentered" }, sweep.FinalContentsOf(components.Id));
        foreach (ForStatement nested in StatementWalker.All(components.Body).OfType<ForStatement>())
        {
            Assert.Empty(sweep.SavesOf(nested.Id));
        }

        List<string> saved = StatementWalker.All(components.Body).OfType<ElementAssignStatement>()
            .Where(e => e.Array is "centered" or "qTimesCentered").Select(e => e.Saved!).ToList();
        Assert.Equal(3, saved.Count);
        Assert.All(saved, s => Assert.Contains(s, sweep.DroppedSaves));
    }

    [Fact]
    public void ScratchWrittenElementByElementIsRecomputedFromItsSlice()
    {
        Prepared prepared = Prepare(@"
    [Differentiable] public static double F(double[] a, double x)
    {
        double[] c = new double[2];
        double s = x;
        for (int k = 0; k < 3; k++)
        {
            c[0] = a[0] * x + k;
            c[1] = c[0] * a[1] + x;
            s = Math.Sin(s + c[0] * c[1]);
        }

        return s;
    }", "F");
        ForStatement loop = prepared.Loops.Single();
        PlannedLoop planned = prepared.Plan.Of(loop.Id);

        Assert.Empty(planned.FinalContents);
        RecomputedIteration recomputed = Assert.IsType<RecomputedIteration>(planned.Recompute);
        Assert.Equal(new[] { "c" }, recomputed.Arrays);
        Assert.Equal(2, recomputed.Slice.Count);
        Assert.All(recomputed.Slice, s => Assert.Equal("c", Assert.IsType<ElementAssignStatement>(s).Array));
        Assert.True(recomputed.SliceCost <= recomputed.TapeCost);
        Assert.DoesNotContain(prepared.Sweep().SavesOf(loop.Id), s => s.Name.StartsWith("previous", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("c[0] = Math.Exp(a[0] * x + k);", "the slice costs more than the save")]
    [InlineData("c[0] = d[0] + a[0] * x; d[k % 2] = s;", "the slice reads an array the loop changes")]
    [InlineData("s = s + c[0]; c[0] = a[0] * x;", "a read before the write")]
    [InlineData("if (x > 0) { c[0] = a[0] * x; } else { c[0] = x; }", "a write in a branch")]
    public void ScratchThatCannotBeRecomputedIsNotPlanned(string body, string why)
    {
        Prepared prepared = Prepare(@"
    [Differentiable] public static double F(double[] a, double x)
    {
        double[] c = new double[2];
        double[] d = new double[2];
        double s = x;
        for (int k = 0; k < 3; k++)
        {
            BODY
            s = Math.Sin(s + c[0] * s);
        }

        return s + d[1];
    }".Replace("BODY", body), "F");
        PlannedLoop planned = prepared.Plan.Of(prepared.Loops.Single().Id);

        Assert.True(planned.Recompute is null, why);
        Assert.Empty(planned.FinalContents);
    }

    [Fact]
    public void ARecomputedLoopDoesNotRunItsOwnIntegersBackwards()
    {
        // The slice reads l's version at the top of the reverse iteration; an inverse would define it at the bottom.
        Prepared prepared = Prepare(@"
    [Differentiable] public static double F(double[] a, double x)
    {
        double[] c = new double[1];
        double s = x;
        int l = 0;
        for (int k = 0; k < 3; k++)
        {
            c[0] = a[l] * x;
            s = Math.Sin(s * c[0]);
            l++;
        }

        return s;
    }", "F");
        PlannedLoop planned = prepared.Plan.Of(prepared.Loops.Single().Id);

        Assert.NotNull(planned.Recompute);
        Assert.Empty(planned.Chains);
    }

    /// <summary>Whether the loop's own body (not a loop nested in it) writes the array.</summary>
    private static bool WritesTo(ForStatement loop, string array) => loop.Body.OfType<ElementAssignStatement>().Any(e => e.Array == array);

    /// <summary>The members of ADBench's GMM objective as samples/SymGrad.Models writes them: its constant and its method.</summary>
    private static string GmmMembers()
    {
        string source = File.ReadAllText(RepositoryPaths.Of("samples", "SymGrad.Models", "AdBench", "GmmObjective.cs"));
        int start = source.IndexOf("private const double AdBenchPi", System.StringComparison.Ordinal);
        int end = source.LastIndexOf('}', source.LastIndexOf('}') - 1);
        return source[start..end];
    }

    private sealed record Prepared(PreparedBody Body, LoopPlan Plan, NameAllocator Names)
    {
        public IEnumerable<ForStatement> Loops => StatementWalker.All(Body.Prepared).OfType<ForStatement>();

        public ReverseResult Sweep() =>
            ReverseSweep.Build(Body.Prepared, Body.Result, Names.Clone(), new HashSet<string>(Body.Active), Body.Differentiated, DerivativeRequest.Gradient, Plan);
    }

    private static Prepared Prepare(string members, string method)
    {
        MethodModel model = LayerHarness.Model(members, method);
        NameAllocator names = Names.For(model);
        PreparedBody body = GradientBuilder.Prepare(model, names);
        return new Prepared(body, LoopPlanner.Plan(body.Prepared, body.Active), names);
    }
}
