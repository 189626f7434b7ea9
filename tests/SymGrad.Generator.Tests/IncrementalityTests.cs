using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;

namespace SymGrad.Generator.Tests;

/// <summary>
/// Unchanged methods must stop the pipeline early: a second run, an in-place comment edit and an
/// edit in another file leave every tracked step Cached or Unchanged.
/// </summary>
public class IncrementalityTests
{
    private const string ModelSource = """
        using System;
        using SymGrad;
        namespace Demo;
        public static partial class Model
        {
            // The loss of one sample.
            [Differentiable]
            public static double Loss(double w, double b, [NoDerivative] double x, [NoDerivative] double y)
            {
                double p = SymMath.Sigmoid(w * x + b);
                return -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
            }
        }
        """;

    private const string OtherSource = "namespace Demo; public static class Other { public static int Value => 1; }";

    private static readonly string[] TrackedSteps =
    {
        TrackingNames.Lowered, TrackingNames.Models, TrackingNames.Differentiated, TrackingNames.Simplified, TrackingNames.Emitted, TrackingNames.Diagnostics,
    };

    [Fact]
    public void SecondRunIsCached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(ModelSource, OtherSource);
        GeneratorDriver driver = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver()).Driver;

        GeneratorDriverRunResult second = driver.RunGenerators(compilation.Clone()).GetRunResult();

        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void CommentEditInTheMethodsFileLeavesTheOutputUnchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(ModelSource, OtherSource);
        GeneratorDriver driver = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver()).Driver;
        SyntaxTree tree = compilation.SyntaxTrees.First();
        SyntaxTree edited = tree.WithChangedText(tree.GetText().Replace(tree.ToString().IndexOf("The loss", StringComparison.Ordinal), "The loss".Length, "The per-sample negative log-likelihood"));

        GeneratorDriverRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult();

        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void EditInAnotherFileLeavesTheOutputUnchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(ModelSource, OtherSource);
        GeneratorDriver driver = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver()).Driver;
        SyntaxTree other = compilation.SyntaxTrees.Last();
        SyntaxTree edited = CSharpSyntaxTree.ParseText(OtherSource.Replace("=> 1", "=> 2"), (CSharpParseOptions)other.Options, other.FilePath);

        GeneratorDriverRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(other, edited)).GetRunResult();

        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void ChangingTheMethodRegeneratesIt()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(ModelSource, OtherSource);
        GeneratorDriver driver = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver()).Driver;
        SyntaxTree tree = compilation.SyntaxTrees.First();
        SyntaxTree edited = CSharpSyntaxTree.ParseText(ModelSource.Replace("w * x + b", "w * x - b"), (CSharpParseOptions)tree.Options, tree.FilePath);

        GeneratorDriverRunResult second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult();

        var reasons = second.Results.Single().TrackedSteps[TrackingNames.Emitted].SelectMany(s => s.Outputs).Select(o => o.Reason);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
    }

    [Fact]
    public void StepOutputsHoldNoSymbolsSyntaxOrCompilations()
    {
        GeneratorRun run = GeneratorHarness.Run(ModelSource, OtherSource);
        GeneratorRunResult result = run.Driver.GetRunResult().Results.Single();

        foreach (string step in TrackedSteps)
        {
            foreach (object? value in result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value))
            {
                AssertHoldsNoCompilerObjects(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void AssertAllCachedOrUnchanged(GeneratorDriverRunResult result)
    {
        GeneratorRunResult run = result.Results.Single();
        foreach (string step in TrackedSteps)
        {
            Assert.True(run.TrackedSteps.ContainsKey(step), "missing tracked step " + step);
            foreach ((object value, IncrementalStepRunReason reason) in run.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {step} was {reason}");
            }
        }
    }

    private static void AssertHoldsNoCompilerObjects(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or SemanticModel or Compilation or Location, $"step {step} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                AssertHoldsNoCompilerObjects(item, step, seen);
            }
        }

        if (value.GetType().Namespace?.StartsWith("SymGrad", StringComparison.Ordinal) == true || value.GetType().Name.StartsWith("ValueTuple", StringComparison.Ordinal))
        {
            foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                AssertHoldsNoCompilerObjects(property.GetValue(value), step, seen);
            }

            foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                AssertHoldsNoCompilerObjects(field.GetValue(value), step, seen);
            }
        }
    }
}
