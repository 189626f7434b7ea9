using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Log-sum-exp shifts carry no derivative. The stable log-sum-exp
/// <code>
/// double max = z[0];
/// for (int c = 1; c &lt; k; c++) max = Math.Max(max, z[c]);
/// double sumExp = 0.0;
/// for (int c = 0; c &lt; k; c++) sumExp += Math.Exp(z[c] - max);
/// double lse = max + Math.Log(sumExp);
/// </code>
/// is <c>S + log(sum_c exp(A_c - S))</c> for a shift S, whose partial derivative is
/// <c>1 - sum_c exp(A_c - S) / sum_c exp(A_c - S) = 0</c> for every S. So when the result reads S
/// only there, S (and every name that feeds S alone) is left out of the active set: the reverse sweep
/// neither propagates through the maximum's loop nor saves its running values, and the gradient with
/// respect to A is <c>exp(A_c - S) / sum</c> exactly (the propagated version added a rounding residual
/// to the arg-max element, and the tie rule of <c>Math.Max</c> picked which).
/// <para>
/// The pattern, checked on the SSA body (names are assigned once but for loop-carried and merged
/// ones):
/// <list type="bullet">
/// <item>an addition <c>S + Math.Log(a)</c> (either order, <c>MathF</c> too) in a statement L;</item>
/// <item>the shift's chain X: S and every local that only statements assigning X read (a condition, an integer, a
/// loop bound or a length passes no derivative and does not count as a read); each read of S outside X is that
/// addition or an exp term below;</item>
/// <item>the sum's chain: <c>a</c> and every local that only the sum's statements read; each sum
/// statement is <c>0</c>, a copy of the chain, or the chain plus an exp term, where an exp term is
/// <c>Math.Exp(A - S)</c> (or a local assigned that once and read only by the sum), A reading neither
/// chain; <c>a</c> is read only by the sum and L;</item>
/// <item>in the block that holds L, every assignment of S itself comes (nested or not) in the statements before
/// the first statement of the sum, the sum's <c>0</c> is one of that block's own statements and comes first,
/// and the whole sum lies between it and L: so each time L runs, S was final before the first term and
/// the sum started from 0 after it.</item>
/// </list>
/// Anything else (a shift read elsewhere, a running maximum inside the sum's loop, a sum carried
/// across the rows) keeps S active and differentiated as written.
/// </para>
/// </summary>
internal static class ShiftInvariance
{
    /// <summary>
    /// The log-sum-exp shifts of <paramref name="body"/> (SSA form): every name of their chains (names with no derivative),
    /// and each statement with a log-sum-exp whose shift that is, with the shift's name.
    /// </summary>
    public static Shifts Find(IReadOnlyList<Stmt> body)
    {
        var inactive = new HashSet<string>();
        var statements = new Dictionary<Stmt, string>(ReferenceComparer.Instance);
        var candidates = Candidates(body).ToList();
        if (candidates.Count == 0)
        {
            // Most methods have no log-sum-exp: no reads are counted for them.
            return new Shifts(inactive, statements);
        }

        var uses = new Uses(body);
        foreach ((string shift, string sum, AssignStatement statement, IReadOnlyList<Stmt> block) in candidates)
        {
            HashSet<string>? chain = inactive.Contains(shift) ? null : Qualifies(uses, shift, sum, statement, block);
            if (chain is not null)
            {
                inactive.UnionWith(chain);
                statements[statement] = shift;
            }
        }

        return new Shifts(inactive, statements);
    }

    /// <summary>Every statement with an addition <c>S + Math.Log(a)</c> of two locals, with the block it is a statement of.</summary>
    private static IEnumerable<(string Shift, string Sum, AssignStatement Statement, IReadOnlyList<Stmt> Block)> Candidates(IReadOnlyList<Stmt> block)
    {
        foreach (Stmt statement in block)
        {
            if (statement is AssignStatement assign)
            {
                foreach ((string shift, string sum) in LogSumExpNodes(assign.Value).Distinct())
                {
                    yield return (shift, sum, assign, block);
                }
            }

            IEnumerable<IReadOnlyList<Stmt>> nested = statement switch
            {
                ForStatement loop => new IReadOnlyList<Stmt>[] { loop.Body },
                IfStatement branch => new IReadOnlyList<Stmt>[] { branch.Then, branch.Else },
                _ => Enumerable.Empty<IReadOnlyList<Stmt>>(),
            };
            foreach (IReadOnlyList<Stmt> inner in nested)
            {
                foreach (var candidate in Candidates(inner))
                {
                    yield return candidate;
                }
            }
        }
    }

    private static IEnumerable<(string Shift, string Sum)> LogSumExpNodes(Expr expr)
    {
        var found = new List<(string, string)>();
        ExprRewriter.Contains(expr, node =>
        {
            if (AsLogSumExp(node) is { } pair)
            {
                found.Add(pair);
            }

            return false;
        });
        return found;
    }

    private static (string Shift, string Sum)? AsLogSumExp(Expr node) => node switch
    {
        Binary { Operator: BinaryOperator.Add, Left: Variable { Kind: ValueKind.Double } shift, Right: Call { Function: MathFunction.Log, First: Variable { Kind: ValueKind.Double } sum, Second: null } } => (shift.Name, sum.Name),
        Binary { Operator: BinaryOperator.Add, Left: Call { Function: MathFunction.Log, First: Variable { Kind: ValueKind.Double } sum, Second: null }, Right: Variable { Kind: ValueKind.Double } shift } => (shift.Name, sum.Name),
        _ => null,
    };

    /// <summary>The shift's chain when the pattern of the summary holds for (shift, sum) at <paramref name="statement"/>; else null.</summary>
    private static HashSet<string>? Qualifies(Uses uses, string shift, string sum, AssignStatement statement, IReadOnlyList<Stmt> block)
    {
        if (shift == sum || !uses.IsLocal(shift) || !uses.IsLocal(sum))
        {
            return null;
        }

        HashSet<string> shiftChain = uses.FeedingOnly(shift);
        HashSet<string> sumChain = uses.FeedingOnly(sum);
        if (shiftChain.Overlaps(sumChain))
        {
            return null;
        }

        // The sum's statements, each 0, a copy within the chain, or the chain plus one exp term of the shift.
        var terms = new List<Stmt>();
        int termCount = 0;
        var sumStatements = new List<AssignStatement>();
        AssignStatement? start = null;
        foreach (string name in sumChain)
        {
            foreach (AssignStatement assign in uses.Assignments(name))
            {
                sumStatements.Add(assign);
                switch (assign.Value)
                {
                    case Constant { Value: 0.0 }:
                        if (start is not null)
                        {
                            return null;
                        }

                        start = assign;
                        break;
                    case Variable copied when sumChain.Contains(copied.Name):
                        break;
                    case Binary { Operator: BinaryOperator.Add } addition:
                        if (!AddsTerm(uses, addition, shift, shiftChain, sumChain, terms))
                        {
                            return null;
                        }

                        termCount++;
                        break;
                    case Call term when IsExpOfShift(term, shift, shiftChain, sumChain):
                        // A named term (`double e = Math.Exp(z[c] - max); sumExp += e;`): the addition above checks its reads.
                        break;
                    default:
                        return null;
                }
            }
        }

        if (start is null || termCount == 0)
        {
            return null;
        }

        // Every read of the chains outside them is the addition at the statement or an exp term (checked by count).
        var shiftStatements = new HashSet<Stmt>(shiftChain.SelectMany(uses.Assignments), ReferenceComparer.Instance);
        var sumSet = new HashSet<Stmt>(sumStatements, ReferenceComparer.Instance);
        var termSet = new HashSet<Stmt>(terms, ReferenceComparer.Instance);
        foreach ((Stmt reader, int count) in uses.Readers(shift))
        {
            if (shiftStatements.Contains(reader))
            {
                continue;
            }

            int expected = ReferenceEquals(reader, statement) ? LogSumExpNodes(statement.Value).Count(n => n == (shift, sum)) : 0;
            expected += termSet.Contains(reader) || sumSet.Contains(reader) ? ExpTerms(reader, shift, shiftChain, sumChain) : 0;
            if (count != expected)
            {
                return null;
            }
        }

        foreach ((Stmt reader, int count) in uses.Readers(sum))
        {
            if (sumSet.Contains(reader))
            {
                continue;
            }

            if (!ReferenceEquals(reader, statement) || count != LogSumExpNodes(statement.Value).Count(n => n == (shift, sum)))
            {
                return null;
            }
        }

        return InOrder(block, statement, start, uses.Assignments(shift), sumSet, termSet) ? shiftChain : null;
    }

    /// <summary>Whether the addition is a name of the sum's chain plus a term (either order).</summary>
    private static bool AddsTerm(Uses uses, Binary addition, string shift, HashSet<string> shiftChain, HashSet<string> sumChain, List<Stmt> terms) =>
        (addition.Left is Variable left && sumChain.Contains(left.Name) && IsTerm(uses, addition.Right, shift, shiftChain, sumChain, terms))
        || (addition.Right is Variable right && sumChain.Contains(right.Name) && IsTerm(uses, addition.Left, shift, shiftChain, sumChain, terms));

    /// <summary>Whether <paramref name="term"/> is <c>Math.Exp(A - shift)</c>, or a local assigned that once and read only by the sum; records the term's statement.</summary>
    private static bool IsTerm(Uses uses, Expr term, string shift, HashSet<string> shiftChain, HashSet<string> sumChain, List<Stmt> terms)
    {
        if (IsExpOfShift(term, shift, shiftChain, sumChain))
        {
            return true;
        }

        if (term is not Variable { Kind: ValueKind.Double } named || !uses.IsLocal(named.Name))
        {
            return false;
        }

        IReadOnlyList<AssignStatement> assignments = uses.Assignments(named.Name);
        if (assignments.Count != 1 || !IsExpOfShift(assignments[0].Value, shift, shiftChain, sumChain) || uses.Readers(named.Name).Count() != 1)
        {
            return false;
        }

        terms.Add(assignments[0]);
        return true;
    }

    private static bool IsExpOfShift(Expr expr, string shift, HashSet<string> shiftChain, HashSet<string> sumChain) =>
        expr is Call { Function: MathFunction.Exp, Second: null, First: Binary { Operator: BinaryOperator.Subtract, Left: var shifted, Right: Variable subtracted } }
        && subtracted.Name == shift
        && !ExprRewriter.ReadsAny(shifted, shiftChain)
        && !ExprRewriter.ReadsAny(shifted, sumChain);

    /// <summary>How many exp terms of the shift <paramref name="statement"/>'s value holds: each reads the shift once.</summary>
    private static int ExpTerms(Stmt statement, string shift, HashSet<string> shiftChain, HashSet<string> sumChain)
    {
        int count = 0;
        if (statement is AssignStatement assign)
        {
            ExprRewriter.Contains(assign.Value, node =>
            {
                count += IsExpOfShift(node, shift, shiftChain, sumChain) ? 1 : 0;
                return false;
            });
        }

        return count;
    }

    /// <summary>
    /// In <paramref name="block"/>: every assignment of the shift itself in statements before the sum's start, the start
    /// one of the block's own statements, and the sum's statements and terms between the start and the statement
    /// reading the sum. (The rest of the shift's chain may be anywhere: it only feeds the shift.)
    /// </summary>
    private static bool InOrder(IReadOnlyList<Stmt> block, Stmt statement, Stmt start, IReadOnlyList<AssignStatement> shiftAssignments, HashSet<Stmt> sumStatements, HashSet<Stmt> terms)
    {
        int startIndex = IndexOf(block, start);
        int statementIndex = IndexOf(block, statement);
        if (startIndex < 0 || statementIndex <= startIndex)
        {
            return false;
        }

        var before = new HashSet<Stmt>(StatementWalker.All(block.Take(startIndex)), ReferenceComparer.Instance);
        var between = new HashSet<Stmt>(StatementWalker.All(block.Skip(startIndex).Take(statementIndex - startIndex)), ReferenceComparer.Instance);
        return shiftAssignments.All(before.Contains) && sumStatements.All(between.Contains) && terms.All(between.Contains);
    }

    private static int IndexOf(IReadOnlyList<Stmt> block, Stmt statement)
    {
        for (int i = 0; i < block.Count; i++)
        {
            if (ReferenceEquals(block[i], statement))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Who assigns each scalar name of a body, and which statements read it where a derivative may pass (statements
    /// compared by reference): conditions, integers, loop bounds and lengths are not counted.
    /// </summary>
    private sealed class Uses
    {
        private readonly Dictionary<string, List<AssignStatement>> assignments = new();
        private readonly Dictionary<string, Dictionary<Stmt, int>> readers = new();

        public Uses(IReadOnlyList<Stmt> body)
        {
            foreach (Stmt statement in StatementWalker.All(body))
            {
                if (statement is AssignStatement assign)
                {
                    if (!assignments.TryGetValue(assign.Target, out List<AssignStatement>? list))
                    {
                        assignments[assign.Target] = list = new List<AssignStatement>();
                    }

                    list.Add(assign);
                }

                // A condition (stored in a bool or not), an integer, a loop bound or a length passes no derivative: only the reads that may are counted.
                if (statement is IfStatement or ForStatement or FailWhenStatement or ArrayDeclareStatement || statement is AssignStatement { Value.Kind: not ValueKind.Double })
                {
                    continue;
                }

                foreach (Expr expr in StatementWalker.ExpressionsOf(statement))
                {
                    foreach (string name in ExprRewriter.Variables(expr))
                    {
                        if (!readers.TryGetValue(name, out Dictionary<Stmt, int>? counts))
                        {
                            readers[name] = counts = new Dictionary<Stmt, int>(ReferenceComparer.Instance);
                        }

                        counts[statement] = counts.TryGetValue(statement, out int count) ? count + 1 : 1;
                    }
                }
            }
        }

        /// <summary>Whether the body assigns the name (a local, not a parameter).</summary>
        public bool IsLocal(string name) => assignments.ContainsKey(name);

        public IReadOnlyList<AssignStatement> Assignments(string name) =>
            assignments.TryGetValue(name, out List<AssignStatement>? list) ? list : (IReadOnlyList<AssignStatement>)System.Array.Empty<AssignStatement>();

        public IEnumerable<(Stmt Reader, int Count)> Readers(string name) =>
            readers.TryGetValue(name, out Dictionary<Stmt, int>? counts) ? counts.Select(p => (p.Key, p.Value)) : Enumerable.Empty<(Stmt, int)>();

        /// <summary><paramref name="root"/> and every local whose every read is in a statement assigning a name already in the set.</summary>
        public HashSet<string> FeedingOnly(string root)
        {
            var chain = new HashSet<string> { root };
            bool changed = true;
            while (changed)
            {
                changed = false;
                var chainStatements = new HashSet<Stmt>(chain.SelectMany(Assignments), ReferenceComparer.Instance);
                foreach (Stmt statement in chainStatements)
                {
                    foreach (string name in ExprRewriter.Variables(((AssignStatement)statement).Value))
                    {
                        if (!chain.Contains(name) && IsLocal(name) && Readers(name).All(r => chainStatements.Contains(r.Reader)))
                        {
                            chain.Add(name);
                            changed = true;
                        }
                    }
                }
            }

            return chain;
        }
    }
}

/// <summary>What <see cref="ShiftInvariance.Find"/> found: the names with no derivative, and the log-sum-exp statements by their shift.</summary>
internal sealed record Shifts(HashSet<string> Names, IReadOnlyDictionary<Stmt, string> Statements);
