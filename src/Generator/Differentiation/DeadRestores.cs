using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Restores no code reads. The reverse sweep puts an overwritten element back (the old value the forward sweep
/// saved) so that reverse code after it reads the array as the forward code did at that point. For a local array
/// (declared at the method's top level: the caller never sees it) written by a top-level statement that reads
/// the array only to save its old elements, and referenced by no statement before it, nothing reads the array
/// after that statement's restores: the statement's own reverse code reads only the values it wrote (their
/// adjoints need no element of the array), the reverse code of the statements before it comes after and never
/// touches the array, and the reverse code of the statements after it has already run. So the restores and the
/// saves they read are dead: ADBench's GMM writes <c>qDiagonals[ik * d + j] = Math.Exp(q)</c> once per element
/// in its first loop, saving and restoring every old (zero) element through the tape for nothing.
/// </summary>
internal static class DeadRestores
{
    /// <summary>The saved old elements (the <see cref="ElementAssignStatement.Saved"/> names) whose restores nothing reads.</summary>
    public static HashSet<string> Find(IReadOnlyList<Stmt> body)
    {
        var dead = new HashSet<string>();
        var locals = new HashSet<string>(body.OfType<ArrayDeclareStatement>().Select(d => d.Name));
        for (int t = 0; t < body.Count; t++)
        {
            List<ElementAssignStatement> writes = StatementWalker.All(new[] { body[t] }).OfType<ElementAssignStatement>()
                .Where(e => e.Saved is not null && locals.Contains(e.Array))
                .ToList();
            foreach (string array in writes.Select(e => e.Array).Distinct())
            {
                var saved = new HashSet<string>(writes.Where(e => e.Array == array).Select(e => e.Saved!));
                // The declaration, and a top-level write's own save (the statement before it), are not references.
                bool referencedBefore = body.Take(t).Any(s => s switch
                {
                    ArrayDeclareStatement d when d.Name == array => false,
                    AssignStatement a when saved.Contains(a.Target) => false,
                    _ => References(s, array),
                });
                if (!referencedBefore && OnlyWritesAndSaves(body[t], array, saved))
                {
                    dead.UnionWith(saved);
                }
            }
        }

        return dead;
    }

    /// <summary>
    /// Whether every mention of <paramref name="array"/> in <paramref name="statement"/> and the statements nested in it
    /// is an element write whose index and value do not read it, or the save of an old element (<c>previous = array[index]</c>).
    /// </summary>
    private static bool OnlyWritesAndSaves(Stmt statement, string array, HashSet<string> saved) =>
        StatementWalker.All(new[] { statement }).All(s => s switch
        {
            AssignStatement a when saved.Contains(a.Target) => a.Value is ElementRead read && read.Array == array && !Mentions(read.Index, array),
            ElementAssignStatement e when e.Array == array => !Mentions(e.Index, array) && !Mentions(e.Value, array),
            _ => !MentionsItself(s, array),
        });

    /// <summary>Whether <paramref name="statement"/> or a statement nested in it reads or writes <paramref name="array"/>.</summary>
    private static bool References(Stmt statement, string array) => StatementWalker.All(new[] { statement }).Any(s => MentionsItself(s, array));

    /// <summary>
    /// Whether <paramref name="statement"/> itself (not the statements nested in it) reads or writes <paramref name="array"/>;
    /// a statement of a kind not listed here counts as a reference.
    /// </summary>
    private static bool MentionsItself(Stmt statement, string array) => statement switch
    {
        AssignStatement a => a.Target == array || Mentions(a.Value, array),
        ElementAssignStatement e => e.Array == array || Mentions(e.Index, array) || Mentions(e.Value, array),
        ArrayDeclareStatement d => d.Name == array || Mentions(d.Length, array),
        VectorCallStatement call => call.Output == array || call.Arguments.Any(a => Mentions(a, array)),
        LengthCheckStatement check => check.Array == array || check.Other == array,
        IfStatement or ForStatement or ReturnStatement or FailWhenStatement => StatementWalker.ExpressionsOf(statement).Any(e => Mentions(e, array)),
        _ => true,
    };

    /// <summary>Whether <paramref name="expr"/> reads <paramref name="array"/>, counting code printed as written that names it.</summary>
    private static bool Mentions(Expr expr, string array) =>
        ExprRewriter.Reads(expr, array)
        || ExprRewriter.Contains(expr, e => e is Opaque opaque && Regex.IsMatch(opaque.Code, @"(?<![\w@])@?" + Regex.Escape(array) + @"(?!\w)"));
}
