using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation.Planning;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Integer bookkeeping run backwards (<see cref="IntegerChains"/>): where the reverse sweep meets a step of
/// a chain it writes the step's inverse (<c>int l5 = l6 - 1;</c>), so the reverse loop has every version
/// without popping it. A chain whose versions no other reverse code reads is dropped again, with the
/// chains that run inside it, once the reverse body of its outermost loop is written.
/// </summary>
internal sealed partial class ReverseSweep
{
    /// <summary>Each chain step, by statement, with the family it belongs to.</summary>
    private readonly Dictionary<Stmt, (ChainStep Step, string Family)> chainSteps = new(ReferenceComparer.Instance);

    /// <summary>The inverses written so far, per family, by reference (records compare by value).</summary>
    private readonly Dictionary<string, HashSet<object>> inverses = new();

    private void ReadIntegerChains()
    {
        foreach (IntegerChain chain in plan.Loops.SelectMany(l => l.Chains))
        {
            foreach (ChainStep step in chain.Steps)
            {
                chainSteps[step.Statement] = (step, chain.Family);
            }
        }
    }

    /// <summary>Writes the inverse of a chain step; false when the statement is not one.</summary>
    private bool ReverseChainStep(AssignStatement assign)
    {
        if (!chainSteps.TryGetValue(assign, out (ChainStep Step, string Family) entry))
        {
            return false;
        }

        if (!inverses.TryGetValue(entry.Family, out HashSet<object>? written))
        {
            written = new HashSet<object>(ReferenceComparer.Instance);
            inverses[entry.Family] = written;
        }

        ChainStep step = entry.Step;
        if (assign.Note.Line > 0)
        {
            var comment = new CodeComment(DescribeLine(assign.Note) + "  (undone: the integer runs backwards)");
            output.Add(comment);
            written.Add(comment);
        }

        CodeStmt inverse = step.Declares ? new CodeDeclare(step.Defines, ValueKind.Int, step.Inverse) : new CodeAssign(step.Defines, step.Inverse);
        output.Add(inverse);
        written.Add(inverse);
        return true;
    }

    /// <summary>
    /// Before the reverse loop changes the integers it runs backwards, queued contributions that read
    /// them are evaluated, while the integers still hold the values those contributions read. Called
    /// once the loop's reverse body is written (the body only adds to adjoints materialised before it):
    /// for an outermost chain, only when it was kept; for a chain inside another, always (whether the
    /// outer one is kept is decided later).
    /// </summary>
    private void EvaluatePendingReadsOfChains(ForStatement loop)
    {
        foreach (IntegerChain chain in plan.Of(loop.Id).Chains.Where(c => !c.IsRoot || inverses.ContainsKey(c.Family)))
        {
            EvaluatePendingReadsOf(chain.Carried);
        }
    }

    /// <summary>
    /// The reverse body of a chain's outermost loop without the inverses of the families whose versions
    /// nothing else in it reads (the reverse then needs no integer at all, as before).
    /// </summary>
    private List<CodeStmt> DropUnreadChains(ForStatement loop, List<CodeStmt> body)
    {
        foreach (IntegerChain root in plan.Of(loop.Id).Chains.Where(c => c.IsRoot))
        {
            if (!inverses.TryGetValue(root.Family, out HashSet<object>? written))
            {
                continue;
            }

            var versions = new HashSet<string>(plan.Loops.SelectMany(l => l.Chains).Where(c => c.Family == root.Family).SelectMany(c => c.Versions));
            var read = new HashSet<string>();
            foreach (CodeStmt statement in CodeWalker.All(body).Where(s => !written.Contains(s)))
            {
                ReadsOf(statement, read);
            }

            if (!read.Overlaps(versions))
            {
                body = Without(body, written);
                inverses.Remove(root.Family);
            }
        }

        return body;
    }

    /// <summary>Whether the block holds a chain step's inverse: its loop must then run backwards.</summary>
    private bool RunsChainsBackwards(IEnumerable<CodeStmt> block) =>
        CodeWalker.All(block).Any(s => inverses.Values.Any(written => written.Contains(s)));

    /// <summary>The names one statement reads itself (not the statements nested in it).</summary>
    private static void ReadsOf(CodeStmt statement, HashSet<string> into)
    {
        foreach (Expr expr in CodeWalker.ExpressionsOf(statement))
        {
            ExprRewriter.AddVariables(expr, into);
        }

        if (statement is CodeInvoke call)
        {
            into.UnionWith(call.Arguments.SelectMany(a => ExprRewriter.Variables(a.Value)));
        }
    }

    private static List<CodeStmt> Without(IEnumerable<CodeStmt> block, HashSet<object> removed) => block
        .Where(s => !removed.Contains(s))
        .Select(s => s switch
        {
            CodeFor f => f with { Body = Without(f.Body, removed).ToEquatableArray() },
            CodeIf i => i with { Then = Without(i.Then, removed).ToEquatableArray(), Else = Without(i.Else, removed).ToEquatableArray() },
            _ => s,
        })
        .ToList();
}
