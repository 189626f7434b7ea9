using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;

namespace SymGrad.CodeFixes;

/// <summary>SYMGRAD0001: makes the <c>[Differentiable]</c> method <c>static</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeStaticCodeFix)), Shared]
public sealed class MakeStaticCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.MethodMustBeStatic.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is MethodDeclarationSyntax method)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Make '" + method.Identifier.ValueText + "' static",
                        cancellationToken => MakeStaticAsync(context.Document, method, cancellationToken),
                        equivalenceKey: nameof(MakeStaticCodeFix)),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> MakeStaticAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return document.WithSyntaxRoot(root.ReplaceNode(method, Modifiers.AddStatic(method)));
    }
}
