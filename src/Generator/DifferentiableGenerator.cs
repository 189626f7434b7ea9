using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.Emission;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.References;
using SymGrad.Generator.Simplification;

namespace SymGrad.Generator;

/// <summary>
/// The SymGrad source generator. Pipeline (each step a pure function over value-equal models):
/// <c>[Differentiable]</c> methods → lowering to IR (with diagnostics) → differentiation →
/// simplification → emission. Lowering diagnostics leave through their own output so the source
/// output stays cacheable.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    internal const string DifferentiableAttributeName = "SymGrad.DifferentiableAttribute";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<LoweringResult> lowered = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                DifferentiableAttributeName,
                // Local functions and lambdas are matched too, so that the attribute on them is reported rather than ignored.
                static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax,
                static (syntaxContext, cancellationToken) => MethodLowerer.Lower(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.Lowered);

        // [DerivativeOf] methods are read by the calls that need them; here each is checked once, at its declaration.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> derivativeProblems = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                Lowering.Callees.DerivativeIndex.AttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, cancellationToken) => Lowering.Callees.DerivativeChecks.Check(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.DerivativeChecks);
        context.RegisterSourceOutput(derivativeProblems, static (output, items) =>
        {
            foreach (DiagnosticInfo item in items)
            {
                output.ReportDiagnostic(item.ToDiagnostic());
            }
        });

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = lowered
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, items) =>
        {
            foreach (DiagnosticInfo item in items)
            {
                output.ReportDiagnostic(item.ToDiagnostic());
            }
        });

        IncrementalValuesProvider<Outcome<GeneratedFile>> files = lowered
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Models)
            .Select(static (model, _) => (Model: model, Gradient: Outcome<DerivativeSet>.Run(model, () => GradientBuilder.BuildAll(model))))
            .WithTrackingName(TrackingNames.Differentiated)
            .Select(static (step, _) => (step.Model, Gradient: step.Gradient.Then(step.Model, DerivativePipeline.Run)))
            .WithTrackingName(TrackingNames.Simplified)
            .Select(static (step, _) => step.Gradient.Then(step.Model, set => new GeneratedFile(set.Gradient.Method.HintName, GradientEmitter.EmitSourceText(set), set.Gradient.Method.Name, set.Gradient.Method.Location) { Problems = set.Problems }))
            .WithTrackingName(TrackingNames.Emitted);

        // Generated code must compile against the project's references: a runtime type it needs but cannot find
        // becomes SYMGRAD0008 at the method instead of an error inside the .g.cs file.
        IncrementalValueProvider<RuntimeTypes> runtime = context.CompilationProvider
            .Select(static (compilation, _) => RuntimeTypes.Of(compilation))
            .WithTrackingName(TrackingNames.RuntimeTypes);

        // Hint names must be unique within the generator (a repeated one throws, and Roslyn then drops
        // every generated file), and two declarations can share one: a duplicated method (CS0111),
        // 'K<T>' and 'K_T_', or names differing only in case. The files are collected to number them;
        // the expensive steps above stay per method and cached.
        context.RegisterSourceOutput(files.Collect().Combine(runtime), static (output, item) =>
        {
            (System.Collections.Immutable.ImmutableArray<Outcome<GeneratedFile>> all, RuntimeTypes available) = item;
            var hintNames = new UniqueHintNames();
            foreach (Outcome<GeneratedFile> file in all)
            {
                if (file.Value is not null && available.FirstMissingIn(file.Value.Source) is { } missing)
                {
                    output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RuntimeNotReferenced, file.Value.Location?.ToLocation(), file.Value.MethodName, missing));
                }
                else if (file.Value is not null)
                {
                    output.AddSource(hintNames.Claim(file.Value.HintName), file.Value.Source);
                    foreach (DiagnosticInfo problem in file.Value.Problems)
                    {
                        output.ReportDiagnostic(problem.ToDiagnostic());
                    }
                }
                else if (file.Error is not null)
                {
                    output.ReportDiagnostic(file.Error.ToDiagnostic());
                }
            }
        });
    }
}

/// <summary>One generated source file, and the method it belongs to (for diagnostics about the file as a whole).</summary>
internal sealed record GeneratedFile(string HintName, SourceText Source, string MethodName, SourceSpan? Location)
{
    /// <summary>Methods the attribute asked for that could not be generated (the file still holds the gradient).</summary>
    public EquatableArray<DiagnosticInfo> Problems { get; init; } = EquatableArray<DiagnosticInfo>.Empty;

    /// <summary>Equal when the text is (a <see cref="SourceText"/> compares by reference), so an unchanged file stops the pipeline.</summary>
    public bool Equals(GeneratedFile? other) =>
        other is not null
        && HintName == other.HintName
        && MethodName == other.MethodName
        && Equals(Location, other.Location)
        && Problems.Equals(other.Problems)
        && Source.ContentEquals(other.Source);

    public override int GetHashCode() => (HintName, MethodName, Source.Length).GetHashCode();
}
