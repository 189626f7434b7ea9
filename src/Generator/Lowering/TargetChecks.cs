using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// What is decided before a <c>[Differentiable]</c> declaration is lowered: whether SymGrad should say
/// anything about it at all, and whether it is a declaration a gradient can be generated for.
/// </summary>
internal static class TargetChecks
{
    /// <summary>
    /// Whether the compiler reports an error anywhere in the declaration (syntax, binding, or flow
    /// analysis such as CS0161 'not all code paths return a value'). SymGrad then stays silent: its
    /// diagnostics would only restate the compiler's (a type error as an unsupported conversion) or
    /// describe code the user is about to change, and lowering broken code is not meaningful. Only
    /// errors by default count: a warning promoted by TreatWarningsAsErrors (an unused local) leaves
    /// the method valid C#, and its gradient must not vanish. Nullable warnings are never errors by
    /// default, so the model may be one without nullable analysis (see <see cref="BodySemanticModel"/>).
    /// </summary>
    public static bool HasCompilerErrors(SyntaxNode declaration, SemanticModel semanticModel, CancellationToken cancellationToken) =>
        declaration.ContainsDiagnostics
        || semanticModel.GetDiagnostics(declaration.Span, cancellationToken).Any(d => d.DefaultSeverity == DiagnosticSeverity.Error);

    /// <summary>
    /// Reports a declaration the attribute is valid on (C# allows it on any method) but SymGrad cannot
    /// generate into: a local function or lambda has no type to add <c>{Name}Gradient</c> to, and a
    /// <c>file</c> type cannot be extended from the generated file. Returns whether one was reported.
    /// </summary>
    public static bool ReportUnsupportedTarget(IMethodSymbol method, SyntaxNode node, AttributeData? attribute, DiagnosticBag bag)
    {
        Location location = attribute?.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? node.GetLocation();
        switch (node)
        {
            case LocalFunctionStatementSyntax localFunction:
                bag.Add(DiagnosticDescriptors.LocalFunctionOrLambda, location, "the local function '" + localFunction.Identifier.ValueText + "'");
                return true;
            case AnonymousFunctionExpressionSyntax:
                bag.Add(DiagnosticDescriptors.LocalFunctionOrLambda, location, "a lambda");
                return true;
        }

        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                Location nameLocation = node is MethodDeclarationSyntax declaration ? declaration.Identifier.GetLocation() : location;
                bag.Add(DiagnosticDescriptors.FileLocalType, nameLocation, method.Name, type.Name);
                return true;
            }
        }

        return false;
    }
}
