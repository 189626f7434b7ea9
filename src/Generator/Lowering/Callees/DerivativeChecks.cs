using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Lowering.Callees;

/// <summary>
/// SYMGRAD0022 for a <c>[DerivativeOf]</c> method that cannot serve: no target of that name, a
/// signature that is not the target's gradient signature (the message prints the expected one), a
/// <c>[Differentiable]</c> target (its gradient is generated), or a second derivative of one target.
/// </summary>
internal static class DerivativeChecks
{
    public static EquatableArray<DiagnosticInfo> Check(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return CheckOne(context);
        }
        catch (System.Exception exception) when (exception is not System.OperationCanceledException)
        {
            SourceSpan? at = SourceSpan.From(context.TargetNode.GetLocation());
            return new[] { new DiagnosticInfo(DiagnosticDescriptors.InternalError.Id, at, new[] { context.TargetSymbol.Name, exception.GetType().Name + ": " + exception.Message }.ToEquatableArray()) }.ToEquatableArray();
        }
    }

    private static EquatableArray<DiagnosticInfo> CheckOne(GeneratorAttributeSyntaxContext context)
    {
        if (context.TargetSymbol is not IMethodSymbol derivative || context.TargetNode is not MethodDeclarationSyntax syntax)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        SourceSpan? location = SourceSpan.From(syntax.Identifier.GetLocation());
        string name = derivative.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        (IMethodSymbol? target, string? problem, string? expected) = DerivativeIndex.Check(derivative);
        AttributeData? attribute = derivative.GetAttributes().FirstOrDefault(a => AttributeMatch.Is(a, DerivativeIndex.AttributeName));
        string targetText = target?.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)
            ?? attribute?.ConstructorArguments.LastOrDefault().Value as string
            ?? "?";
        if (problem is null && target is not null && CallGraph.IsDifferentiable(target))
        {
            problem = "the target is [Differentiable], so SymGrad generates its gradient and pullback";
            expected = "no [DerivativeOf] on a derivative of a [Differentiable] method";
        }
        else if (problem is null && target is not null)
        {
            var derivatives = DerivativeIndex.For(context.SemanticModel.Compilation).Of(target);
            if (derivatives.Count > 1 && !SymbolEqualityComparer.Default.Equals(derivatives[0], derivative))
            {
                problem = "'" + derivatives[0].ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + "' is already its derivative";
                expected = "one [DerivativeOf] method per target";
            }
        }

        if (problem is null)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        return new[] { new DiagnosticInfo(DiagnosticDescriptors.InvalidDerivative.Id, location, new[] { name, targetText, problem, expected ?? (target is null ? "[DerivativeOf(nameof(Target))] for a method of the same type, or [DerivativeOf(typeof(Type), nameof(Type.Target))]" : DerivativeIndex.ExpectedSignature(target)) }.ToEquatableArray()) }.ToEquatableArray();
    }
}
