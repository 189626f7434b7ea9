using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Naming;

namespace SymGrad.Generator.Analyzers;

/// <summary>
/// Reports misuse of <c>[Differentiable]</c> that the signature shows (SYMGRAD0001-0007). An analyzer, unlike the
/// generator's output, runs as the user types in the IDE and its diagnostics carry code fixes (SymGrad.CodeFixes).
/// Problems in the method body are found while lowering it, so the generator keeps reporting those.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DifferentiableSignatureAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MethodMustBeStatic,
        DiagnosticDescriptors.TypeMustBePartial,
        DiagnosticDescriptors.ReturnTypeMustBeDouble,
        DiagnosticDescriptors.UnsupportedParameter,
        DiagnosticDescriptors.GenericMethodNotSupported,
        DiagnosticDescriptors.GradientNameCollision,
        DiagnosticDescriptors.MethodHasNoBody,
        DiagnosticDescriptors.MixedPrecisionSignature);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            INamedTypeSymbol? attribute = start.Compilation.GetTypeByMetadataName(DifferentiableGenerator.DifferentiableAttributeName);
            if (attribute is null)
            {
                return;
            }

            // Code fixes apply only to diagnostics inside the analyzed node, so SYMGRAD0002, which sits on a containing
            // type, is reported from that type's declaration, and the others from the method's.
            start.RegisterSyntaxNodeAction(nodeContext => AnalyzeMethod(nodeContext, attribute), SyntaxKind.MethodDeclaration);
            start.RegisterSyntaxNodeAction(
                nodeContext => AnalyzeType(nodeContext, attribute),
                SyntaxKind.ClassDeclaration,
                SyntaxKind.StructDeclaration,
                SyntaxKind.RecordDeclaration,
                SyntaxKind.RecordStructDeclaration,
                SyntaxKind.InterfaceDeclaration);
        });
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, INamedTypeSymbol attribute)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (DifferentiableMethod(context, syntax, attribute) is { } method)
        {
            var problems = SignatureRules.Check(method, syntax).Where(p => p.Descriptor != DiagnosticDescriptors.TypeMustBePartial).ToList();
            if (problems.Count > 0 && !CompilerRejects(context, syntax))
            {
                foreach (SignatureProblem problem in problems)
                {
                    context.ReportDiagnostic(problem.ToDiagnostic());
                }
            }
        }
    }

    /// <summary>SYMGRAD0002 for a type that is not partial, once for each [Differentiable] method it contains.</summary>
    private static void AnalyzeType(SyntaxNodeAnalysisContext context, INamedTypeSymbol attribute)
    {
        var type = (TypeDeclarationSyntax)context.Node;
        if (type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return;
        }

        foreach (MethodDeclarationSyntax syntax in type.DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (DifferentiableMethod(context, syntax, attribute) is { } method)
            {
                foreach (SignatureProblem problem in SignatureRules.Check(method, syntax))
                {
                    if (problem.Descriptor == DiagnosticDescriptors.TypeMustBePartial && problem.Location.SourceSpan == type.Identifier.Span && !CompilerRejects(context, syntax))
                    {
                        context.ReportDiagnostic(problem.ToDiagnostic());
                    }
                }
            }
        }
    }

    /// <summary>The method's symbol when it is <c>[Differentiable]</c>.</summary>
    private static IMethodSymbol? DifferentiableMethod(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax syntax, INamedTypeSymbol attribute) =>
        syntax.AttributeLists.Count > 0
        && context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is IMethodSymbol method
        && method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute))
            ? method
            : null;

    /// <summary>
    /// Whether the compiler has an error in the declaration: as in the generator (<see cref="Lowering.TargetChecks.HasCompilerErrors"/>),
    /// SymGrad says nothing about code the compiler already rejects (an unknown parameter type is CS0246, not also
    /// SYMGRAD0004). Asked only when there is something to report, since it compiles the method body once more.
    /// </summary>
    private static bool CompilerRejects(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax syntax) =>
        Lowering.TargetChecks.HasCompilerErrors(syntax, context.SemanticModel, context.CancellationToken);
}
