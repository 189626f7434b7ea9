using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SymGrad.CodeFixes;

/// <summary>
/// What every SymGrad code fix shares: the diagnostics it fixes, batch fix-all, and offering one
/// rewrite of the document's syntax root under a title, keyed by the fix's type so fix-all groups it.
/// </summary>
public abstract class SymGradCodeFix : CodeFixProvider
{
    protected SymGradCodeFix(params DiagnosticDescriptor[] fixes) =>
        FixableDiagnosticIds = fixes.Select(descriptor => descriptor.Id).ToImmutableArray();

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <summary>Offers <paramref name="title"/> for <paramref name="diagnostic"/>: <paramref name="rewrite"/> gets the document and its root and returns the new root.</summary>
    protected void Offer(CodeFixContext context, Diagnostic diagnostic, string title, Func<Document, SyntaxNode, CancellationToken, Task<SyntaxNode>> rewrite) =>
        Offer(context, diagnostic, title, GetType().Name, rewrite);

    /// <summary>Offers one of several rewrites a fix has; <paramref name="key"/> tells fix-all which one was chosen.</summary>
    protected void Offer(CodeFixContext context, Diagnostic diagnostic, string title, string key, Func<Document, SyntaxNode, CancellationToken, Task<SyntaxNode>> rewrite)
    {
        Document document = context.Document;
        context.RegisterCodeFix(
            CodeAction.Create(
                title,
                async cancellationToken =>
                {
                    SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
                    return document.WithSyntaxRoot(await rewrite(document, root, cancellationToken).ConfigureAwait(false));
                },
                equivalenceKey: key),
            diagnostic);
    }

    /// <summary>Offers a rewrite that needs nothing but the root.</summary>
    protected void Offer(CodeFixContext context, Diagnostic diagnostic, string title, Func<SyntaxNode, SyntaxNode> rewrite) =>
        Offer(context, diagnostic, title, (_, root, _) => Task.FromResult(rewrite(root)));
}
