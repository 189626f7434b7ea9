using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Simplification;

/// <summary>
/// Removes declarations, assignments, element writes, additions and clears of names nothing reads
/// (the names in <c>keep</c> are read by the caller: outputs and the result), until none is left: in a
/// tangent program the values kept only for a reverse sweep (an element's old value, a result nobody
/// returns), and in a Hessian-vector product the gradient itself, whose tangent is the product but
/// which nothing reads. Reads are counted anywhere in the program, so a write inside a loop that a
/// later iteration reads stays. A value that pops the tape or calls a method is kept: removing it would change
/// what later pops read, or skip a call's effects.
/// </summary>
internal static class DeadDeclarations
{
    /// <remarks>
    /// One count per name of the statements that read it (a name in <paramref name="keep"/> is always read); a removable
    /// statement whose target nobody reads goes, its reads are taken back, and the statements writing a name whose count
    /// falls to zero are looked at again: the same statements go as when the reads are collected again after each round,
    /// in time linear in the program rather than in the program times the longest chain of dead values.
    /// </remarks>
    public static List<CodeStmt> Remove(IReadOnlyList<CodeStmt> program, IEnumerable<string> keep)
    {
        // The statements in walk order (parents before children): a statement is known by its place in it.
        List<CodeStmt> all = CodeWalker.All(program);
        var kept = new HashSet<string>(keep);
        var readers = new Dictionary<string, int>();
        var reads = new List<string>[all.Count];
        var writersOf = new Dictionary<string, List<int>>();
        for (int i = 0; i < all.Count; i++)
        {
            reads[i] = ReadsOf(all[i]);
            foreach (string name in reads[i])
            {
                readers[name] = readers.TryGetValue(name, out int count) ? count + 1 : 1;
            }

            if (Removable(all[i]) is { } target)
            {
                if (!writersOf.TryGetValue(target, out List<int>? writers))
                {
                    writersOf[target] = writers = new List<int>();
                }

                writers.Add(i);
            }
        }

        bool IsRead(string name) => kept.Contains(name) || (readers.TryGetValue(name, out int count) && count > 0);
        var removed = new bool[all.Count];
        var pending = new Stack<string>(writersOf.Keys.Where(name => !IsRead(name)));
        while (pending.Count > 0)
        {
            string name = pending.Pop();
            foreach (int writer in writersOf[name])
            {
                if (removed[writer])
                {
                    continue;
                }

                removed[writer] = true;
                foreach (string read in reads[writer])
                {
                    int left = --readers[read];
                    if (left == 0 && !kept.Contains(read) && writersOf.ContainsKey(read))
                    {
                        pending.Push(read);
                    }
                }
            }
        }

        int place = 0;
        return Without(program, removed, ref place);
    }

    /// <summary>The name a statement writes when it may go once nobody reads that name (a pure write or a clear), else null.</summary>
    private static string? Removable(CodeStmt statement) => statement switch
    {
        CodeDeclare declare when IsPure(declare.Value) => declare.Name,
        CodeAssign assign when IsPure(assign.Value) && (assign.Index is null || IsPure(assign.Index)) => assign.Name,
        CodeAddTo add when IsPure(add.Value) && (add.Index is null || IsPure(add.Index)) => add.Name,
        CodeClear clear => clear.Name,
        _ => null,
    };

    /// <summary>The block without the removed statements; <paramref name="place"/> follows <see cref="CodeWalker.All"/>'s order.</summary>
    private static List<CodeStmt> Without(IEnumerable<CodeStmt> block, bool[] removed, ref int place)
    {
        var result = new List<CodeStmt>();
        foreach (CodeStmt statement in block)
        {
            if (removed[place++])
            {
                continue;
            }

            switch (statement)
            {
                case CodeFor loop:
                    result.Add(loop with { Body = Without(loop.Body, removed, ref place).ToEquatableArray() });
                    break;
                case CodeIf branch:
                    List<CodeStmt> then = Without(branch.Then, removed, ref place);
                    result.Add(branch with { Then = then.ToEquatableArray(), Else = Without(branch.Else, removed, ref place).ToEquatableArray() });
                    break;
                default:
                    result.Add(statement);
                    break;
            }
        }

        return result;
    }

    /// <summary>Every name the program reads or writes (a local the emitter declares only when the code uses it).</summary>
    public static HashSet<string> Mentioned(IReadOnlyList<CodeStmt> program)
    {
        var names = new HashSet<string>();
        CollectReads(program, names);
        CollectTargets(program, names);
        return names;
    }

    private static void CollectTargets(IEnumerable<CodeStmt> block, HashSet<string> into)
    {
        foreach (CodeStmt statement in CodeWalker.All(block))
        {
            if (TargetOf(statement) is { } target)
            {
                into.Add(target);
            }
        }
    }

    private static string? TargetOf(CodeStmt statement) => statement switch
    {
        CodeDeclare d => d.Name,
        CodeAssign a => a.Name,
        CodeAddTo a => a.Name,
        CodeClear c => c.Name,
        _ => null,
    };

    private static bool IsPure(Expr value) => !ExprRewriter.Contains(value, e => e is TapePop or UserCall);

    private static void CollectReads(IEnumerable<CodeStmt> block, HashSet<string> read)
    {
        foreach (CodeStmt statement in CodeWalker.All(block))
        {
            read.UnionWith(ReadsOf(statement));
        }
    }

    /// <summary>The names one statement reads itself (not those of the statements nested in it), once for each read.</summary>
    private static List<string> ReadsOf(CodeStmt statement)
    {
        var read = new List<string>();

        // An update reading its own target (dw[i] = dw[i] * s, loss += ...) does not keep the target alive.
        string? target = statement is CodeAssign or CodeAddTo ? TargetOf(statement) : null;
        foreach (Expr expr in CodeWalker.ExpressionsOf(statement))
        {
            int from = read.Count;
            ExprRewriter.AddVariablesAndArrays(expr, read);
            for (int k = read.Count - 1; target is not null && k >= from; k--)
            {
                if (read[k] == target)
                {
                    read.RemoveAt(k);
                }
            }
        }

        // A write kept for its call or pop keeps its target declared (x = F(...) in a branch, declared before it).
        if (statement is CodeAssign { Index: null } kept && !IsPure(kept.Value))
        {
            read.Add(kept.Name);
        }
        else if (statement is CodeAddTo { Index: null } added && !IsPure(added.Value))
        {
            read.Add(added.Name);
        }

        switch (statement)
        {
            case CodeInvoke invoke:
                read.AddRange(invoke.Arguments.SelectMany(a => ExprRewriter.VariablesAndArrays(a.Value)));
                break;
            case CodeLengthCheck check:
                read.Add(check.Array);
                read.Add(check.Other);
                break;
        }

        return read;
    }
}
