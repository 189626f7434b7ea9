using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SymGrad.Generator.Analyzers;

namespace SymGrad.Analyzer.Tests;

/// <summary>
/// Roslyn's code-fix test with references that need no network: .NET 10 reference assemblies from
/// Basic.Reference.Assemblies and SymGrad.Attributes, instead of the framework's NuGet download.
/// </summary>
public sealed class SymGradTest<TCodeFix> : CSharpCodeFixTest<DifferentiableSignatureAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    private static readonly ImmutableArray<MetadataReference> References = ImmutableArray.CreateRange<MetadataReference>(Net100.References.All)
        .Add(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location));

    public SymGradTest()
    {
        // An empty set: the framework resolves nothing (and downloads nothing); the references come from the solution transform.
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        SolutionTransforms.Add((solution, projectId) => solution.AddMetadataReferences(projectId, References));
    }
}

/// <summary>Runs the analyzer alone (no fix expected) or with one of the fixes.</summary>
public static class Verify
{
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new SymGradTest<EmptyCodeFixProvider> { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task FixAsync<TCodeFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new SymGradTest<TCodeFix> { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>Applies the code action at <paramref name="codeActionIndex"/> of those the fix offers.</summary>
    public static Task FixAsync<TCodeFix>(string source, string fixedSource, int codeActionIndex)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new SymGradTest<TCodeFix> { TestCode = source, FixedCode = fixedSource, CodeActionIndex = codeActionIndex };
        return test.RunAsync(CancellationToken.None);
    }

    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Error);
}
