using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// A reverse loop that adds into one fixed element or reads one fixed element,
/// <c>for (j ...) { da[l] += dq * c[i]; dc[i] += dq * a[l]; }</c> with <c>i</c> unchanged by the loop (GMM's
/// triangle), keeps that element in a local instead: <c>double ci = c[i]; double dcSum = dc[i]; for (j ...)
/// { da[l] += dq * ci; dcSum += dq * a[l]; } dc[i] = dcSum;</c>. The same operations in the same order, so
/// the same bits, without a load (and, for a sum, a store) of the element per iteration, which the JIT
/// cannot keep in a register since it cannot tell the spans apart. Fixed reads are kept in locals only
/// beside a sum (alone they are not worth the test and the extra level). Only statements the body runs in every
/// iteration (not in a branch or a nested loop), only arrays nothing else in the loop touches (a read
/// array nothing writes), and under a test that the loop runs at all (an index the loop never uses may be
/// out of range). Reverse loops only: what they read, the forward sweep read at the same indices.
/// </summary>
internal static class InvariantElementSums
{
    public static CodeStmt Hoist(CodeFor loop, NameAllocator names)
    {
        List<CodeStmt> all = CodeWalker.All(loop.Body);
        var assigned = new HashSet<string>(CodeWalker.DeclaredNames(loop.Body)) { loop.Counter };
        assigned.UnionWith(all.OfType<CodeAssign>().Where(a => a.Index is null).Select(a => a.Name));
        assigned.UnionWith(all.OfType<CodeAddTo>().Where(a => a.Index is null).Select(a => a.Name));
        bool Fixed(Expr index) => !ExprRewriter.Variables(index).Any(assigned.Contains) && !ExprRewriter.ReadsArrays(index);

        // Arrays the loop writes, or hands to a call (which may write any span it is given).
        var written = new HashSet<string>();
        foreach (CodeStmt statement in all)
        {
            switch (statement)
            {
                case CodeAssign { Index: not null } a:
                    written.Add(a.Name);
                    break;
                case CodeAddTo { Index: not null } a:
                    written.Add(a.Name);
                    break;
                case CodeClear c:
                    written.Add(c.Name);
                    break;
                case CodeInvoke call:
                    written.UnionWith(call.Arguments.SelectMany(a => ExprRewriter.VariablesAndArrays(a.Value)));
                    break;
                case CodeRentBuffer or CodeArrayDeclare or CodeArrayAllocate or CodeReturnBuffer:
                    return loop;
            }
        }

        // Sums: an array whose only use in the loop is adding, at its top level, into one element at a fixed index.
        var sums = new Dictionary<string, Expr>();
        var notSums = new HashSet<string>();
        foreach (CodeAddTo add in loop.Body.OfType<CodeAddTo>().Where(a => a.Index is not null))
        {
            if (!Fixed(add.Index!) || (sums.TryGetValue(add.Name, out Expr? index) && index != add.Index))
            {
                notSums.Add(add.Name);
            }
            else
            {
                sums[add.Name] = add.Index!;
            }
        }

        foreach (CodeStmt statement in all)
        {
            bool isSum = statement is CodeAddTo { Index: not null } add && loop.Body.Contains(add);
            if (!isSum && statement is CodeAddTo { Index: not null } other)
            {
                notSums.Add(other.Name);
            }

            if (statement is CodeAssign or CodeClear or CodeInvoke)
            {
                notSums.UnionWith(written.Where(name => sums.ContainsKey(name) && Mentions(statement, name)));
            }

            foreach (Expr expr in CodeWalker.ExpressionsOf(statement).Concat(statement is CodeInvoke call ? call.Arguments.Select(a => a.Value) : Enumerable.Empty<Expr>()))
            {
                notSums.UnionWith(ExprRewriter.VariablesAndArrays(expr).Where(sums.ContainsKey));
            }
        }

        List<KeyValuePair<string, Expr>> hoistedSums = sums.Where(s => !notSums.Contains(s.Key)).OrderBy(s => s.Key, System.StringComparer.Ordinal).ToList();
        if (hoistedSums.Count == 0)
        {
            return loop; // a fixed read alone is not worth the test and the extra level
        }

        // Reads: elements at a fixed index of arrays the loop does not write, read by a statement at its top level.
        var reads = new List<ElementRead>();
        foreach (CodeStmt statement in loop.Body.Where(s => s is CodeDeclare or CodeAssign or CodeAddTo or CodeTapePush))
        {
            foreach (Expr expr in CodeWalker.ExpressionsOf(statement))
            {
                ExprRewriter.Contains(expr, e =>
                {
                    if (e is ElementRead read && read.Kind == ValueKind.Double && !written.Contains(read.Array) && Fixed(read.Index) && !reads.Contains(read))
                    {
                        reads.Add(read);
                    }

                    return false;
                });
            }
        }

        var locals = hoistedSums.ToDictionary(h => h.Key, h => names.Allocate(h.Key + "Sum"));
        var readLocals = reads.ToDictionary(r => (Expr)r, r => names.Allocate(r.Array + "Element"));
        var before = new List<CodeStmt>();
        var after = new List<CodeStmt>();
        foreach (ElementRead read in reads)
        {
            before.Add(new CodeDeclare(readLocals[read], ValueKind.Double, read));
        }

        foreach (KeyValuePair<string, Expr> sum in hoistedSums)
        {
            before.Add(new CodeDeclare(locals[sum.Key], ValueKind.Double, new ElementRead(sum.Key, sum.Value, ValueKind.Double)));
            after.Add(new CodeAssign(sum.Key, new Variable(locals[sum.Key], ValueKind.Double), sum.Value));
        }

        CodeFor rewritten = loop with { Body = loop.Body.Select(s => Rewrite(s, locals, readLocals)).ToEquatableArray() };
        Expr runs = loop.Descending
            ? new Binary(BinaryOperator.GreaterOrEqual, loop.Start, loop.End, ValueKind.Bool)
            : new Binary(BinaryOperator.Less, loop.Start, loop.End, ValueKind.Bool);
        return new CodeIf(runs, before.Append(rewritten).Concat(after).ToEquatableArray(), EquatableArray<CodeStmt>.Empty);
    }

    private static bool Mentions(CodeStmt statement, string name) => statement switch
    {
        CodeAssign a => a.Name == name,
        CodeClear c => c.Name == name,
        CodeInvoke call => call.Arguments.Any(a => ExprRewriter.Reads(a.Value, name)),
        _ => false,
    };

    /// <summary>A top-level statement with its sums added into their locals and its fixed reads replaced by theirs.</summary>
    private static CodeStmt Rewrite(CodeStmt statement, Dictionary<string, string> sums, Dictionary<Expr, string> reads)
    {
        Expr Replace(Expr expr) => ExprRewriter.Rewrite(expr, e => e is ElementRead && reads.TryGetValue(e, out string? local) ? new Variable(local, ValueKind.Double) : e);
        return statement switch
        {
            CodeAddTo { Index: not null } add when sums.TryGetValue(add.Name, out string? local) => new CodeAddTo(local, Replace(add.Value)),
            CodeAddTo add => add with { Value = Replace(add.Value), Index = add.Index is null ? null : Replace(add.Index) },
            CodeAssign assign => assign with { Value = Replace(assign.Value), Index = assign.Index is null ? null : Replace(assign.Index) },
            CodeDeclare declare => declare with { Value = Replace(declare.Value) },
            CodeTapePush push => push with { Value = Replace(push.Value) },
            _ => statement,
        };
    }
}
