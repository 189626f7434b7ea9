using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymGrad.Generator.Diagnostics;

namespace SymGrad.CodeFixes;

/// <summary>
/// SYMGRAD0002: adds <c>partial</c> to the type and to every type containing it, since the gradient is generated into
/// all of them (fixing only the reported one would leave the next container to report).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.TypeMustBePartial.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is TypeDeclarationSyntax type)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Make '" + type.Identifier.ValueText + "' and its containing types partial",
                        cancellationToken => MakePartialAsync(context.Document, type, cancellationToken),
                        equivalenceKey: nameof(MakePartialCodeFix)),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> MakePartialAsync(Document document, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var targets = type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword));
        SyntaxNode updated = root.ReplaceNodes(targets, static (_, rewritten) => Modifiers.AddPartial(rewritten));
        return document.WithSyntaxRoot(updated);
    }
}
